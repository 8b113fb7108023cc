package io.vigil.notifier.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.spi.PermanentFailureException;
import io.vigil.spi.TemporaryFailureException;
import io.vigil.spi.http.HttpCall;
import io.vigil.spi.http.HttpFailurePolicy;
import io.vigil.spi.http.HttpReply;
import io.vigil.spi.notify.DeliveryReceipt;
import io.vigil.spi.notify.Notification;
import io.vigil.spi.notify.Notifier;
import io.vigil.spi.notify.NotifierContext;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Posts notifications of one channel to its URL, signed the Standard Webhooks way.
 *
 * <p>Every attempt at a notification carries its id as {@code webhook-id}, so the receiver can drop repeats; the
 * timestamp and signature are made afresh for each attempt, because receivers refuse old timestamps. The answer
 * decides what the outbox does, by the SPI's {@link HttpFailurePolicy}: 2xx is delivered; 408, 429, 5xx, timeouts and
 * broken connections are temporary (with the receiver's {@code Retry-After} when it gives one); other answers and
 * refused addresses are permanent.
 *
 * <p>Thread-safe: it holds only immutable settings and the thread-safe {@link ObjectMapper}.
 */
final class WebhookNotifier implements Notifier {

    /** Long enough for a slow receiver that does its work before answering, short enough not to hold the worker. */
    static final Duration TIMEOUT = Duration.ofSeconds(15);
    /** The delivery log keeps an excerpt only; an answer larger than this is refused by the HTTP client. */
    private static final long MAX_RESPONSE_BYTES = 256 * 1024;

    private static final int RESPONSE_EXCERPT = 200;

    private final URI url;
    private final WebhookSigner signer;
    private final Previous previous;
    private final WebhookFormat format;
    private final int version;
    private final ObjectMapper json;
    private final NotifierContext context;

    /**
     * The secret a rotation replaced, which signs beside the new one until {@code until}, so a receiver that still
     * holds it keeps verifying during the overlap.
     */
    record Previous(WebhookSigner signer, Instant until) {}

    /**
     * @param signer the signer of the channel's secret, or {@code null} to send unsigned (Slack has no use for it)
     * @param previous the secret being rotated out, or {@code null}
     * @param version the version of the {@code vigil} document: 1 or 2
     */
    WebhookNotifier(
            URI url,
            WebhookSigner signer,
            Previous previous,
            WebhookFormat format,
            int version,
            ObjectMapper json,
            NotifierContext context) {
        this.url = url;
        this.signer = signer;
        this.previous = previous;
        this.format = format;
        this.version = version;
        this.json = json;
        this.context = context;
    }

    @Override
    public DeliveryReceipt deliver(Notification notification)
            throws TemporaryFailureException, PermanentFailureException {
        byte[] body = body(notification);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("webhook-id", notification.id());
        if (signer != null) {
            Instant now = context.clock().instant();
            long timestamp = now.getEpochSecond();
            headers.put("webhook-timestamp", Long.toString(timestamp));
            String signatures = signer.sign(notification.id(), timestamp, body);
            if (previous != null && now.isBefore(previous.until())) {
                // Standard Webhooks: several space-separated signatures, any one of which a receiver may accept.
                signatures += " " + previous.signer().sign(notification.id(), timestamp, body);
            }
            headers.put("webhook-signature", signatures);
        }
        HttpCall call = HttpCall.post(url, headers, body).withTimeout(TIMEOUT).withMaxBytes(MAX_RESPONSE_BYTES);
        // The URL's path may be its credential (a Slack-style URL), and failures are shown to every role: name the
        // host.
        String where = url.getScheme() + "://" + url.getHost() + (url.getPort() < 0 ? "" : ":" + url.getPort());
        HttpReply reply = HttpFailurePolicy.send(context.http(), call, where);
        String excerpt = HttpFailurePolicy.excerpt(reply, RESPONSE_EXCERPT);
        HttpFailurePolicy.requireSuccess(
                reply, "the receiver", excerpt, null, context.clock().instant());
        return new DeliveryReceipt(reply.status(), excerpt);
    }

    private byte[] body(Notification notification) {
        try {
            return switch (format) {
                case VIGIL ->
                    json.writeValueAsBytes(
                            version == VigilPayloadV2.VERSION
                                    ? VigilPayloadV2.from(notification, context.baseUrl())
                                    : VigilPayload.from(notification, context.baseUrl()));
                case SLACK ->
                    json.writeValueAsBytes(
                            SlackMessage.from(json, notification, context.channelName(), context.baseUrl()));
            };
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the webhook body of notification " + notification.id(), e);
        }
    }
}
