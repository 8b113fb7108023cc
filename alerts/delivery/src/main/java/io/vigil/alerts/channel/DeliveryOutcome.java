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

    static DeliveryOutcome retryLater(String error, Duration retryAfter, long latencyMillis) {
        return new DeliveryOutcome(false, true, 0, "", error, retryAfter, latencyMillis);
    }

    static DeliveryOutcome refused(String error, long latencyMillis) {
        return new DeliveryOutcome(false, false, 0, "", error, null, latencyMillis);
    }

    /** The status code a receiver's answer carries in the error text ("the receiver answered 503: …"), if any. */
    public DeliveryOutcome withStatusCode(int code) {
        return new DeliveryOutcome(delivered, temporary, code, response, error, retryAfter, latencyMillis);
    }
}
