package io.vigil.spi.http;

import io.vigil.spi.PermanentFailureException;
import io.vigil.spi.TemporaryFailureException;
import java.io.IOException;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.util.Locale;
import java.util.Optional;

/**
 * The one place that decides what an HTTP answer means for a plugin: success, a temporary failure the platform retries
 * (after the wait the other side asked for), or a permanent one it shows to the user. Every built-in source and
 * notifier uses it, so a 429 or a refused token means the same thing everywhere; third-party plugins should too.
 *
 * <h2>The table</h2>
 *
 * <table>
 *   <caption>HTTP status to outcome</caption>
 *   <tr><th>status</th><th>outcome</th><th>why</th></tr>
 *   <tr><td>2xx</td><td>success</td><td></td></tr>
 *   <tr><td>401, 403</td><td>permanent, worded "the service refused the credentials"</td>
 *       <td>a wrong or revoked token stays wrong until someone changes it; retrying only hammers the service</td></tr>
 *   <tr><td>408, 425</td><td>temporary</td><td>the server gave up waiting, or wants the request again later</td></tr>
 *   <tr><td>429</td><td>temporary, after its {@code Retry-After}</td><td>a rate limit passes</td></tr>
 *   <tr><td>5xx (503 with its {@code Retry-After})</td><td>temporary</td>
 *       <td>the server is down, overloaded or in maintenance</td></tr>
 *   <tr><td>any other 4xx (400, 404, 410, 413, 422, …)</td><td>permanent</td>
 *       <td>the request itself is wrong: the same request gets the same answer</td></tr>
 *   <tr><td>anything else (1xx, a 3xx that was not followed)</td><td>permanent</td>
 *       <td>not an answer a plugin can act on; a source that sent a conditional GET handles 304 before asking</td></tr>
 * </table>
 *
 * <p>A temporary failure carries the wait from the answer's {@code Retry-After} header (RFC 9110 §10.2.3: delay
 * seconds or an HTTP-date in any of its three formats), or a wait the plugin read from the body of the answer
 * (Telegram's {@code parameters.retry_after}, Matrix's {@code retry_after_ms}), which wins over the header. A malformed
 * value is ignored, a date in the past means no wait, and a wait longer than {@link #MAX_RETRY_AFTER} is cut to it, so
 * a typo cannot park a source or a channel for years; the platform may cut it further. Both failures carry the status,
 * for the delivery log and the source's health.
 *
 * <p>Connection failures get the same treatment through {@link #send}: a refused address, a refused redirect or an
 * oversized answer is permanent (the same request meets the same refusal), a timeout or a broken connection temporary.
 *
 * <p>Stateless and thread-safe.
 */
public final class HttpFailurePolicy {

    /** The longest wait an answer can ask for; a longer one is cut to this. */
    public static final Duration MAX_RETRY_AFTER = Duration.ofDays(1);

    /** The words every failure of refused credentials starts with, so users and filters recognise it. */
    public static final String REFUSED_CREDENTIALS = "the service refused the credentials";

    /** A header longer than this is not a date or a number of seconds. */
    private static final int MAX_HEADER_LENGTH = 64;

    /** C's asctime, {@code Sun Nov  6 08:49:37 1994}: the day padded with a space, no zone (it is GMT). */
    private static final DateTimeFormatter ASCTIME =
            DateTimeFormatter.ofPattern("EEE MMM ppd HH:mm:ss yyyy", Locale.ENGLISH);

    /** What an answer comes to. */
    public enum Verdict {
        SUCCESS,
        TEMPORARY,
        PERMANENT
    }

    private HttpFailurePolicy() {}

    /** The outcome of a status, by the table above. */
    public static Verdict verdict(int status) {
        if (status >= 200 && status < 300) {
            return Verdict.SUCCESS;
        }
        if (status == 408 || status == 425 || status == 429 || (status >= 500 && status < 600)) {
            return Verdict.TEMPORARY;
        }
        return Verdict.PERMANENT;
    }

    /** Whether a status says the service refused who we are (401) or what we may do (403). */
    public static boolean refusesCredentials(int status) {
        return status == 401 || status == 403;
    }

    /**
     * Returns the reply when it is a success, and otherwise throws the failure it comes to.
     *
     * @param who the other side in the user's words, such as {@code the receiver} or {@code the feed at https://…}; it
     *     starts the failure's message: {@code the receiver answered HTTP 503}
     * @param now the platform clock's now, against which an HTTP-date is read
     * @throws TemporaryFailureException for 408, 425, 429 and 5xx, with the {@code Retry-After}
     * @throws PermanentFailureException for everything else that is not 2xx
     */
    public static HttpReply requireSuccess(HttpReply reply, String who, Instant now)
            throws TemporaryFailureException, PermanentFailureException {
        return requireSuccess(reply, who, null, null, now);
    }

    /**
     * Like {@link #requireSuccess(HttpReply, String, Instant)}, with what the plugin read from the answer's body.
     *
     * @param detail the service's own explanation (an error description, an excerpt of the body), appended to the
     *     message after a colon; {@code null} or blank for none. Never put a credential in it.
     * @param retryAfter a wait the body asked for, which wins over the header; {@code null} for none
     */
    public static HttpReply requireSuccess(HttpReply reply, String who, String detail, Duration retryAfter, Instant now)
            throws TemporaryFailureException, PermanentFailureException {
        int status = reply.status();
        String message = message(status, who, detail);
        return switch (verdict(status)) {
            case SUCCESS -> reply;
            case TEMPORARY -> {
                Duration wait = retryAfter != null
                        ? capRetryAfter(retryAfter).orElse(null)
                        : retryAfter(reply, now).orElse(null);
                throw new TemporaryFailureException(message, status, wait, null);
            }
            case PERMANENT -> throw new PermanentFailureException(message, status, null);
        };
    }

    /**
     * The failure's message: {@code <who> answered HTTP <status>: <detail>}, and for refused credentials
     * {@code the service refused the credentials (<who> answered HTTP 401: <detail>)}.
     */
    public static String message(int status, String who, String detail) {
        String answered =
                who + " answered HTTP " + status + (detail == null || detail.isBlank() ? "" : ": " + detail.strip());
        return refusesCredentials(status) ? REFUSED_CREDENTIALS + " (" + answered + ")" : answered;
    }

    /** The wait a reply's {@code Retry-After} header asks for, read as {@link #retryAfter(String, Instant)} reads it. */
    public static Optional<Duration> retryAfter(HttpReply reply, Instant now) {
        return retryAfter(reply.header("Retry-After").orElse(null), now);
    }

    /**
     * Reads a {@code Retry-After} value: delay seconds ({@code 120}) or an HTTP-date (IMF-fixdate
     * {@code Sun, 06 Nov 1994 08:49:37 GMT}, the obsolete RFC 850 {@code Sunday, 06-Nov-94 08:49:37 GMT} and asctime
     * {@code Sun Nov  6 08:49:37 1994}), counted from {@code now}.
     *
     * @return empty when the value is absent or malformed; zero for a date in the past; at most
     *     {@link #MAX_RETRY_AFTER}
     */
    public static Optional<Duration> retryAfter(String value, Instant now) {
        if (value == null || value.isBlank() || value.length() > MAX_HEADER_LENGTH) {
            return Optional.empty();
        }
        String text = value.strip();
        if (text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            // Only digits: a number of seconds, however many of them — a huge one is a long wait, cut to the cap.
            String significant = text.replaceFirst("^0+(?=.)", "");
            if (significant.length() > 12) {
                return Optional.of(MAX_RETRY_AFTER);
            }
            return capRetryAfter(Duration.ofSeconds(Long.parseLong(significant)));
        }
        return httpDate(text, now).flatMap(at -> {
            Duration wait = Duration.between(now, at);
            return capRetryAfter(wait.isNegative() ? Duration.ZERO : wait);
        });
    }

    /**
     * A wait a service asked for in its own words (a JSON field), kept within the policy's bounds.
     *
     * @return empty for {@code null} or a negative wait; at most {@link #MAX_RETRY_AFTER}
     */
    public static Optional<Duration> capRetryAfter(Duration asked) {
        if (asked == null || asked.isNegative()) {
            return Optional.empty();
        }
        return Optional.of(asked.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : asked);
    }

    /**
     * Sends a request and turns a failed connection into the failure it comes to; the answer itself, whatever its
     * status, is returned for {@link #requireSuccess} (or for a plugin that treats 304 or a body first).
     *
     * @param where the target in the user's words, for the message: {@code cannot reach <where>: …}. When the URL
     *     holds a credential (a bot token in the path, a webhook URL), name the host only.
     * @throws PermanentFailureException the address, or a redirect, was refused, or the answer was too large
     * @throws TemporaryFailureException the connection failed or timed out
     */
    public static HttpReply send(OutboundHttp http, HttpCall call, String where)
            throws TemporaryFailureException, PermanentFailureException {
        try {
            return http.send(call);
        } catch (RefusedAddressException e) {
            String reason = scrub(e, call, where);
            String hint = reason.contains("vigil.net.allow-private")
                    ? ""
                    : " (Vigil reaches private addresses only with vigil.net.allow-private=true)";
            throw new PermanentFailureException(reason + hint, e);
        } catch (RefusedRedirectException e) {
            throw new PermanentFailureException(scrub(e, call, where), e);
        } catch (ResponseTooLargeException e) {
            // The other side may well have acted on it, but the same request gets the same answer: show it, don't loop.
            throw new PermanentFailureException(where + " answered with too much: " + scrub(e, call, where), e);
        } catch (HttpTimeoutException e) {
            throw new TemporaryFailureException("timed out: " + scrub(e, call, where), e);
        } catch (UnknownHostException e) {
            throw new TemporaryFailureException("cannot reach " + where + ": host not found", e);
        } catch (IOException e) {
            throw new TemporaryFailureException("cannot reach " + where + ": " + scrub(e, call, where), e);
        }
    }

    /**
     * The exception's message with the request's URI replaced by {@code where}: the HTTP client names the URI, and a
     * URI may hold a credential that must not reach the delivery log.
     */
    private static String scrub(IOException e, HttpCall call, String where) {
        String message = e.getMessage() == null ? e.getClass().getName() : e.getMessage();
        return message.replace(call.uri().toString(), where);
    }

    /** The answer's text with its whitespace collapsed, cut to {@code max} characters, for a log or a message. */
    public static String excerpt(HttpReply reply, int max) {
        String text = reply.bodyText().strip().replaceAll("\\s+", " ");
        return text.length() > max ? text.substring(0, max) + "\u2026" : text;
    }

    private static Optional<Instant> httpDate(String text, Instant now) {
        try {
            // IMF-fixdate, the form every server should send; the formatter also takes a numeric zone.
            return Optional.of(ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME)
                    .toInstant());
        } catch (DateTimeException notImfFixdate) {
            // one of the obsolete forms, then
        }
        try {
            return Optional.of(LocalDateTime.parse(text, ASCTIME).toInstant(ZoneOffset.UTC));
        } catch (DateTimeException notAsctime) {
            // RFC 850, then
        }
        try {
            // RFC 850's two-digit year: more than 50 years ahead means the century before (RFC 9110 §5.6.7).
            int base = now.atZone(ZoneOffset.UTC).getYear() - 49;
            DateTimeFormatter rfc850 = new DateTimeFormatterBuilder()
                    .appendPattern("EEEE, dd-MMM-")
                    .appendValueReduced(ChronoField.YEAR, 2, 2, base)
                    .appendPattern(" HH:mm:ss 'GMT'")
                    .toFormatter(Locale.ENGLISH);
            return Optional.of(LocalDateTime.parse(text, rfc850).toInstant(ZoneOffset.UTC));
        } catch (DateTimeException unreadable) {
            return Optional.empty();
        }
    }
}
