package io.vigil.notifier.chat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.spi.http.HttpCall;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/** How every chat channel calls its service: the same time limit, the same answer size, the same discretion. */
public final class ChatHttp {

    /** Long enough for a busy chat service, short enough not to hold the channel's delivery lane. */
    public static final Duration TIMEOUT = Duration.ofSeconds(15);
    /** Chat services answer with a small JSON document; anything larger is refused by the HTTP client. */
    public static final long MAX_RESPONSE_BYTES = 256 * 1024;

    private ChatHttp() {}

    /** A request with the chat channels' time and size limits. */
    public static HttpCall call(String method, URI uri, Map<String, String> headers, byte[] body) {
        return new HttpCall(method, uri, headers, body, TIMEOUT, MAX_RESPONSE_BYTES);
    }

    /** A POST of a JSON body with the chat channels' limits. */
    public static HttpCall postJson(URI uri, byte[] body) {
        return call("POST", uri, Map.of("Content-Type", "application/json"), body);
    }

    /** The bytes of a JSON request body for {@code service}; a tree of nodes always serialises, so failing is a bug. */
    public static byte[] json(ObjectMapper mapper, JsonNode body, String service) {
        try {
            return mapper.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a " + service + " message", e);
        }
    }

    /**
     * The service's host (and port when it names one), for messages about a connection: never the whole URL, which
     * may carry a token in its path or query.
     */
    public static String host(URI uri) {
        return uri.getPort() < 0 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
    }

    /**
     * Percent-encodes one path segment (a Matrix room id such as {@code !abc:example.org}): everything but RFC 3986's
     * unreserved characters.
     */
    public static String pathSegment(String raw) {
        StringBuilder out = new StringBuilder();
        for (byte b : raw.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || "-._~".indexOf(c) >= 0) {
                out.append(c);
            } else {
                out.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        return out.toString();
    }
}
