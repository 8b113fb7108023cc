package io.vigil.engine.alert;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** An analyst's judgement of an alert, kept for tuning rules. */
public enum Feedback {
    /** Nobody judged it yet (or the judgement was taken back). */
    UNJUDGED,
    RELEVANT,
    NOT_RELEVANT;

    /** The name in the API, the forms and the database: {@code unjudged}, {@code relevant}, {@code not_relevant}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The judgement named {@code id}, or empty when there is none. */
    public static Optional<Feedback> of(String id) {
        return Arrays.stream(values()).filter(value -> value.id().equals(id)).findFirst();
    }
}
