package io.vigil.notifier.chat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.vigil.spi.http.HttpFailurePolicy;
import io.vigil.spi.http.HttpReply;
import java.io.IOException;
import java.time.Duration;
import java.util.Locale;

/**
 * A chat service's answer, with its JSON body read once (chat services explain errors and rate limits in JSON:
 * Telegram's {@code description} and {@code parameters.retry_after}, Matrix's {@code errcode}, Discord's
 * {@code retry_after}). A body that is not JSON reads as missing, never as a failure of its own. Immutable.
 *
 * @param reply the HTTP answer
 * @param json its body as JSON, or a missing node
 */
public record ServiceReply(HttpReply reply, JsonNode json) {

    /** Most of an answer the delivery log keeps. */
    public static final int EXCERPT = 200;

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Reads the answer's body as JSON when it is JSON. */
    public static ServiceReply read(HttpReply reply) {
        JsonNode json = MissingNode.getInstance();
        String contentType = reply.header("Content-Type").orElse("").toLowerCase(Locale.ROOT);
        String start = new String(
                        reply.body(), 0, Math.min(reply.body().length, 16), java.nio.charset.StandardCharsets.UTF_8)
                .stripLeading();
        if (contentType.contains("json") || start.startsWith("{")) {
            try {
                JsonNode parsed = JSON.readTree(reply.body());
                json = parsed == null ? MissingNode.getInstance() : parsed;
            } catch (IOException notJson) {
                // keep it missing: the status alone decides, and the excerpt shows what came back
            }
        }
        return new ServiceReply(reply, json);
    }

    /** The text at a JSON pointer such as {@code /description}, on one line and cut for a message; null when absent. */
    public String text(String pointer) {
        JsonNode node = json.at(pointer);
        if (node.isMissingNode() || node.isNull() || node.isContainerNode()) {
            return null;
        }
        String text = ChatMessage.oneLine(node.asText()).strip();
        return text.isEmpty() ? null : ChatMessage.cut(text, EXCERPT);
    }

    /** A wait in (possibly fractional) seconds at a JSON pointer, or {@code null} when absent or not a number. */
    public Duration seconds(String pointer) {
        JsonNode node = json.at(pointer);
        return node.isNumber() && node.asDouble() >= 0 && node.asDouble() < 1e9
                ? Duration.ofMillis(Math.round(node.asDouble() * 1000))
                : null;
    }

    /** A wait in milliseconds at a JSON pointer, or {@code null} when absent or not a number. */
    public Duration millis(String pointer) {
        JsonNode node = json.at(pointer);
        return node.isNumber() && node.asDouble() >= 0 && node.asDouble() < 1e12
                ? Duration.ofMillis(node.asLong())
                : null;
    }

    /** The body's text for the delivery log, whitespace collapsed and cut. */
    public String excerpt() {
        return HttpFailurePolicy.excerpt(reply, EXCERPT);
    }
}
