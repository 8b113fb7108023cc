package io.vigil.spi.config;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One configuration field of a plugin type, from which the UI renders a form input and the platform validates a value.
 *
 * @param name the key in the configuration map, such as {@code url}; lowercase letters, digits, {@code -} and {@code .}
 * @param label the human label shown next to the input
 * @param type how the value is rendered and checked
 * @param required whether a value must be given (a default counts as given)
 * @param defaultValue the value used when none is given, or {@code null}
 * @param help one sentence shown under the input
 * @param secret write-only: masked in forms and never returned by the API once saved
 * @param options the allowed values of a {@link FieldType#CHOICE} field; empty otherwise
 */
public record ConfigField(
        String name,
        String label,
        FieldType type,
        boolean required,
        String defaultValue,
        String help,
        boolean secret,
        List<String> options) {

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9.-]*");

    public ConfigField {
        Objects.requireNonNull(name, "name is null");
        Objects.requireNonNull(label, "label is null");
        Objects.requireNonNull(type, "type is null");
        help = help == null ? "" : help;
        options = options == null ? List.of() : List.copyOf(options);
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(
                    "config field name '" + name + "' must be lowercase letters, digits, '-' or '.'");
        }
        if (type == FieldType.CHOICE && options.isEmpty()) {
            throw new IllegalArgumentException("choice field '" + name + "' lists no options");
        }
        if (type != FieldType.CHOICE && !options.isEmpty()) {
            throw new IllegalArgumentException("only choice fields have options, but '" + name + "' is " + type);
        }
    }

    /** Starts a field; finish it with the {@code with…} methods. Fields are optional, not secret, without default. */
    public static ConfigField of(String name, String label, FieldType type) {
        return new ConfigField(name, label, type, false, null, "", false, List.of());
    }

    public ConfigField asRequired() {
        return new ConfigField(name, label, type, true, defaultValue, help, secret, options);
    }

    public ConfigField withDefault(String value) {
        return new ConfigField(name, label, type, required, value, help, secret, options);
    }

    public ConfigField withHelp(String text) {
        return new ConfigField(name, label, type, required, defaultValue, text, secret, options);
    }

    public ConfigField asSecret() {
        return new ConfigField(name, label, type, required, defaultValue, help, true, options);
    }

    public ConfigField withOptions(List<String> choices) {
        return new ConfigField(name, label, type, required, defaultValue, help, secret, choices);
    }
}
