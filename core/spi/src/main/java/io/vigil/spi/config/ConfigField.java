package io.vigil.spi.config;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One configuration field of a plugin type, from which the UI renders a form input and the platform validates a value.
 *
 * @param name the key in the configuration map, such as {@code url} or {@code botToken}: a lowercase letter, then
 *     letters, digits, {@code -} and {@code .} (camelCase where a service's own API names the setting so)
 * @param label the human label shown next to the input
 * @param type how the value is rendered and checked
 * @param required whether a value must be given (a default counts as given)
 * @param defaultValue the value used when none is given, or {@code null}
 * @param help one sentence shown under the input
 * @param secret write-only: masked in forms and never returned by the API once saved
 * @param options the allowed values of a {@link FieldType#CHOICE} field; empty otherwise
 * @param credentialUrl a {@link FieldType#URL} whose path and query are themselves a credential, as a Slack or Discord
 *     webhook URL is: the platform shows it whole to admins only and masks it for everyone else. Any URL field's
 *     user-info and token-like query parameters are masked for them too, without this flag.
 */
public record ConfigField(
        String name,
        String label,
        FieldType type,
        boolean required,
        String defaultValue,
        String help,
        boolean secret,
        List<String> options,
        boolean credentialUrl) {

    private static final Pattern NAME = Pattern.compile("[a-z][a-zA-Z0-9.-]*");

    public ConfigField {
        Objects.requireNonNull(name, "name is null");
        Objects.requireNonNull(label, "label is null");
        Objects.requireNonNull(type, "type is null");
        help = help == null ? "" : help;
        options = options == null ? List.of() : List.copyOf(options);
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(
                    "config field name '" + name + "' must be a lowercase letter, then letters, digits, '-' or '.'");
        }
        if (type == FieldType.CHOICE && options.isEmpty()) {
            throw new IllegalArgumentException("choice field '" + name + "' lists no options");
        }
        if (type != FieldType.CHOICE && !options.isEmpty()) {
            throw new IllegalArgumentException("only choice fields have options, but '" + name + "' is " + type);
        }
        if (credentialUrl && type != FieldType.URL) {
            throw new IllegalArgumentException("only URL fields carry credentials, but '" + name + "' is " + type);
        }
    }

    /** A field whose URL, if it is one, carries no credential of its own (the form plugins written before it use). */
    public ConfigField(
            String name,
            String label,
            FieldType type,
            boolean required,
            String defaultValue,
            String help,
            boolean secret,
            List<String> options) {
        this(name, label, type, required, defaultValue, help, secret, options, false);
    }

    /** Starts a field; finish it with the {@code with…} methods. Fields are optional, not secret, without default. */
    public static ConfigField of(String name, String label, FieldType type) {
        return new ConfigField(name, label, type, false, null, "", false, List.of(), false);
    }

    public ConfigField asRequired() {
        return new ConfigField(name, label, type, true, defaultValue, help, secret, options, credentialUrl);
    }

    public ConfigField withDefault(String value) {
        return new ConfigField(name, label, type, required, value, help, secret, options, credentialUrl);
    }

    public ConfigField withHelp(String text) {
        return new ConfigField(name, label, type, required, defaultValue, text, secret, options, credentialUrl);
    }

    public ConfigField asSecret() {
        return new ConfigField(name, label, type, required, defaultValue, help, true, options, credentialUrl);
    }

    public ConfigField withOptions(List<String> choices) {
        return new ConfigField(name, label, type, required, defaultValue, help, secret, choices, credentialUrl);
    }

    /**
     * Marks a URL field as a credential in itself (a chat service's webhook URL): shown whole to admins only, masked
     * for viewers and analysts in the API and the pages, and a masked value sent back keeps the saved URL.
     */
    public ConfigField asCredentialUrl() {
        return new ConfigField(name, label, type, required, defaultValue, help, secret, options, true);
    }
}
