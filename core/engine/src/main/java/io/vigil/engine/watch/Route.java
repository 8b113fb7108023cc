package io.vigil.engine.watch;

import java.util.Objects;

/**
 * Where a rule's alerts go and how: one channel, at once or in a digest. One rule may page the duty desk at once and
 * e-mail the team a daily digest through two routes.
 *
 * @param channelId the channel
 * @param delivery how the channel gets the rule's alerts
 */
public record Route(long channelId, Delivery delivery) {
    public Route {
        Objects.requireNonNull(delivery, "delivery is null");
    }
}
