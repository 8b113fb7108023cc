package io.vigil.notifier.chat.discord;

import com.fasterxml.jackson.databind.ObjectMapper;
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

/**
 * Executes one Discord webhook per notification ({@code POST <webhook>?wait=true}, so Discord answers with the posted
 * message and any refusal at once) with the embeds of {@link DiscordMessage}.
 *
 * <p>Discord explains errors as {@code {"message", "code"}}; a 429 carries {@code retry_after} in (fractional)
 * seconds, and a {@code Retry-After} header, which the outbox waits. 401 ({@code Invalid Webhook Token}) and 403 are
 * permanent and say the service refused the credentials; 404 ({@code Unknown Webhook}, deleted) is permanent too. The
 * URL is a credential, so messages name the host alone. Thread-safe: immutable settings only.
 */
final class DiscordNotifier implements Notifier {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI execute;
    private final String host;
    private final NotifierContext context;

    DiscordNotifier(URI url, NotifierContext context) {
        String text = url.toString();
        this.execute = URI.create(text + (url.getRawQuery() == null ? "?" : "&") + "wait=true");
        this.host = ChatHttp.host(url);
        this.context = context;
    }

    @Override
    public DeliveryReceipt deliver(Notification notification)
            throws TemporaryFailureException, PermanentFailureException {
        ChatMessage message = ChatMessage.of(notification, context.channelName(), context.baseUrl());
        byte[] body = ChatHttp.json(JSON, DiscordMessage.of(JSON, message), "Discord");
        HttpReply reply = HttpFailurePolicy.send(context.http(), ChatHttp.postJson(execute, body), host);
        ServiceReply answer = ServiceReply.read(reply);
        String detail = answer.text("/message");
        HttpFailurePolicy.requireSuccess(
                reply,
                "Discord",
                detail == null ? answer.excerpt() : detail,
                answer.seconds("/retry_after"),
                context.clock().instant());
        String id = answer.text("/id");
        return new DeliveryReceipt(reply.status(), id == null ? answer.excerpt() : "message " + id);
    }
}
