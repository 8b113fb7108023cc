package io.vigil.notifier.chat.ntfy;

import io.vigil.notifier.chat.FakeService;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An ntfy server with one topic: {@code POST /<topic>} with the message as the body and the options as headers
 * ({@code X-Title}, RFC 2047 encoded words decoded as ntfy does; {@code X-Priority}, {@code X-Tags}, {@code X-Click},
 * {@code X-Markdown}). A protected topic answers 401 without a token and 403 with a wrong one, a priority ntfy does
 * not know is a 400, a body over 4096 bytes a 413 (attachments being off), all in ntfy's JSON error form.
 */
final class FakeNtfy extends FakeService {

    static final String TOPIC = "vigil-alerts";
    private static final Set<String> PRIORITIES =
            Set.of("1", "2", "3", "4", "5", "min", "low", "default", "high", "max", "urgent");
    private static final Pattern ENCODED_WORD = Pattern.compile("=\\?UTF-8\\?B\\?([A-Za-z0-9+/=]*)\\?=");

    private final String token;
    private final AtomicInteger messages = new AtomicInteger();

    /** @param token the access token the topic requires, or {@code null} for an open topic */
    FakeNtfy(String token) {
        this.token = token;
    }

    String topicUrl() {
        return baseUrl() + "/" + TOPIC;
    }

    /** The title as ntfy shows it: an RFC 2047 encoded word decoded. */
    static String title(Request request) {
        String raw = request.header("X-Title");
        Matcher word = ENCODED_WORD.matcher(raw);
        return word.matches() ? new String(Base64.getDecoder().decode(word.group(1)), StandardCharsets.UTF_8) : raw;
    }

    @Override
    protected Answer answer(Request request) {
        if (!request.method().equals("POST") && !request.method().equals("PUT")) {
            return error(405, 40501, "method not allowed");
        }
        if (!request.path().equals("/" + TOPIC)) {
            return error(404, 40401, "page not found");
        }
        if (token != null) {
            String authorization = request.header("Authorization");
            if (authorization == null) {
                return error(401, 40101, "unauthorized");
            }
            if (!authorization.equals("Bearer " + token)) {
                return error(403, 40301, "forbidden");
            }
        }
        String priority = request.header("X-Priority");
        if (priority != null && !PRIORITIES.contains(priority)) {
            return error(400, 40007, "invalid priority");
        }
        if (request.body().length > 4096) {
            return error(413, 41301, "message too large, and attachments are not allowed");
        }
        return Answer.json(
                200,
                "{\"id\":\"msg" + messages.incrementAndGet() + "\",\"time\":1741011000,\"event\":\"message\","
                        + "\"topic\":\"" + TOPIC + "\",\"message\":" + JSON.valueToTree(request.bodyText()) + "}");
    }

    static Answer error(int http, int code, String error) {
        return Answer.json(http, "{\"code\":" + code + ",\"http\":" + http + ",\"error\":\"" + error + "\"}");
    }
}
