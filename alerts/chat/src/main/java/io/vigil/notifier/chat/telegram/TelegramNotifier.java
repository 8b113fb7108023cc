package io.vigil.notifier.chat.telegram;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vigil.notifier.chat.ChatHttp;
import io.vigil.notifier.chat.ChatMessage;
import io.vigil.notifier.chat.ServiceReply;
import io.vigil.spi.PermanentFailureException;
import io.vigil.spi.TemporaryFailureException;
import io.vigil.spi.http.HttpCall;
import io.vigil.spi.http.HttpFailurePolicy;
import io.vigil.spi.http.HttpReply;
import io.vigil.spi.notify.DeliveryReceipt;
import io.vigil.spi.notify.Notification;
import io.vigil.spi.notify.Notifier;
import io.vigil.spi.notify.NotifierContext;
import java.math.BigInteger;
import java.net.URI;

/**
 * Posts notifications to one Telegram chat with the Bot API's {@code sendMessage}, in HTML ({@link TelegramHtml}).
 *
 * <p>Telegram answers with its status and a JSON body: {@code ok}, a {@code description} and, for a flood limit,
 * {@code parameters.retry_after} seconds — which the outbox waits before it tries again. A 401 or 403 (a revoked
 * token, a bot removed from the chat) is permanent and says the service refused the credentials. The bot token is
 * part of the request path, so no message here names the URL: connection failures name the host alone.
 *
 * <p>Thread-safe: immutable settings only.
 */
final class TelegramNotifier implements Notifier {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI sendMessage;
    private final String host;
    private final String chatId;
    private final NotifierContext context;

    TelegramNotifier(URI apiUrl, String token, String chatId, NotifierContext context) {
        String base = apiUrl.toString().replaceAll("/+$", "");
        this.sendMessage = URI.create(base + "/bot" + token + "/sendMessage");
        this.host = ChatHttp.host(apiUrl);
        this.chatId = chatId;
        this.context = context;
    }

    @Override
    public DeliveryReceipt deliver(Notification notification)
            throws TemporaryFailureException, PermanentFailureException {
        ChatMessage message = ChatMessage.of(notification, context.channelName(), context.baseUrl());
        HttpCall call = ChatHttp.postJson(sendMessage, body(message));
        HttpReply reply = HttpFailurePolicy.send(context.http(), call, host);
        ServiceReply answer = ServiceReply.read(reply);
        HttpFailurePolicy.requireSuccess(
                reply,
                "Telegram",
                detail(answer),
                answer.seconds("/parameters/retry_after"),
                context.clock().instant());
        if (answer.json().path("ok").isBoolean() && !answer.json().path("ok").asBoolean()) {
            throw new PermanentFailureException(
                    "Telegram did not post the message: " + detail(answer), reply.status(), null);
        }
        String id = answer.text("/result/message_id");
        return new DeliveryReceipt(reply.status(), id == null ? answer.excerpt() : "message_id " + id);
    }

    private byte[] body(ChatMessage message) {
        ObjectNode body = JSON.createObjectNode();
        if (chatId.startsWith("@")) {
            body.put("chat_id", chatId);
        } else {
            body.put("chat_id", new BigInteger(chatId));
        }
        body.put("text", TelegramHtml.render(message));
        body.put("parse_mode", "HTML");
        // The first link is the alert page, behind a sign-in: its preview would only show the login form.
        body.putObject("link_preview_options").put("is_disabled", true);
        return ChatHttp.json(JSON, body, "Telegram");
    }

    /** Telegram's description, with what to do when the answer says it. */
    private static String detail(ServiceReply answer) {
        String description = answer.text("/description");
        if (description == null) {
            return answer.excerpt();
        }
        String migrated = answer.text("/parameters/migrate_to_chat_id");
        if (migrated != null) {
            return description + "; the group is now the chat " + migrated + ", set chatId to it";
        }
        if (answer.reply().status() == 404) {
            return description + " (Telegram answers so to a bot token it cannot read; check botToken)";
        }
        return description;
    }
}
