package io.vigil.engine.websub;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How Vigil subscribes to the WebSub hubs feeds advertise ({@code vigil.websub.*}); see docs/sources.md. */
@ConfigMapping(prefix = "vigil.websub")
public interface WebSubSettings {

    /** Whether feeds that advertise a hub are subscribed there; polling goes on either way. */
    @WithDefault("true")
    boolean enabled();

    /** How often subscriptions due for a request, a renewal or a time-out are looked at. */
    @WithDefault("PT30S")
    Duration checkEvery();

    /** The lease asked of a hub; the hub decides the one it grants. */
    @WithDefault("PT240H")
    Duration lease();

    /** How long a hub may take to verify a subscription before it counts as silent and is asked again later. */
    @WithDefault("PT10M")
    Duration verifyTimeout();

    /** How long after a hub refused, or stayed silent, it is asked again. */
    @WithDefault("PT24H")
    Duration retryAfter();

    /** While a subscription is active the feed is still polled, as a safety net, but at most this often. */
    @WithDefault("PT1H")
    Duration pollWhileSubscribed();
}
