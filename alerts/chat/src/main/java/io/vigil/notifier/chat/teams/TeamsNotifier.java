package io.vigil.notifier.chat.teams;

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
 * Posts notifications to one Teams Workflows webhook as an Adaptive Card ({@link TeamsCard}). A flow that took the
 * message answers {@code 202 Accepted}; Power Automate explains refusals as {@code {"error": {"code", "message"}}}, and
 * a throttled flow answers 429 with {@code Retry-After}. The URL carries the flow's signature, so messages name the
 * host alone. Thread-safe: immutable settings only.
 */
final class TeamsNotifier implements Notifier {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI url;
    private final NotifierContext context;

    TeamsNotifier(URI url, NotifierContext context) {
        this.url = url;
        this.context = context;
    }

    @Override
    public DeliveryReceipt deliver(Notification notification)
            throws TemporaryFailureException, PermanentFailureException {
        ChatMessage message = ChatMessage.of(notification, context.channelName(), context.baseUrl());
        byte[] body = ChatHttp.json(JSON, TeamsCard.of(JSON, message), "Teams");
        HttpReply reply = HttpFailurePolicy.send(context.http(), ChatHttp.postJson(url, body), ChatHttp.host(url));
        ServiceReply answer = ServiceReply.read(reply);
        String detail = answer.text("/error/message");
        HttpFailurePolicy.requireSuccess(
                reply,
                "Teams",
                detail == null ? answer.excerpt() : detail,
                null,
                context.clock().instant());
        return new DeliveryReceipt(reply.status(), answer.excerpt());
    }
}
