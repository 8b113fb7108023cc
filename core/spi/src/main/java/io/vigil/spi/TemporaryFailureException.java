package io.vigil.spi;

import java.time.Duration;
import java.util.Optional;

/**
 * A failure that may go away by itself: a timeout, a 5xx answer, a rate limit. The platform retries later with
 * backoff, honouring {@link #retryAfter()} when the plugin knows it (an HTTP {@code Retry-After}, say).
 *
 * <p>For an HTTP answer, let {@link io.vigil.spi.http.HttpFailurePolicy} make it: it decides which answers are
 * temporary, reads the wait the other side asked for and keeps the status.
 */
public class TemporaryFailureException extends Exception {

    private final int statusCode;
    private final Duration retryAfter;

    public TemporaryFailureException(String message) {
        this(message, 0, null, null);
    }

    public TemporaryFailureException(String message, Throwable cause) {
        this(message, 0, null, cause);
    }

    public TemporaryFailureException(String message, Duration retryAfter, Throwable cause) {
        this(message, 0, retryAfter, cause);
    }

    /**
     * @param statusCode what the other side answered (HTTP 503, SMTP 451), or 0 when it answered nothing
     * @param retryAfter how long it asked us to wait, or {@code null}
     */
    public TemporaryFailureException(String message, int statusCode, Duration retryAfter, Throwable cause) {
        super(message, cause);
        this.statusCode = statusCode;
        this.retryAfter = retryAfter;
    }

    /** How long the other side asked us to wait before trying again, when it said so. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    /** The protocol status the other side answered (HTTP 503, SMTP 451), or 0 when there was no answer. */
    public int statusCode() {
        return statusCode;
    }
}
