package io.vigil.spi.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.vigil.spi.Plugin;
import io.vigil.spi.PluginFactory;
import io.vigil.spi.config.ConfigField;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
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
 */
public abstract class PluginContract {

    private static final Pattern TYPE_NAME = Pattern.compile("[a-z][a-z0-9-]*");

    private final Class<? extends Plugin> pluginClass;

    protected PluginContract(Class<? extends Plugin> pluginClass) {
        this.pluginClass = pluginClass;
    }

    private Plugin loadedPlugin() {
        return ServiceLoader.load(Plugin.class, pluginClass.getClassLoader()).stream()
                .filter(provider -> provider.type().equals(pluginClass))
                .findFirst()
                .orElseThrow(() -> new AssertionError(
                        pluginClass.getName() + " is not registered in META-INF/services/" + Plugin.class.getName()))
                .get();
    }

    private List<PluginFactory> factories(Plugin plugin) {
        List<PluginFactory> all = new ArrayList<>();
        all.addAll(plugin.sourceFactories());
        all.addAll(plugin.ruleTypeFactories());
        all.addAll(plugin.notifierFactories());
        return all;
    }

    @Test
    void loadsThroughServiceLoader() {
        assertThat(loadedPlugin()).isInstanceOf(pluginClass);
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
            assertThatCode(() -> factory.configSpec().validate(sample))
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
