package io.vigil.alerts.channel;

import java.time.Duration;

/**
 * What one attempt to deliver through a channel came to.
 *
 * @param delivered whether the receiving end accepted it
 * @param temporary for a failure: whether it may pass by itself, so the outbox tries again
 * @param statusCode the protocol status answered (HTTP 200, SMTP 250), or 0 when there was none
 * @param response an excerpt of the answer, empty when there was none
 * @param error why it failed, in words for the user; {@code null} when delivered
 * @param retryAfter how long the receiver asked to wait, or {@code null} when it did not say
 * @param latencyMillis how long the attempt took
 */
public record DeliveryOutcome(
        boolean delivered,
        boolean temporary,
        int statusCode,
        String response,
        String error,
        Duration retryAfter,
        long latencyMillis) {

    public DeliveryOutcome {
        response = response == null ? "" : response;
    }

    static DeliveryOutcome accepted(int statusCode, String response, long latencyMillis) {
        return new DeliveryOutcome(true, false, statusCode, response, null, null, latencyMillis);
    }

    /** A temporary failure, with the status the receiver answered (0 for none) and the wait it asked for. */
    static DeliveryOutcome retryLater(String error, int statusCode, Duration retryAfter, long latencyMillis) {
        return new DeliveryOutcome(false, true, statusCode, "", error, retryAfter, latencyMillis);
    }

    /** A permanent failure, with the status the receiver answered (0 for none). */
    static DeliveryOutcome refused(String error, int statusCode, long latencyMillis) {
        return new DeliveryOutcome(false, false, statusCode, "", error, null, latencyMillis);
    }
}
