package io.vigil.web.http;

import java.sql.SQLException;

/**
 * Recognises a failure caused by a value the request brought that PostgreSQL cannot hold: a text with a NUL character
 * (U+0000), a date outside {@code timestamptz}'s range (4713 BC to 294276 AD), a number out of its column's range. Such
 * a request is the caller's mistake (400), never a server error (500) nor an outage (503), whichever endpoint, form,
 * query parameter or JSON field brought it; one check here rather than one per field.
 */
public final class UnstorableValue {

    /** What the caller is told: the request names no field PostgreSQL pointed at, so the answer names the kinds. */
    public static final String DETAIL = "the request holds a value that cannot be stored: a text with a NUL character"
            + " (U+0000), or a date or number out of range; nothing was changed";

    private UnstorableValue() {}

    /** Whether {@code failure} (or any of its causes) is such a refusal. */
    public static boolean causes(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            // SQLSTATE class 22 is "data exception": 22021 (a NUL byte), 22008 (datetime overflow), 22003 (numeric)…
            if (cause instanceof SQLException sql
                    && sql.getSQLState() != null
                    && sql.getSQLState().startsWith("22")) {
                return true;
            }
            // java.sql.Timestamp.from refuses an Instant beyond ±292 million years so, before PostgreSQL sees it
            if (cause instanceof IllegalArgumentException && cause.getCause() instanceof ArithmeticException) {
                return true;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }

    public static Problem problem() {
        return Problem.of(400, "Bad Request", DETAIL);
    }
}
