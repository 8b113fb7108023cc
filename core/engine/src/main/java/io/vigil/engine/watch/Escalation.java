package io.vigil.engine.watch;

import java.time.Duration;
import java.util.Objects;

/**
 * When a rule's story escalates: once it is carried by {@code outlets} distinct outlets within {@code within} of its
 * first article, the rule's channels get one notification of kind {@code escalation}.
 *
 * @param outlets the distinct outlets, {@value #MIN_OUTLETS} to {@value #MAX_OUTLETS}
 * @param within the time from the story's first article, {@link #MIN_WITHIN} to {@link #MAX_WITHIN}
 */
public record Escalation(int outlets, Duration within) {

    /** One outlet is the story itself: escalation starts at two. */
    public static final int MIN_OUTLETS = 2;

    /** More outlets than any monitoring setup reads: a number above this is a typing mistake. */
    public static final int MAX_OUTLETS = 1000;

    public static final Duration MIN_WITHIN = Duration.ofMinutes(1);

    /** A story older than a month is not spreading any more. */
    public static final Duration MAX_WITHIN = Duration.ofDays(30);

    public Escalation {
        Objects.requireNonNull(within, "within is null");
        if (outlets < MIN_OUTLETS || outlets > MAX_OUTLETS) {
            throw new IllegalArgumentException("outlets must be " + MIN_OUTLETS + " to " + MAX_OUTLETS);
        }
        if (within.compareTo(MIN_WITHIN) < 0 || within.compareTo(MAX_WITHIN) > 0) {
            throw new IllegalArgumentException("within must be " + MIN_WITHIN + " to " + MAX_WITHIN);
        }
    }
}
