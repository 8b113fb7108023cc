package io.vigil.notifier.chat.teams;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.notifier.chat.FakeService;
import java.util.Map;

/**
 * A Teams Workflows webhook ("Send webhook alerts to a channel"): {@code POST} of a {@code message} whose attachments
 * are Adaptive Cards. A wrong signature in the query is 401, a body that is not such a message a 400 in Power
 * Automate's error form, a message over 28 KB a 413; a message it takes is {@code 202 Accepted} with no body.
 */
final class FakeTeams extends FakeService {

    static final String PATH = "/workflows/abc123/triggers/manual/paths/invoke";
    static final String QUERY = "api-version=2016-06-01&sp=%2Ftriggers%2Fmanual%2Frun&sv=1.0&sig=s3cr3tS1gnature";

    String webhookUrl() {
        return baseUrl() + PATH + "?" + QUERY;
    }

    @Override
    protected Answer answer(Request request) {
        if (!request.path().equals(PATH)) {
            return error(404, "TriggerNotFound", "The workflow trigger could not be found.");
        }
        if (!QUERY.equals(request.query())) {
            return error(401, "DirectApiAuthorizationRequired", "The request must be authenticated.");
        }
        if (!request.method().equals("POST")) {
            return error(405, "MethodNotAllowed", "The HTTP method is not allowed.");
        }
        if (request.body().length > 28 * 1024) {
            return error(413, "MessageTooLarge", "The message is larger than 28 KB.");
        }
        String problem = problem(request.json());
        if (problem != null) {
            return error(400, "InvalidRequestContent", problem);
        }
        return new Answer(202, Map.of(), "");
    }

    /** What Teams would refuse in the message, or {@code null}. */
    static String problem(JsonNode message) {
        if (!message.path("type").asText().equals("message")) {
            return "the type must be message";
        }
        JsonNode attachments = message.path("attachments");
        if (!attachments.isArray() || attachments.isEmpty()) {
            return "attachments are required";
        }
        for (JsonNode attachment : attachments) {
            if (!attachment.path("contentType").asText().equals("application/vnd.microsoft.card.adaptive")) {
                return "only Adaptive Card attachments are supported";
            }
            JsonNode card = attachment.path("content");
            if (!card.path("type").asText().equals("AdaptiveCard")
                    || !card.path("version").isTextual()) {
                return "the attachment is not an AdaptiveCard with a version";
            }
            if (!card.path("body").isArray() || card.path("body").isEmpty()) {
                return "the card has no body";
            }
        }
        return null;
    }

    static Answer error(int status, String code, String message) {
        return Answer.json(
                status, "{\"error\":{\"code\":\"" + code + "\",\"message\":" + JSON.valueToTree(message) + "}}");
    }
}
