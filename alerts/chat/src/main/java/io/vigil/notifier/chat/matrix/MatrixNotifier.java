package io.vigil.notifier.chat.matrix;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vigil.notifier.chat.ChatHttp;
import io.vigil.notifier.chat.ChatMessage;
import io.vigil.notifier.chat.ServiceReply;
import io.vigil.spi.PermanentFailureException;
import io.vigil.spi.TemporaryFailureException;
import io.vigil.spi.http.HttpFailurePolicy;
import io.vigil.spi.http.HttpReply;
import io.vigil.spi.notify.DeliveryReceipt;
import io.vigil.spi.notify.Notification;
import io.vigil.spi.notify.Notifier;
import io.vigil.spi.notify.NotifierContext;
import java.net.URI;
import java.util.Map;

/**
 * Sends notifications to one Matrix room:
 * {@code PUT /_matrix/client/v3/rooms/{roomId}/send/m.room.message/{txnId}} with an {@code m.notice} (the message
 * type the spec gives bots) carrying a plain body and an HTML {@code formatted_body} ({@link MatrixMessage}).
 *
 * <p>The transaction id is made from the notification id, so a retry of the same notification is the same
 * transaction and the homeserver posts it once. Matrix explains errors as {@code {"errcode", "error"}}; a
 * {@code M_LIMIT_EXCEEDED} 429 carries {@code retry_after_ms} (or a {@code Retry-After} header), which the outbox waits;
 * 401 ({@code M_UNKNOWN_TOKEN}) and 403 ({@code M_FORBIDDEN}, not in the room) are permanent and say the service
 * refused the credentials. Thread-safe: immutable settings only.
 */
final class MatrixNotifier implements Notifier {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String roomSend;
    private final String host;
    private final String accessToken;
    private final NotifierContext context;

    MatrixNotifier(URI homeserver, String accessToken, String roomId, NotifierContext context) {
        this.roomSend = homeserver.toString().replaceAll("/+$", "") + "/_matrix/client/v3/rooms/"
                + ChatHttp.pathSegment(roomId) + "/send/m.room.message/";
        this.host = ChatHttp.host(homeserver);
        this.accessToken = accessToken;
        this.context = context;
    }

    /** The transaction id of a notification: the same on every attempt, so the homeserver posts it once. */
    static String transactionId(Notification notification) {
        return ChatHttp.pathSegment("vigil-" + notification.id());
    }

    @Override
    public DeliveryReceipt deliver(Notification notification)
            throws TemporaryFailureException, PermanentFailureException {
        MatrixMessage message =
                MatrixMessage.of(ChatMessage.of(notification, context.channelName(), context.baseUrl()));
        URI uri = URI.create(roomSend + transactionId(notification));
        Map<String, String> headers =
                Map.of("Content-Type", "application/json", "Authorization", "Bearer " + accessToken);
        HttpReply reply =
                HttpFailurePolicy.send(context.http(), ChatHttp.call("PUT", uri, headers, body(message)), host);
        ServiceReply answer = ServiceReply.read(reply);
        HttpFailurePolicy.requireSuccess(
                reply,
                "Matrix",
                detail(answer),
                answer.millis("/retry_after_ms"),
                context.clock().instant());
        String event = answer.text("/event_id");
        return new DeliveryReceipt(reply.status(), event == null ? answer.excerpt() : "event_id " + event);
    }

    private static byte[] body(MatrixMessage message) {
        ObjectNode content = JSON.createObjectNode();
        content.put("msgtype", "m.notice");
        content.put("body", message.body());
        content.put("format", "org.matrix.custom.html");
        content.put("formatted_body", message.html());
        return ChatHttp.json(JSON, content, "Matrix");
    }

    private static String detail(ServiceReply answer) {
        String code = answer.text("/errcode");
        String error = answer.text("/error");
        if (code == null && error == null) {
            return answer.excerpt();
        }
        return code == null ? error : error == null ? code : code + ": " + error;
    }
}
