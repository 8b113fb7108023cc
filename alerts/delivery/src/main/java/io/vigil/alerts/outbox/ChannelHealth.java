package io.vigil.alerts.outbox;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * How a channel is doing, read from its latest delivery attempt: a channel whose service refused the credentials says
 * so ("the service refused the credentials …") until a delivery through it succeeds again.
 *
 * @param state what the latest attempt came to
 * @param lastAttemptAt when it was made; {@code null} when there was none
 * @param lastResponseCode what the receiving end answered (HTTP 401, SMTP 550), or {@code null}
 * @param lastError why it failed, or {@code null} when it was delivered or there was none
 */
public record ChannelHealth(State state, Instant lastAttemptAt, Integer lastResponseCode, String lastError) {

    /** The state of a channel by its latest attempt. */
    public enum State {
        /** Nothing was sent through it yet (a test message does not count: it is not logged). */
        UNUSED,
        /** The latest notification was delivered. */
        OK,
        /** The latest attempt failed for now; the outbox tries again. */
        RETRYING,
        /** The latest notification gave up: refused for good, or out of attempts. */
        FAILING
    }

    static final ChannelHealth UNUSED = new ChannelHealth(State.UNUSED, null, null, null);

    /** The health of each channel, by id; a channel without attempts is {@link State#UNUSED}. */
    public static Map<Long, ChannelHealth> of(Collection<Long> channelIds) {
        Map<Long, DeliveryAttempt> latest = DeliveryAttempt.latestByChannel(channelIds);
        Map<Long, ChannelHealth> health = new HashMap<>();
        for (Long id : channelIds) {
            DeliveryAttempt attempt = latest.get(id);
            health.put(id, attempt == null ? UNUSED : of(attempt));
        }
        return health;
    }

    private static ChannelHealth of(DeliveryAttempt attempt) {
        State state =
                switch (attempt.status) {
                    case DELIVERED -> State.OK;
                    case FAILED -> State.RETRYING;
                    case DEAD -> State.FAILING;
                };
        return new ChannelHealth(
                state, attempt.attemptedAt, attempt.responseCode, state == State.OK ? null : attempt.error);
    }
}
