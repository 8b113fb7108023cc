package io.vigil.notifier.chat.ntfy;

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
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Publishes notifications to one ntfy topic: a {@code POST} of the Markdown body ({@link NtfyMarkdown}) with the
 * title, the click link, the tags and the priority as ntfy's {@code X-} headers.
 *
 * <p>The headers are the {@code X-} forms because a proxy in front of ntfy may add or rewrite a plain
 * {@code Priority} (RFC 9218 gave that name another meaning). HTTP headers are ASCII, so a title with other
 * characters is sent as an RFC 2047 encoded word, which ntfy decodes. ntfy explains errors in JSON
 * ({@code {"code":40101,"http":401,"error":"unauthorized"}}); a 401 or 403 means the topic is protected and the token
 * is missing or may not publish. The topic is as good as a password on a public server, so messages name the host
 * alone. Thread-safe: immutable settings only.
 */
final class NtfyNotifier implements Notifier {

    private final URI url;
    private final String token;
    private final String priority;
    private final String tags;
    private final NotifierContext context;

    NtfyNotifier(URI url, String token, String priority, String tags, NotifierContext context) {
        this.url = url;
        this.token = token;
        this.priority = priority;
        this.tags = tags;
        this.context = context;
    }

    @Override
    public DeliveryReceipt deliver(Notification notification)
            throws TemporaryFailureException, PermanentFailureException {
        ChatMessage message = ChatMessage.of(notification, context.channelName(), context.baseUrl());
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "text/markdown; charset=utf-8");
        headers.put("X-Markdown", "yes");
        headers.put("X-Title", headerText(ChatMessage.cut(message.title(), 250)));
        if (ChatMessage.isWeb(message.link())) {
            headers.put("X-Click", message.link());
        }
        if (!tags.isEmpty()) {
            headers.put("X-Tags", tags);
        }
        headers.put("X-Priority", priority);
        if (token != null) {
            headers.put("Authorization", "Bearer " + token);
        }
        byte[] body = NtfyMarkdown.render(message).getBytes(StandardCharsets.UTF_8);
        HttpReply reply =
                HttpFailurePolicy.send(context.http(), ChatHttp.call("POST", url, headers, body), ChatHttp.host(url));
        ServiceReply answer = ServiceReply.read(reply);
        String error = answer.text("/error");
        HttpFailurePolicy.requireSuccess(
                reply,
                "ntfy",
                error == null ? answer.excerpt() : error,
                null,
                context.clock().instant());
        String id = answer.text("/id");
        return new DeliveryReceipt(reply.status(), id == null ? answer.excerpt() : "message " + id);
    }

    /** The text as it is, when ASCII; otherwise one RFC 2047 encoded word ({@code =?UTF-8?B?…?=}). */
    static String headerText(String text) {
        boolean ascii = text.chars().allMatch(c -> c >= 0x20 && c < 0x7f);
        if (ascii && !text.contains("=?")) {
            return text;
        }
        return "=?UTF-8?B?" + Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8)) + "?=";
    }
}
