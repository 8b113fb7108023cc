package io.vigil.engine.plugin;

import io.vigil.engine.input.LoggedText;
import io.vigil.spi.Plugin;
import io.vigil.spi.PluginFactory;
import io.vigil.spi.PluginKind;
import io.vigil.spi.notify.NotifierFactory;
import io.vigil.spi.rule.RuleTypeFactory;
import io.vigil.spi.source.SourceFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import org.jboss.logging.Logger;

/**
 * Every plugin type installed in this Vigil, by kind and type name: the built-ins on the class path and the
 * third-party jars in the plugins folder, found the same way, through {@link ServiceLoader}.
 *
 * <p>Built-in type names must be unique: a clash among them is a packaging error and stops start-up. A third-party
 * plugin that clashes with an installed type, or fails to load, is left out and reported in {@link #problems()}; Vigil
 * runs on without it. Immutable once built; safe to share.
 */
public final class PluginRegistry {

    private static final Logger LOG = Logger.getLogger(PluginRegistry.class);

    private final Map<PluginKind, Map<String, InstalledType>> types = new EnumMap<>(PluginKind.class);
    private final List<String> problems = new ArrayList<>();

    private PluginRegistry() {
        for (PluginKind kind : PluginKind.values()) {
            types.put(kind, new LinkedHashMap<>());
        }
    }

    /**
     * Loads the built-in plugins visible to {@code builtInLoader}, then one plugin per sub-folder of
     * {@code pluginsFolder} (each in its own class loader that shares only the SPI).
     */
    public static PluginRegistry load(ClassLoader builtInLoader, Path pluginsFolder) {
        PluginRegistry registry = new PluginRegistry();
        for (Plugin plugin : ServiceLoader.load(Plugin.class, builtInLoader)) {
            registry.register(plugin, "built-in", true);
        }
        for (PluginFolder folder : PluginFolder.scan(pluginsFolder, registry.problems)) {
            try {
                List<Plugin> found = new ArrayList<>();
                ServiceLoader.load(Plugin.class, folder.classLoader()).stream()
                        .filter(provider -> provider.type().getClassLoader() == folder.classLoader())
                        .forEach(provider -> found.add(provider.get()));
                if (found.isEmpty()) {
                    registry.problem("plugin folder " + folder.path() + " holds no io.vigil.spi.Plugin service");
                }
                for (Plugin plugin : found) {
                    registry.register(plugin, folder.path().toString(), false);
                }
            } catch (ServiceConfigurationError | LinkageError | RuntimeException e) {
                registry.problem("plugin folder " + folder.path() + " failed to load: " + describe(e));
            }
        }
        return registry;
    }

    private void register(Plugin plugin, String origin, boolean builtIn) {
        List<PluginFactory> contributed = new ArrayList<>();
        try {
            add(PluginKind.SOURCE, plugin.sourceFactories(), origin, builtIn, contributed);
            add(PluginKind.RULE, plugin.ruleTypeFactories(), origin, builtIn, contributed);
            add(PluginKind.NOTIFIER, plugin.notifierFactories(), origin, builtIn, contributed);
        } catch (RuntimeException | LinkageError e) {
            if (builtIn) {
                throw e;
            }
            // All or nothing: a plugin that fails half-way contributes none of its types.
            for (PluginFactory factory : contributed) {
                types.values().forEach(byName -> byName.values().removeIf(t -> t.factory() == factory));
            }
            problem("plugin " + plugin.getClass().getName() + " from " + origin + " failed to list its types: "
                    + describe(e));
        }
    }

    private void add(
            PluginKind kind,
            List<? extends PluginFactory> factories,
            String origin,
            boolean builtIn,
            List<PluginFactory> contributed) {
        for (PluginFactory factory : factories) {
            String type = factory.type();
            InstalledType existing = types.get(kind).get(type);
            if (existing != null) {
                String message = kind.label() + " type '" + type + "' from " + origin + " is already provided by "
                        + existing.origin() + " ("
                        + existing.factory().getClass().getName() + ")";
                if (builtIn) {
                    throw new IllegalStateException(message);
                }
                problem(message + "; the plugin's type is ignored");
                continue;
            }
            factory.configSpec(); // a plugin whose spec cannot even be built is reported now, not in the UI later
            types.get(kind).put(type, new InstalledType(kind, factory, origin));
            contributed.add(factory);
            LOG.infof(
                    "registered %s type '%s' (%s) from %s",
                    kind.label(), type, factory.getClass().getName(), origin);
        }
    }

    /** The error and its causes in one line, since the cause ("no licence key") is what a user can act on. */
    private static String describe(Throwable error) {
        StringBuilder text = new StringBuilder(error.toString());
        for (Throwable cause = error.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            text.append("; caused by ").append(cause);
        }
        return text.toString();
    }

    private void problem(String message) {
        LOG.warn(LoggedText.of(message));
        problems.add(message);
    }

    public Optional<SourceFactory> sourceFactory(String type) {
        return factory(PluginKind.SOURCE, type, SourceFactory.class);
    }

    public Optional<RuleTypeFactory> ruleTypeFactory(String type) {
        return factory(PluginKind.RULE, type, RuleTypeFactory.class);
    }

    public Optional<NotifierFactory> notifierFactory(String type) {
        return factory(PluginKind.NOTIFIER, type, NotifierFactory.class);
    }

    private <T> Optional<T> factory(PluginKind kind, String type, Class<T> expected) {
        return Optional.ofNullable(types.get(kind).get(type)).map(t -> expected.cast(t.factory()));
    }

    /** All installed types, by kind then type name. */
    public List<InstalledType> all() {
        List<InstalledType> all = new ArrayList<>();
        types.values().forEach(byName -> all.addAll(byName.values()));
        all.sort(Comparator.comparing((InstalledType t) -> t.kind())
                .thenComparing(t -> t.factory().type()));
        return all;
    }

    /** The type names of one kind, for error messages ("known types: folder, rss"). */
    public List<String> typeNames(PluginKind kind) {
        return types.get(kind).keySet().stream().sorted().toList();
    }

    /** Plugins left out at start-up, and why. */
    public List<String> problems() {
        return List.copyOf(problems);
    }
}
