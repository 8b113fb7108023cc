package io.vigil.spi.http;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * One outbound HTTP request.
 *
 * @param method {@code GET}, {@code POST}, …
 * @param uri an absolute {@code http} or {@code https} URI
 * @param headers request headers (one value each); the platform adds {@code User-Agent} unless given
 * @param body the request body, or {@code null}
 * @param timeout the whole request's time limit, or {@code null} for the platform default
 * @param maxBytes the largest response body accepted, or 0 for the platform default
 */
public record HttpCall(
        String method, URI uri, Map<String, String> headers, byte[] body, Duration timeout, long maxBytes) {

    public HttpCall {
        Objects.requireNonNull(method, "method is null");
        Objects.requireNonNull(uri, "uri is null");
        headers = headers == null ? Map.of() : Map.copyOf(headers);
    }

    public static HttpCall get(URI uri) {
        return new HttpCall("GET", uri, Map.of(), null, null, 0);
    }

    public static HttpCall post(URI uri, Map<String, String> headers, byte[] body) {
        return new HttpCall("POST", uri, headers, body, null, 0);
    }

    public HttpCall withHeaders(Map<String, String> newHeaders) {
        return new HttpCall(method, uri, newHeaders, body, timeout, maxBytes);
    }

    public HttpCall withTimeout(Duration newTimeout) {
        return new HttpCall(method, uri, headers, body, newTimeout, maxBytes);
    }

    public HttpCall withMaxBytes(long limit) {
        return new HttpCall(method, uri, headers, body, timeout, limit);
    }
}
