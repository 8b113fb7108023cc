package io.vigil.web.ui;

import io.vigil.engine.plugin.PluginRegistry;
import io.vigil.spi.PluginFactory;
import io.vigil.spi.PluginKind;
import io.vigil.spi.config.ConfigSpec;
import io.vigil.web.ui.ConfigForm.Input;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The add or edit form of something a plugin type configures, a source or a channel: its name, the enabled switch and
 * one input per field of the type's config spec ({@link ConfigForm}). The pages read a posted form into a
 * {@link Posted} and, when their catalog refuses it, show the form again with the refusal where it belongs.
 *
 * @param id what is edited, or {@code null} when adding
 * @param type the plugin type's name, posted back in a hidden input
 * @param typeLabel the type's label, for the heading
 * @param nameError the problem with the name, or {@code null}
 * @param problem a problem that belongs to no input, shown above the form, or {@code null}
 */
public record PluginForm(
        Long id,
        String type,
        String typeLabel,
        String name,
        String nameError,
        boolean enabled,
        List<Input> inputs,
        String problem) {

    /** The posted name of the name input, which a refusal names to put its message next to it. */
    static final String NAME = "name";

    /** A type one can add, for the type picker. */
    public record TypeOption(String type, String label) {}

    public PluginForm {
        inputs = List.copyOf(inputs);
    }

    /** The form to add one of the factory's type: no name, the spec's defaults, enabled. */
    static PluginForm adding(PluginFactory factory) {
        return new PluginForm(
                null,
                factory.type(),
                factory.label(),
                "",
                null,
                true,
                ConfigForm.inputs(factory.configSpec(), Map.of(), null, null, false),
                null);
    }

    /** The form to edit what is saved; secret fields stay empty. */
    static PluginForm editing(
            long id, PluginFactory factory, String name, boolean enabled, Map<String, String> config) {
        return new PluginForm(
                id,
                factory.type(),
                factory.label(),
                name,
                null,
                enabled,
                ConfigForm.inputs(factory.configSpec(), config, null, null, true),
                null);
    }

    /** The installed types of a kind, by type name. */
    static List<TypeOption> typeOptions(PluginRegistry plugins, PluginKind kind) {
        return plugins.all().stream()
                .filter(installed -> installed.kind() == kind)
                .map(installed -> new TypeOption(
                        installed.factory().type(), installed.factory().label()))
                .toList();
    }

    /**
     * What a posted form holds, read into typed values.
     *
     * @param id what is edited, or {@code null} when adding
     * @param factory the factory of the posted type
     * @param name the posted name, stripped
     * @param enabled {@code false} only when the form says so, as the enabled checkbox's hidden twin does
     * @param config the config values, as {@link ConfigForm#posted} reads them
     */
    record Posted(Long id, PluginFactory factory, String name, boolean enabled, Map<String, String> config) {

        Posted {
            Objects.requireNonNull(factory, "factory is null");
            config = Collections.unmodifiableMap(new HashMap<>(config));
        }

        /**
         * Reads the posted fields of the form.
         *
         * @param saved the config saved so far, whose secrets a blank secret input keeps; empty when adding
         */
        static Posted read(Long id, PluginFactory factory, Map<String, String> form, Map<String, String> saved) {
            return new Posted(
                    id,
                    factory,
                    form.getOrDefault(NAME, "").strip(),
                    !"false".equals(form.get("enabled")),
                    ConfigForm.posted(factory.configSpec(), form, saved));
        }

        String type() {
            return factory.type();
        }

        /**
         * The form again with what was posted and why it was refused: next to the name when {@code field} is the name,
         * in the input of a config field of that name, otherwise above the form.
         */
        PluginForm refused(String field, String message) {
            ConfigSpec spec = factory.configSpec();
            boolean onName = NAME.equals(field);
            boolean onInput = field != null && spec.field(field).isPresent();
            return new PluginForm(
                    id,
                    factory.type(),
                    factory.label(),
                    name,
                    onName ? message : null,
                    enabled,
                    ConfigForm.inputs(spec, config, field, message, id != null),
                    onName || onInput ? null : message);
        }
    }
}
