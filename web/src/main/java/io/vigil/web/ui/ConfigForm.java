package io.vigil.web.ui;

import io.vigil.engine.secret.CredentialMasks;
import io.vigil.spi.config.ConfigField;
import io.vigil.spi.config.ConfigSpec;
import io.vigil.spi.config.FieldType;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A form drawn from a plugin's {@link ConfigSpec}: one input per field with its label, help, required mark and the
 * value to show. Secret fields are never filled in: left empty on an edit, they keep their saved value.
 */
public final class ConfigForm {

    /** The prefix of config inputs in a posted form: {@code config.url}. */
    public static final String PREFIX = "config.";

    private ConfigForm() {}

    /**
     * One input.
     *
     * @param name the posted name, {@code config.} + the field's name
     * @param id the element id, for the label
     * @param input {@code text}, {@code url}, {@code email}, {@code number}, {@code password}, {@code textarea},
     *     {@code checkbox} or {@code select}
     * @param error the problem with the value last posted, or null
     */
    public record Input(
            String name,
            String id,
            String label,
            String input,
            boolean required,
            String help,
            boolean secret,
            String value,
            List<String> options,
            String error) {
        public boolean checked() {
            return "true".equalsIgnoreCase(value);
        }

        public boolean isTextarea() {
            return input.equals("textarea");
        }

        public boolean isCheckbox() {
            return input.equals("checkbox");
        }

        public boolean isSelect() {
            return input.equals("select");
        }
    }

    /** The inputs for {@code spec}, showing {@code values} (secrets excepted) and the error of {@code errorField}. */
    public static List<Input> inputs(
            ConfigSpec spec, Map<String, String> values, String errorField, String error, boolean editing) {
        return spec.fields().stream()
                .map(field -> input(field, values, errorField, error, editing))
                .toList();
    }

    private static Input input(
            ConfigField field, Map<String, String> values, String errorField, String error, boolean editing) {
        String value = field.secret() ? "" : values.getOrDefault(field.name(), field.defaultValue());
        String help = field.help();
        if (field.secret() && editing) {
            help = (help.isEmpty() ? "" : help + " ") + "Leave empty to keep the saved value.";
        }
        return new Input(
                PREFIX + field.name(),
                "config-" + field.name().replace('.', '-'),
                field.label(),
                inputType(field),
                field.required() && field.defaultValue() == null && !(field.secret() && editing),
                help,
                field.secret(),
                value,
                field.options(),
                field.name().equals(errorField) ? error : null);
    }

    private static String inputType(ConfigField field) {
        if (field.secret() && field.type() != FieldType.TEXT) {
            // a secret of several lines (request headers) stays a textarea: a password input holds one line
            return "password";
        }
        return switch (field.type()) {
            case STRING, DURATION, PATH -> "text";
            case TEXT -> "textarea";
            case INTEGER -> "number";
            case BOOLEAN -> "checkbox";
            case URL -> "url";
            case EMAIL -> "email";
            case CHOICE -> "select";
        };
    }

    /**
     * The config values posted in a form ({@code config.*} inputs), blanks left out; a secret left blank on an edit
     * keeps {@code saved}'s value as the API does ({@link CredentialMasks#keepSaved}: only while the addresses keep
     * their origin).
     */
    public static Map<String, String> posted(ConfigSpec spec, Map<String, String> form, Map<String, String> saved) {
        Map<String, String> config = new HashMap<>();
        for (ConfigField field : spec.fields()) {
            String value = form.get(PREFIX + field.name());
            if (value != null && !value.isBlank()) {
                config.put(field.name(), value.strip());
            } else if (field.type() == FieldType.BOOLEAN && value == null) {
                config.put(field.name(), "false");
            }
        }
        return CredentialMasks.keepSaved(spec, saved, config);
    }
}
