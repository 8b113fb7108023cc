package io.vigil.notifier.chat.telegram;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.notifier.chat.FakeService;
import io.vigil.notifier.chat.HtmlSubset;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Telegram's Bot API as far as {@code sendMessage} goes: {@code POST /bot<token>/sendMessage} with a JSON body of
 * {@code chat_id}, {@code text} and {@code parse_mode}. It refuses another token with 401 Unauthorized, a path it does
 * not know with 404, HTML outside Telegram's tags or a text over 4096 characters with 400, as Telegram does, and
 * answers {@code {"ok": true, "result": {"message_id": …}}} otherwise.
 */
final class FakeTelegram extends FakeService {

    static final String TOKEN = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw";
    static final Set<String> TAGS = Set.of(
            "b",
            "strong",
            "i",
            "em",
            "u",
            "ins",
            "s",
            "strike",
            "del",
            "a",
            "code",
            "pre",
            "blockquote",
            "tg-spoiler",
            "span",
            "tg-emoji");

    private final AtomicInteger messages = new AtomicInteger();

    @Override
    protected Answer answer(Request request) {
        if (!request.path().startsWith("/bot")) {
            return error(404, "Not Found");
        }
        if (!request.path().equals("/bot" + TOKEN + "/sendMessage")) {
            return request.path().endsWith("/sendMessage") ? error(401, "Unauthorized") : error(404, "Not Found");
        }
        if (!request.method().equals("POST")) {
            return error(405, "Method Not Allowed");
        }
        if (!String.valueOf(request.header("Content-Type")).startsWith("application/json")) {
            return error(400, "Bad Request: message text is empty");
        }
        JsonNode body = request.json();
        if (!body.path("chat_id").isNumber() && !body.path("chat_id").asText().startsWith("@")) {
            return error(400, "Bad Request: chat not found");
        }
        if (!body.path("parse_mode").asText().equals("HTML")) {
            return error(400, "Bad Request: unsupported parse_mode");
        }
        String visible;
        try {
            visible = HtmlSubset.visibleText(body.path("text").asText(), TAGS);
        } catch (IllegalArgumentException e) {
            return error(400, "Bad Request: " + e.getMessage());
        }
        if (visible.isBlank()) {
            return error(400, "Bad Request: message text is empty");
        }
        if (visible.length() > 4096) {
            return error(400, "Bad Request: message is too long");
        }
        return Answer.json(
                200,
                "{\"ok\":true,\"result\":{\"message_id\":" + messages.incrementAndGet() + ",\"chat\":{\"id\":"
                        + JSON.valueToTree(body.path("chat_id")) + "},\"text\":" + JSON.valueToTree(visible) + "}}");
    }

    static Answer error(int code, String description) {
        return Answer.json(
                code,
                "{\"ok\":false,\"error_code\":" + code + ",\"description\":" + JSON.valueToTree(description) + "}");
    }
}
