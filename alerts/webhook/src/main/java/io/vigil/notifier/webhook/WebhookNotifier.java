package io.vigil.notifier.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.spi.PermanentFailureException;
import io.vigil.spi.TemporaryFailureException;
import io.vigil.spi.http.HttpCall;
import io.vigil.spi.http.HttpReply;
import io.vigil.spi.http.RefusedAddressException;
import io.vigil.spi.http.RefusedRedirectException;
import io.vigil.spi.http.ResponseTooLargeException;
import io.vigil.spi.notify.DeliveryReceipt;
import io.vigil.spi.notify.Notification;
import io.vigil.spi.notify.Notifier;
import io.vigil.spi.notify.NotifierContext;
import java.io.IOException;
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
 * decides what the outbox does: 2xx is delivered; 408, 429, 5xx, timeouts and broken connections are temporary (with
 * the receiver's {@code Retry-After} when it gives one); other answers and refused addresses are permanent.
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
    private final WebhookFormat format;
    private final ObjectMapper json;
    private final NotifierContext context;

    /** @param signer the signer of the channel's secret, or {@code null} to send unsigned (Slack has no use for it) */
    WebhookNotifier(URI url, WebhookSigner signer, WebhookFormat format, ObjectMapper json, NotifierContext context) {
        this.url = url;
        this.signer = signer;
        this.format = format;
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
            long timestamp = context.clock().instant().getEpochSecond();
            headers.put("webhook-timestamp", Long.toString(timestamp));
            headers.put("webhook-signature", signer.sign(notification.id(), timestamp, body));
        }
        HttpCall call = HttpCall.post(url, headers, body).withTimeout(TIMEOUT).withMaxBytes(MAX_RESPONSE_BYTES);
        HttpReply reply;
        try {
            reply = context.http().send(call);
        } catch (RefusedAddressException e) {
            throw new PermanentFailureException(
                    e.getMessage() + " (Vigil reaches private addresses only with vigil.net.allow-private=true)", e);
        } catch (RefusedRedirectException e) {
            throw new PermanentFailureException(e.getMessage(), e);
        } catch (ResponseTooLargeException e) {
            // The receiver may well have accepted, but retrying would get the same answer: show it rather than loop.
            throw new PermanentFailureException(
                    "the receiver answered with more than " + MAX_RESPONSE_BYTES + " bytes: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new TemporaryFailureException("cannot reach " + url + ": " + e.getMessage(), e);
        }
        return judge(reply);
    }

    private byte[] body(Notification notification) {
        try {
            return switch (format) {
                case VIGIL -> json.writeValueAsBytes(VigilPayload.from(notification, context.baseUrl()));
                case SLACK ->
                    json.writeValueAsBytes(
                            SlackMessage.from(json, notification, context.channelName(), context.baseUrl()));
            };
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the webhook body of notification " + notification.id(), e);
        }
    }

    private DeliveryReceipt judge(HttpReply reply) throws TemporaryFailureException, PermanentFailureException {
        int status = reply.status();
        String excerpt = excerpt(reply);
        if (reply.isSuccess()) {
            return new DeliveryReceipt(status, excerpt);
        }
        String answer = "the receiver answered " + status + (excerpt.isEmpty() ? "" : ": " + excerpt);
        if (status == 408 || status == 429 || status >= 500) {
            Instant now = context.clock().instant();
            Duration retryAfter = RetryAfter.parse(reply.header("Retry-After").orElse(null), now)
                    .orElse(null);
            throw new TemporaryFailureException(answer, retryAfter, null);
        }
        throw new PermanentFailureException(answer);
    }

    private static String excerpt(HttpReply reply) {
        String text = reply.bodyText().strip().replaceAll("\\s+", " ");
        return text.length() > RESPONSE_EXCERPT ? text.substring(0, RESPONSE_EXCERPT) + "\u2026" : text;
    }
}
