package io.vigil.engine.alert;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** Where an alert is in an analyst's inbox. */
public enum AlertState {
    /** Nobody acknowledged it yet. */
    NEW,
    ACKNOWLEDGED;

    /** The name in the API and the forms: {@code new}, {@code acknowledged}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<AlertState> of(String id) {
        return Arrays.stream(values()).filter(value -> value.id().equals(id)).findFirst();
    }
}
