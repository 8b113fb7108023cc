package io.vigil.spi.config;

import java.net.URI;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The configuration fields a plugin type accepts, and the validation the platform runs before the plugin sees a value.
 *
 * <p>Validation is strict on purpose: an unknown key is refused (it is usually a typo), every value is checked
 * against its field's type, and defaults are filled in, so {@code create} receives a complete {@link PluginConfig}.
 */
public record ConfigSpec(List<ConfigField> fields) {

    private static final Pattern EMAIL = Pattern.compile("[^@\\s,]+@[^@\\s,]+\\.[^@\\s,]+");

    /**
     * The longest value of a one-line setting (a name, a URL, a path, a list of addresses): generous for any real one,
     * so a caller cannot store a megabyte in a source's or channel's settings.
     */
    public static final int MAX_LINE_LENGTH = 10_000;

    /** The longest value of a {@link FieldType#TEXT} setting (several lines, such as request headers). */
    public static final int MAX_TEXT_LENGTH = 100_000;

    /**
     * How many unknown settings one refusal names; the rest are counted in one more problem. A refusal that named each
     * would let any caller who may preview a rule turn a 20 MiB body of made-up keys into a 90 MiB answer.
     */
    static final int MAX_UNKNOWN_NAMED = 10;

    /** The longest unknown setting name a refusal repeats; a longer one is cut with an ellipsis. */
    static final int MAX_NAME_SHOWN = 100;

    public ConfigSpec {
        fields = List.copyOf(Objects.requireNonNull(fields, "fields is null"));
        Set<String> names = new HashSet<>();
        for (ConfigField field : fields) {
            if (!names.add(field.name())) {
                throw new IllegalArgumentException("config field '" + field.name() + "' is declared twice");
            }
        }
    }

    public static ConfigSpec of(ConfigField... fields) {
        return new ConfigSpec(List.of(fields));
    }

    public static ConfigSpec empty() {
        return new ConfigSpec(List.of());
    }

    public Optional<ConfigField> field(String name) {
        return fields.stream().filter(f -> f.name().equals(name)).findFirst();
    }

    /**
     * Checks raw user input and returns it completed with defaults.
     *
     * @throws InvalidConfigException listing every field that is missing or malformed, and the first
     *     {@value #MAX_UNKNOWN_NAMED} unknown ones (the rest counted)
     */
    public PluginConfig validate(Map<String, String> input) {
        Map<String, String> raw = input == null ? Map.of() : input;
        List<ConfigProblem> problems = new ArrayList<>();
        int unknown = 0;
        String firstUnnamed = null;
        for (String key : raw.keySet()) {
            if (field(key).isEmpty()) {
                unknown++;
                if (unknown <= MAX_UNKNOWN_NAMED) {
                    problems.add(new ConfigProblem(shown(key), "is not a known setting (known: " + fieldNames() + ")"));
                } else if (firstUnnamed == null) {
                    firstUnnamed = shown(key);
                }
            }
        }
        if (unknown > MAX_UNKNOWN_NAMED) {
            problems.add(new ConfigProblem(
                    firstUnnamed, "and " + (unknown - MAX_UNKNOWN_NAMED) + " more settings that are not known"));
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (ConfigField field : fields) {
            String value = raw.get(field.name());
            if (value == null || value.isBlank()) {
                value = field.defaultValue();
            } else {
                value = value.strip();
            }
            if (value == null || value.isBlank()) {
                if (field.required()) {
                    problems.add(new ConfigProblem(field.name(), "is required"));
                }
                continue;
            }
            String problem = check(field, value);
            if (problem != null) {
                problems.add(new ConfigProblem(field.name(), problem));
            } else {
                values.put(field.name(), value);
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidConfigException(problems);
        }
        return new PluginConfig(values);
    }

    private static String shown(String key) {
        return key.length() <= MAX_NAME_SHOWN ? key : key.substring(0, MAX_NAME_SHOWN) + "…";
    }

    private String fieldNames() {
        return fields.isEmpty()
                ? "none"
                : String.join(", ", fields.stream().map(ConfigField::name).toList());
    }

    private static String check(ConfigField field, String value) {
        int limit = field.type() == FieldType.TEXT ? MAX_TEXT_LENGTH : MAX_LINE_LENGTH;
        if (value.length() > limit) {
            return "is " + value.length() + " characters long; the limit is " + limit + " characters";
        }
        return switch (field.type()) {
            case STRING -> value.contains("\n") ? "must be a single line" : null;
            case PATH -> checkPath(value);
            case TEXT -> null;
            case INTEGER -> {
                try {
                    Long.parseLong(value);
                    yield null;
                } catch (NumberFormatException e) {
                    yield "must be a whole number, not '" + value + "'";
                }
            }
            case BOOLEAN ->
                value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false")
                        ? null
                        : "must be true or false, not '" + value + "'";
            case URL -> checkUrl(value);
            case EMAIL -> {
                for (String address : value.split(",")) {
                    if (!EMAIL.matcher(address.strip()).matches()) {
                        yield "'" + address.strip() + "' is not an e-mail address";
                    }
                }
                yield null;
            }
            case DURATION -> {
                try {
                    PluginConfig.parseDuration(value);
                    yield null;
                } catch (IllegalArgumentException e) {
                    yield e.getMessage();
                }
            }
            case CHOICE ->
                field.options().contains(value)
                        ? null
                        : "must be one of " + String.join(", ", field.options()) + ", not '" + value + "'";
        };
    }

    /**
     * A path the file system can name: one line, and one {@link Path#of} takes (no NUL character, say), so a refusal
     * comes when the settings are saved or tried, not as a fetch's failure.
     */
    private static String checkPath(String value) {
        if (value.contains("\n")) {
            return "must be a single line";
        }
        try {
            Path.of(value);
            return null;
        } catch (InvalidPathException e) {
            return "is not a path this system can use: " + e.getReason();
        }
    }

    private static String checkUrl(String value) {
        try {
            URI uri = new URI(value);
            String scheme = uri.getScheme();
            if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))) {
                return "must be an http or https URL, not '" + value + "'";
            }
            if (uri.getHost() == null || uri.getHost().isBlank()) {
                return "has no host: '" + value + "'";
            }
            return null;
        } catch (Exception e) {
            return "is not a valid URL: '" + value + "'";
        }
    }
}
