package io.vigil.spi.config;

import java.util.Objects;

/** Why one field's value was refused, in words meant for the user who typed it. */
public record ConfigProblem(String field, String message) {
    public ConfigProblem {
        Objects.requireNonNull(field, "field is null");
        Objects.requireNonNull(message, "message is null");
    }

    @Override
    public String toString() {
        return field + ": " + message;
    }
}
