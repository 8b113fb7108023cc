package io.vigil.alerts.outbox;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The pause before the next attempt: exponential backoff with full jitter — a random pause between zero and a ceiling
 * that doubles with every failure from {@code initial} up to {@code max} — so that many notifications failing together
 * do not return together. A receiver's {@code Retry-After} is a floor, cut to {@code maxRetryAfter}.
 */
record Backoff(Duration initial, Duration max, Duration maxRetryAfter) {

    /**
     * @param failedAttempts how many attempts have failed so far, 1 after the first
     * @param retryAfter what the receiver asked for, or {@code null}
     */
    Duration after(int failedAttempts, Duration retryAfter) {
        int doublings = Math.min(Math.max(failedAttempts - 1, 0), 40);
        long ceiling = initial.toMillis();
        for (int i = 0; i < doublings && ceiling < max.toMillis(); i++) {
            ceiling *= 2;
        }
        ceiling = Math.max(1, Math.min(ceiling, max.toMillis()));
        Duration pause = Duration.ofMillis(ThreadLocalRandom.current().nextLong(ceiling + 1));
        if (retryAfter != null && !retryAfter.isNegative()) {
            Duration asked = retryAfter.compareTo(maxRetryAfter) > 0 ? maxRetryAfter : retryAfter;
            if (asked.compareTo(pause) > 0) {
                pause = asked;
            }
        }
        return pause;
    }
}
