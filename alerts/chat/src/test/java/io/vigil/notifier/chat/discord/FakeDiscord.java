package io.vigil.notifier.chat.discord;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.notifier.chat.FakeService;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One Discord webhook: {@code POST /api/webhooks/<id>/<token>}. Another token is 401 {@code Invalid Webhook Token},
 * another id 404 {@code Unknown Webhook}; the body must keep Discord's limits (content 2000, at most 10 embeds, title
 * 256, description 4096, footer 2048, 6000 characters over all embeds) or it is a 400 {@code Invalid Form Body}. With
 * {@code wait=true} it answers the message, otherwise 204.
 */
final class FakeDiscord extends FakeService {

    static final String ID = "1234567890";
    static final String TOKEN = "dGhpcyBpcyBhIHdlYmhvb2sgdG9rZW4";

    private final AtomicLong messages = new AtomicLong(9_000_000_000L);

    String webhookUrl() {
        return baseUrl() + "/api/webhooks/" + ID + "/" + TOKEN;
    }

    @Override
    protected Answer answer(Request request) {
        if (!request.path().startsWith("/api/webhooks/" + ID + "/")) {
            return error(404, 10015, "Unknown Webhook");
        }
        if (!request.path().equals("/api/webhooks/" + ID + "/" + TOKEN)) {
            return error(401, 50027, "Invalid Webhook Token");
        }
        if (!request.method().equals("POST")) {
            return error(405, 0, "405: Method Not Allowed");
        }
        JsonNode body = request.json();
        String problem = problem(body);
        if (problem != null) {
            return Answer.json(
                    400,
                    "{\"code\":50035,\"message\":\"Invalid Form Body\",\"errors\":" + JSON.valueToTree(problem) + "}");
        }
        if (!"wait=true".equals(request.query())) {
            return new Answer(204, java.util.Map.of(), "");
        }
        return Answer.json(
                200,
                "{\"id\":\"" + messages.incrementAndGet() + "\",\"type\":0,\"webhook_id\":\"" + ID + "\",\"content\":"
                        + body.path("content") + "}");
    }

    /** What Discord would refuse in the body, or {@code null}. */
    static String problem(JsonNode body) {
        if (body.path("content").asText("").length() > 2000) {
            return "content: Must be 2000 or fewer in length.";
        }
        if (body.path("content").asText("").isEmpty() && body.path("embeds").isEmpty()) {
            return "Cannot send an empty message";
        }
        JsonNode embeds = body.path("embeds");
        if (embeds.size() > 10) {
            return "embeds: Must be 10 or fewer in length.";
        }
        int total = 0;
        for (JsonNode embed : embeds) {
            if (embed.path("title").asText("").length() > 256) {
                return "embeds.title: Must be 256 or fewer in length.";
            }
            if (embed.path("description").asText("").length() > 4096) {
                return "embeds.description: Must be 4096 or fewer in length.";
            }
            if (embed.path("footer").path("text").asText("").length() > 2048) {
                return "embeds.footer.text: Must be 2048 or fewer in length.";
            }
            total += embed.path("title").asText("").length()
                    + embed.path("description").asText("").length()
                    + embed.path("footer").path("text").asText("").length()
                    + embed.path("author").path("name").asText("").length();
        }
        return total > 6000 ? "embeds: Embed size exceeds maximum size of 6000" : null;
    }

    static Answer error(int status, int code, String message) {
        return Answer.json(status, "{\"message\":" + JSON.valueToTree(message) + ",\"code\":" + code + "}");
    }
}
