package io.vigil.engine.net;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How Vigil reaches the outside world ({@code vigil.net.*}); every feed, page and webhook request follows it. */
@ConfigMapping(prefix = "vigil.net")
public interface NetSettings {

    /** Whether loopback, private and link-local addresses may be reached; off so a URL cannot probe the local net. */
    @WithDefault("false")
    boolean allowPrivate();

    /** How long to wait for a connection (TCP and TLS). */
    @WithDefault("PT10S")
    Duration connectTimeout();

    /** How long one request may take in all, redirects and body included, unless the caller says otherwise. */
    @WithDefault("PT30S")
    Duration requestTimeout();
}
