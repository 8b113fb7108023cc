package io.vigil.engine.source;

import java.util.HashMap;
import java.util.Map;

/**
 * Counts the scheduled fetches talking to each host, so that no host is asked by more than a few fetches at once.
 * Thread-safe; a {@code null} host (a folder, a push source) is never limited.
 */
final class HostSlots {

    private final int perHost;
    private final Map<String, Integer> inUse = new HashMap<>();

    HostSlots(int perHost) {
        this.perHost = Math.max(1, perHost);
    }

    /** Takes a slot for {@code host} if one is free; every {@code true} must be paired with one {@link #release}. */
    synchronized boolean tryAcquire(String host) {
        if (host == null) {
            return true;
        }
        int used = inUse.getOrDefault(host, 0);
        if (used >= perHost) {
            return false;
        }
        inUse.put(host, used + 1);
        return true;
    }

    synchronized void release(String host) {
        if (host != null) {
            inUse.computeIfPresent(host, (ignored, used) -> used <= 1 ? null : used - 1);
        }
    }

    /** How many fetches hold a slot for {@code host} now. */
    synchronized int inUse(String host) {
        return inUse.getOrDefault(host, 0);
    }
}
