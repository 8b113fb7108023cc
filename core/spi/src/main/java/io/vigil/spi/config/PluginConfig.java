package io.vigil.spi.config;

import java.net.URI;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A configuration that passed its {@link ConfigSpec}: values are present, well-formed and defaults are filled in.
 *
 * <p>Typed getters throw {@link IllegalStateException} for a missing required value, which can only mean the plugin
 * asked for a field its spec does not declare as required.
 */
public record PluginConfig(Map<String, String> values) {

    public PluginConfig {
        values = Map.copyOf(Objects.requireNonNull(values, "values is null"));
    }

    public static PluginConfig empty() {
        return new PluginConfig(Map.of());
    }

    public Optional<String> get(String name) {
        return Optional.ofNullable(values.get(name));
    }

    public String string(String name) {
        return get(name).orElseThrow(() -> missing(name));
    }

    public long integer(String name) {
        return Long.parseLong(string(name));
    }

    public boolean bool(String name) {
        return get(name).map(Boolean::parseBoolean).orElse(false);
    }

    public URI url(String name) {
        return URI.create(string(name));
    }

    public Duration duration(String name) {
        return parseDuration(string(name));
    }

    private static IllegalStateException missing(String name) {
        return new IllegalStateException(
                "config value '" + name + "' is absent; declare it required or give it a default");
    }

    /**
     * Reads {@code PT15M}-style ISO-8601 durations and the short forms people type: {@code 90s}, {@code 15m},
     * {@code 2h}, {@code 1d}.
     */
    public static Duration parseDuration(String text) {
        String value = text.strip();
        try {
            if (value.toUpperCase(Locale.ROOT).startsWith("P")) {
                return Duration.parse(value.toUpperCase(Locale.ROOT));
            }
            char unit = Character.toLowerCase(value.charAt(value.length() - 1));
            long amount = Long.parseLong(value.substring(0, value.length() - 1).strip());
            Duration duration =
                    switch (unit) {
                        case 's' -> Duration.ofSeconds(amount);
                        case 'm' -> Duration.ofMinutes(amount);
                        case 'h' -> Duration.ofHours(amount);
                        case 'd' -> Duration.ofDays(amount);
                        default -> throw new IllegalArgumentException(unit + "");
                    };
            if (duration.isNegative()) {
                throw new IllegalArgumentException("negative");
            }
            return duration;
        } catch (DateTimeParseException | IllegalArgumentException | StringIndexOutOfBoundsException e) {
            throw new IllegalArgumentException("must be a duration such as 15m, 2h, 1d or PT15M, not '" + text + "'");
        }
    }
}
