package io.vigil.engine.net;

import java.time.Duration;
import java.util.Objects;

/**
 * The rules every outbound request of Vigil follows: which addresses it may reach, how long it may take, how many
 * redirects it follows, how large an answer it reads and which User-Agent it names.
 *
 * @param allowPrivate whether loopback, private, link-local and other non-public addresses may be reached
 *     ({@code vigil.net.allow-private}); off by default, so a feed URL cannot be used to probe the local network
 * @param connectTimeout how long to wait for a TCP (and TLS) connection
 * @param requestTimeout how long one call may take in total, redirects and body included, unless the call says
 * @param maxRedirects how many redirects one call follows before it gives up
 * @param maxResponseBytes the largest body read, after gzip is undone, unless the call says
 * @param userAgent the {@code User-Agent} sent unless the call names its own
 */
public record HttpPolicy(
        boolean allowPrivate,
        Duration connectTimeout,
        Duration requestTimeout,
        int maxRedirects,
        long maxResponseBytes,
        String userAgent) {

    /** Names Vigil and where to read about it, so a site operator who sees our requests knows whom to ask. */
    public static final String DEFAULT_USER_AGENT = "Vigil/0.1 (+https://github.com/vigil)";

    public HttpPolicy {
        Objects.requireNonNull(connectTimeout, "connectTimeout is null");
        Objects.requireNonNull(requestTimeout, "requestTimeout is null");
        Objects.requireNonNull(userAgent, "userAgent is null");
        if (connectTimeout.isNegative() || connectTimeout.isZero()) {
            throw new IllegalArgumentException("connectTimeout must be positive, not " + connectTimeout);
        }
        if (requestTimeout.isNegative() || requestTimeout.isZero()) {
            throw new IllegalArgumentException("requestTimeout must be positive, not " + requestTimeout);
        }
        if (maxRedirects < 0) {
            throw new IllegalArgumentException("maxRedirects must not be negative, not " + maxRedirects);
        }
        if (maxResponseBytes <= 0) {
            throw new IllegalArgumentException("maxResponseBytes must be positive, not " + maxResponseBytes);
        }
        if (userAgent.isBlank()) {
            throw new IllegalArgumentException("userAgent is blank");
        }
    }

    /**
     * Public addresses only, 10 s to connect, 30 s per call, 5 redirects, 10 MiB per answer and Vigil's User-Agent:
     * generous for a feed or an article page, small enough that one bad source cannot tie up a fetch thread or the
     * heap.
     */
    public static HttpPolicy defaults() {
        return new HttpPolicy(
                false, Duration.ofSeconds(10), Duration.ofSeconds(30), 5, 10L * 1024 * 1024, DEFAULT_USER_AGENT);
    }

    public HttpPolicy withAllowPrivate(boolean allow) {
        return new HttpPolicy(allow, connectTimeout, requestTimeout, maxRedirects, maxResponseBytes, userAgent);
    }

    public HttpPolicy withTimeouts(Duration connect, Duration request) {
        return new HttpPolicy(allowPrivate, connect, request, maxRedirects, maxResponseBytes, userAgent);
    }

    public HttpPolicy withMaxRedirects(int redirects) {
        return new HttpPolicy(allowPrivate, connectTimeout, requestTimeout, redirects, maxResponseBytes, userAgent);
    }

    public HttpPolicy withMaxResponseBytes(long bytes) {
        return new HttpPolicy(allowPrivate, connectTimeout, requestTimeout, maxRedirects, bytes, userAgent);
    }
}
