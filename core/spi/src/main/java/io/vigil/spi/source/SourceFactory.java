package io.vigil.spi.source;

import io.vigil.spi.PermanentFailureException;
import io.vigil.spi.PluginFactory;
import io.vigil.spi.config.PluginConfig;

/** Describes a source type and creates its instances, one per configured source. */
public interface SourceFactory extends PluginFactory {

    /**
     * Creates the source for one user-configured source. Called when the source is created or its configuration
     * changes, and at start-up; the previous instance is {@linkplain Source#close() closed} first.
     *
     * @throws PermanentFailureException when the configuration, though well-formed, cannot work (a folder that is a
     *     file, say); the message is shown on the source
     */
    Source create(PluginConfig config, SourceContext context) throws PermanentFailureException;
}
