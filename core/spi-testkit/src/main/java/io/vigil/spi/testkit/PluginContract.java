package io.vigil.spi.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.vigil.pluginloader.PluginClassLoader;
import io.vigil.spi.Plugin;
import io.vigil.spi.PluginFactory;
import io.vigil.spi.config.ConfigField;
import java.io.File;
import java.net.MalformedURLException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The contract every plugin passes. Extend it in your plugin's tests and name the plugin class:
 *
 * <pre>{@code
 * class JsonFeedPluginTest extends PluginContract {
 *     JsonFeedPluginTest() { super(JsonFeedPlugin.class); }
 * }
 * }</pre>
 *
 * <p>The plugin is loaded as Vigil loads a plugin folder: through {@link ServiceLoader} in the same isolated {@link
 * PluginClassLoader}, which sees the JDK, the SPI and the plugin's own classes and libraries (here: the test's class
 * path without the SPI, this kit, JUnit and AssertJ), and with that loader as the thread's context loader around every
 * call. A plugin that needs a class only the host has, or loads its libraries through the wrong loader, fails here as
 * it would in production.
 */
public abstract class PluginContract {

    private static final Pattern TYPE_NAME = Pattern.compile("[a-z][a-z0-9-]*");

    /** Class path entries of the test's own machinery, by file name: never part of a plugin folder. */
    private static final List<String> TEST_MACHINERY =
            List.of("junit-", "opentest4j", "apiguardian", "assertj-", "byte-buddy", "surefire", "hamcrest");

    private static final Map<String, PluginClassLoader> LOADERS = new ConcurrentHashMap<>();

    private final Class<? extends Plugin> pluginClass;

    protected PluginContract(Class<? extends Plugin> pluginClass) {
        this.pluginClass = pluginClass;
    }

    /**
     * The plugin folder's class path as production would have it: the plugin's classes and every library on the test
     * class path, except the SPI (the host's), this kit, its loader, and the test frameworks. Override to name the
     * jars exactly (say, those the packaging helper put under {@code target/}).
     */
    protected List<URL> pluginClassPath() {
        Set<Path> excluded = new HashSet<>();
        for (Class<?> hostSide :
                List.of(Plugin.class, PluginContract.class, PluginClassLoader.class, Test.class, getClass())) {
            excluded.add(location(hostSide));
        }
        List<URL> urls = new ArrayList<>();
        try {
            urls.add(location(pluginClass).toUri().toURL());
            for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
                if (entry.isBlank()) {
                    continue;
                }
                Path path = Path.of(entry).toAbsolutePath().normalize();
                String name =
                        path.getFileName() == null ? "" : path.getFileName().toString();
                if (excluded.contains(path)
                        || path.equals(location(pluginClass))
                        || TEST_MACHINERY.stream().anyMatch(name::startsWith)) {
                    continue;
                }
                urls.add(path.toUri().toURL());
            }
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        }
        return urls;
    }

    private static Path location(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain()
                            .getCodeSource()
                            .getLocation()
                            .toURI())
                    .toAbsolutePath()
                    .normalize();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The isolated loader of this plugin, made once per plugin class. */
    protected final PluginClassLoader isolatedLoader() {
        return LOADERS.computeIfAbsent(
                pluginClass.getName(), name -> new PluginClassLoader(pluginClass.getSimpleName(), pluginClassPath()));
    }

    /** Runs {@code call} with the plugin's loader as the thread's context loader, as Vigil calls plugins. */
    protected final <T> T inPluginContext(Supplier<T> call) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(isolatedLoader());
        try {
            return call.get();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    /** The plugin as Vigil would load it from its folder. */
    protected final Plugin loadedPlugin() {
        PluginClassLoader loader = isolatedLoader();
        return inPluginContext(() -> ServiceLoader.load(Plugin.class, loader).stream()
                .filter(provider -> provider.type().getName().equals(pluginClass.getName()))
                .findFirst()
                .orElseThrow(() -> new AssertionError(pluginClass.getName()
                        + " is not registered in META-INF/services/" + Plugin.class.getName()
                        + " (or does not load in an isolated class loader)"))
                .get());
    }

    private List<PluginFactory> factories(Plugin plugin) {
        return inPluginContext(() -> {
            List<PluginFactory> all = new ArrayList<>();
            all.addAll(plugin.sourceFactories());
            all.addAll(plugin.ruleTypeFactories());
            all.addAll(plugin.notifierFactories());
            return all;
        });
    }

    @Test
    void loadsThroughServiceLoaderInAnIsolatedClassLoader() {
        Plugin plugin = loadedPlugin();
        assertThat(plugin.getClass().getName()).isEqualTo(pluginClass.getName());
        assertThat(plugin.getClass().getClassLoader())
                .as("loaded by the isolated plugin loader, not the test's")
                .isSameAs(isolatedLoader());
        for (PluginFactory factory : factories(plugin)) {
            assertThat(factory.getClass().getClassLoader())
                    .as("the factory of '%s' comes from the plugin's own loader", factory.type())
                    .isSameAs(isolatedLoader());
            assertThat(factory.configSpec().getClass().getClassLoader())
                    .as("the SPI types are the host's")
                    .isSameAs(ConfigField.class.getClassLoader());
        }
    }

    @Test
    void contributesAtLeastOneType() {
        assertThat(factories(loadedPlugin()))
                .as("factories of " + pluginClass.getSimpleName())
                .isNotEmpty();
    }

    @Test
    void typeNamesAreStableLowercaseAndUniquePerKind() {
        Plugin plugin = loadedPlugin();
        for (List<? extends PluginFactory> kind :
                List.of(plugin.sourceFactories(), plugin.ruleTypeFactories(), plugin.notifierFactories())) {
            Set<String> seen = new HashSet<>();
            for (PluginFactory factory : kind) {
                assertThat(factory.type()).matches(TYPE_NAME);
                assertThat(seen.add(factory.type()))
                        .as("type '%s' is declared twice", factory.type())
                        .isTrue();
                assertThat(factory.label()).as("label of " + factory.type()).isNotBlank();
            }
        }
    }

    @Test
    void configSpecsAreHelpfulAndTheirDefaultsValidate() {
        for (PluginFactory factory : factories(loadedPlugin())) {
            Map<String, String> sample = new HashMap<>();
            for (ConfigField field : factory.configSpec().fields()) {
                assertThat(field.label())
                        .as(factory.type() + "." + field.name() + " label")
                        .isNotBlank();
                if (field.required() && field.defaultValue() == null) {
                    sample.put(field.name(), sampleValue(field));
                }
            }
            assertThatCode(() -> inPluginContext(() -> factory.configSpec().validate(sample)))
                    .as("the spec of '%s' accepts its own defaults", factory.type())
                    .doesNotThrowAnyException();
        }
    }

    /** A valid value for a required field without default; override for fields whose values need more care. */
    protected String sampleValue(ConfigField field) {
        return switch (field.type()) {
            case STRING, TEXT, PATH -> "sample";
            case INTEGER -> "1";
            case BOOLEAN -> "true";
            case URL -> "https://example.org/feed";
            case EMAIL -> "analyst@example.org";
            case DURATION -> "PT5M";
            case CHOICE -> field.options().get(0);
        };
    }
}
