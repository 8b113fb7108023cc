package io.vigil.notifier.chat.matrix;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.notifier.chat.FakeService;
import io.vigil.notifier.chat.HtmlSubset;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A homeserver with one room, as far as the client-server API's
 * {@code PUT /_matrix/client/v3/rooms/{roomId}/send/{eventType}/{txnId}} goes: it requires the bearer access token
 * (401 {@code M_UNKNOWN_TOKEN}), the room it knows (403 {@code M_FORBIDDEN}, the account is not in it), an
 * {@code m.room.message} with {@code msgtype} and {@code body}, and HTML only from the spec's recommended tags. A
 * transaction id it has seen returns the same event id without posting again, as the spec requires.
 */
final class FakeMatrix extends FakeService {

    static final String ROOM = "!newsroom:matrix.example";
    static final String TOKEN = "syt_dmlnaWw_secret";
    static final Set<String> TAGS = Set.of(
            "font",
            "del",
            "h1",
            "h2",
            "h3",
            "h4",
            "h5",
            "h6",
            "blockquote",
            "p",
            "a",
            "ul",
            "ol",
            "sup",
            "sub",
            "li",
            "b",
            "i",
            "u",
            "strong",
            "em",
            "s",
            "code",
            "hr",
            "br",
            "div",
            "table",
            "thead",
            "tbody",
            "tr",
            "th",
            "td",
            "caption",
            "pre",
            "span",
            "img",
            "details",
            "summary");
    private static final Pattern SEND = Pattern.compile("/_matrix/client/v3/rooms/([^/]+)/send/([^/]+)/([^/]+)");

    private final Map<String, String> events = new LinkedHashMap<>();
    private final List<JsonNode> posted = new ArrayList<>();

    /** The messages posted in the room, once each. */
    synchronized List<JsonNode> posted() {
        return List.copyOf(posted);
    }

    @Override
    protected Answer answer(Request request) {
        Matcher send = SEND.matcher(request.path());
        if (!send.matches()) {
            return error(404, "M_UNRECOGNIZED", "Unrecognized request");
        }
        if (!request.method().equals("PUT")) {
            return error(405, "M_UNRECOGNIZED", "Unrecognized request");
        }
        if (!("Bearer " + TOKEN).equals(request.header("Authorization"))) {
            return error(401, "M_UNKNOWN_TOKEN", "Invalid access token passed.");
        }
        String room = URLDecoder.decode(send.group(1), StandardCharsets.UTF_8);
        if (!room.equals(ROOM)) {
            return error(403, "M_FORBIDDEN", "User @vigil:matrix.example not in room " + room);
        }
        if (!send.group(2).equals("m.room.message")) {
            return error(400, "M_BAD_JSON", "unexpected event type");
        }
        JsonNode content = request.json();
        if (!content.path("msgtype").isTextual() || !content.path("body").isTextual()) {
            return error(400, "M_BAD_JSON", "msgtype and body are required");
        }
        if (content.has("formatted_body")) {
            if (!content.path("format").asText().equals("org.matrix.custom.html")) {
                return error(400, "M_BAD_JSON", "unknown format");
            }
            try {
                HtmlSubset.visibleText(content.path("formatted_body").asText(), TAGS);
            } catch (IllegalArgumentException e) {
                return error(400, "M_BAD_JSON", e.getMessage());
            }
        }
        if (request.body().length > 65_536) {
            return error(413, "M_TOO_LARGE", "event too large");
        }
        synchronized (this) {
            String event = events.get(send.group(3));
            if (event == null) {
                event = "$event" + (events.size() + 1);
                events.put(send.group(3), event);
                posted.add(content);
            }
            return Answer.json(200, "{\"event_id\":\"" + event + "\"}");
        }
    }

    static Answer error(int status, String code, String error) {
        return Answer.json(status, "{\"errcode\":\"" + code + "\",\"error\":" + JSON.valueToTree(error) + "}");
    }
}
