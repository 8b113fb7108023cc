package io.vigil.engine.plugin;

import io.vigil.engine.source.SourceSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.nio.file.Path;

/** Makes the {@link PluginRegistry} a bean, loaded once at start-up from the class path and the plugins folder. */
@ApplicationScoped
class PluginRegistryProducer {

    @Produces
    @Singleton
    PluginRegistry pluginRegistry(SourceSettings settings) {
        return PluginRegistry.load(
                Thread.currentThread().getContextClassLoader(),
                Path.of(settings.pluginsPath()).toAbsolutePath().normalize());
    }
}
