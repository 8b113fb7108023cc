package io.vigil.spi;

import java.time.Duration;
import java.util.Optional;

/**
 * A failure that may go away by itself: a timeout, a 5xx answer, a rate limit. The platform retries later with
 * backoff, honouring {@link #retryAfter()} when the plugin knows it (an HTTP {@code Retry-After}, say).
 */
public class TemporaryFailureException extends Exception {

    private final Duration retryAfter;

    public TemporaryFailureException(String message) {
        this(message, null, null);
    }

    public TemporaryFailureException(String message, Throwable cause) {
        this(message, null, cause);
    }

    public TemporaryFailureException(String message, Duration retryAfter, Throwable cause) {
        super(message, cause);
        this.retryAfter = retryAfter;
    }

    /** How long the other side asked us to wait before trying again, when it said so. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
