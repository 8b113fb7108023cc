package io.vigil.alerts.channel;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * A channel as read at one moment, safe to carry outside a transaction to the thread that delivers.
 *
 * @param updatedAt the version of its settings; a cached notifier built from an older one is replaced
 */
public record ChannelSnapshot(
        long id, String type, String name, Map<String, String> config, boolean enabled, Instant updatedAt) {
    public ChannelSnapshot {
        Objects.requireNonNull(type, "type is null");
        Objects.requireNonNull(name, "name is null");
        config = Map.copyOf(config);
        Objects.requireNonNull(updatedAt, "updatedAt is null");
    }
}
