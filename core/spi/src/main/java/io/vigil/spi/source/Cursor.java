package io.vigil.spi.source;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a source remembers between fetches — an ETag, a Last-Modified date, the last id seen, file fingerprints —
 * stored by the platform with the source as string pairs, so it survives restarts. Immutable.
 */
public record Cursor(Map<String, String> values) {

    public static final Cursor EMPTY = new Cursor(Map.of());

    public Cursor {
        values = Map.copyOf(Objects.requireNonNull(values, "values is null"));
    }

    public Optional<String> get(String key) {
        return Optional.ofNullable(values.get(key));
    }

    /** A copy with {@code key} set to {@code value}, or removed when {@code value} is {@code null}. */
    public Cursor with(String key, String value) {
        Map<String, String> copy = new HashMap<>(values);
        if (value == null) {
            copy.remove(key);
        } else {
            copy.put(key, value);
        }
        return new Cursor(copy);
    }
}
