package io.vigil.spi.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.spi.PermanentFailureException;
import io.vigil.spi.TemporaryFailureException;
import io.vigil.spi.http.HttpFailurePolicy.Verdict;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HttpFailurePolicyTest {

    private static final Instant NOW = Instant.parse("2025-03-03T14:10:00Z");
    private static final URI TARGET = URI.create("https://hooks.example.org/vigil");

    @ParameterizedTest
    @ValueSource(ints = {200, 201, 202, 204, 299})
    void twoHundredsAreASuccess(int status) {
        assertThat(HttpFailurePolicy.verdict(status)).isEqualTo(Verdict.SUCCESS);
    }

    @ParameterizedTest
    @ValueSource(ints = {408, 425, 429, 500, 502, 503, 504, 599})
    void timeoutsRateLimitsAndServerErrorsAreTemporary(int status) {
        assertThat(HttpFailurePolicy.verdict(status)).isEqualTo(Verdict.TEMPORARY);
    }

    @ParameterizedTest
    @ValueSource(ints = {400, 401, 403, 404, 405, 410, 413, 422, 100, 301, 304, 0, 600})
    void otherClientErrorsAndUnexpectedAnswersArePermanent(int status) {
        assertThat(HttpFailurePolicy.verdict(status)).isEqualTo(Verdict.PERMANENT);
    }

    @Test
    void aSuccessIsReturnedAsItIs() throws Exception {
        HttpReply reply = reply(204, Map.of(), "");

        assertThat(HttpFailurePolicy.requireSuccess(reply, "the receiver", NOW)).isSameAs(reply);
    }

    @Test
    void refusedCredentialsArePermanentAndSaySo() {
        for (int status : List.of(401, 403)) {
            assertThatThrownBy(() -> HttpFailurePolicy.requireSuccess(
                            reply(status, Map.of("Retry-After", "60"), ""), "Telegram", "Unauthorized", null, NOW))
                    .isInstanceOfSatisfying(PermanentFailureException.class, failure -> assertThat(failure.statusCode())
                            .isEqualTo(status))
                    .hasMessage("the service refused the credentials (Telegram answered HTTP " + status
                            + ": Unauthorized)");
        }
    }

    @Test
    void aRateLimitIsTemporaryWithItsRetryAfterAndStatus() {
        assertThatThrownBy(() -> HttpFailurePolicy.requireSuccess(
                        reply(429, Map.of("Retry-After", "120"), ""), "the receiver", "slow down", null, NOW))
                .isInstanceOfSatisfying(TemporaryFailureException.class, failure -> {
                    assertThat(failure.statusCode()).isEqualTo(429);
                    assertThat(failure.retryAfter()).contains(Duration.ofMinutes(2));
                })
                .hasMessage("the receiver answered HTTP 429: slow down");
    }

    @Test
    void aServiceUnavailableWithADateWaitsUntilThen() {
        assertThatThrownBy(() -> HttpFailurePolicy.requireSuccess(
                        reply(503, Map.of("retry-after", "Mon, 03 Mar 2025 14:11:30 GMT"), ""), "the feed", NOW))
                .isInstanceOfSatisfying(TemporaryFailureException.class, failure -> {
                    assertThat(failure.statusCode()).isEqualTo(503);
                    assertThat(failure.retryAfter()).contains(Duration.ofSeconds(90));
                })
                .hasMessage("the feed answered HTTP 503");
    }

    @Test
    void aWaitFromTheBodyWinsOverTheHeaderAndIsCapped() {
        HttpReply reply = reply(429, Map.of("Retry-After", "5"), "");

        assertThatThrownBy(() -> HttpFailurePolicy.requireSuccess(reply, "Discord", null, Duration.ofMillis(1500), NOW))
                .isInstanceOfSatisfying(TemporaryFailureException.class, failure -> assertThat(failure.retryAfter())
                        .contains(Duration.ofMillis(1500)));
        assertThatThrownBy(() -> HttpFailurePolicy.requireSuccess(reply, "Telegram", null, Duration.ofDays(30), NOW))
                .isInstanceOfSatisfying(TemporaryFailureException.class, failure -> assertThat(failure.retryAfter())
                        .contains(HttpFailurePolicy.MAX_RETRY_AFTER));
    }

    @Test
    void aTemporaryFailureWithoutRetryAfterLeavesTheWaitToThePlatform() {
        assertThatThrownBy(() -> HttpFailurePolicy.requireSuccess(reply(502, Map.of(), ""), "the receiver", NOW))
                .isInstanceOfSatisfying(TemporaryFailureException.class, failure -> assertThat(failure.retryAfter())
                        .isEmpty());
    }

    @Test
    void otherClientErrorsArePermanentWithTheirStatus() {
        assertThatThrownBy(() -> HttpFailurePolicy.requireSuccess(
                        reply(400, Map.of(), ""), "the receiver", "{\"error\":\"unknown rule\"}", null, NOW))
                .isInstanceOfSatisfying(PermanentFailureException.class, failure -> assertThat(failure.statusCode())
                        .isEqualTo(400))
                .hasMessage("the receiver answered HTTP 400: {\"error\":\"unknown rule\"}");
    }

    @Test
    void readsDelaySeconds() {
        assertThat(HttpFailurePolicy.retryAfter("120", NOW)).contains(Duration.ofMinutes(2));
        assertThat(HttpFailurePolicy.retryAfter(" 0 ", NOW)).contains(Duration.ZERO);
        assertThat(HttpFailurePolicy.retryAfter("007", NOW)).contains(Duration.ofSeconds(7));
    }

    @Test
    void readsTheThreeFormsOfAnHttpDate() {
        Instant now = Instant.parse("1994-11-06T08:48:07Z");
        assertThat(HttpFailurePolicy.retryAfter("Sun, 06 Nov 1994 08:49:37 GMT", now))
                .contains(Duration.ofSeconds(90));
        assertThat(HttpFailurePolicy.retryAfter("Sunday, 06-Nov-94 08:49:37 GMT", now))
                .contains(Duration.ofSeconds(90));
        assertThat(HttpFailurePolicy.retryAfter("Sun Nov  6 08:49:37 1994", now))
                .contains(Duration.ofSeconds(90));
    }

    @Test
    void readsADateInThePastAsNoWait() {
        assertThat(HttpFailurePolicy.retryAfter("Mon, 03 Mar 2025 14:00:00 GMT", NOW))
                .contains(Duration.ZERO);
    }

    @Test
    void cutsALongWaitToTheMaximum() {
        assertThat(HttpFailurePolicy.retryAfter("31536000", NOW)).contains(HttpFailurePolicy.MAX_RETRY_AFTER);
        assertThat(HttpFailurePolicy.retryAfter("99999999999999999999999", NOW))
                .contains(HttpFailurePolicy.MAX_RETRY_AFTER);
        assertThat(HttpFailurePolicy.retryAfter("Fri, 01 Jan 2100 00:00:00 GMT", NOW))
                .contains(HttpFailurePolicy.MAX_RETRY_AFTER);
    }

    @Test
    void ignoresWhatItCannotRead() {
        for (String malformed : List.of(
                "soon",
                "-5",
                "1.5",
                "12 s",
                "Mon, 32 Mar 2025 14:00:00 GMT",
                "Tue, 03 Mar 2025 14:00:00 GMT",
                "2025-03-03T14:11:30Z",
                "9".repeat(100),
                "")) {
            assertThat(HttpFailurePolicy.retryAfter(malformed, NOW))
                    .as(malformed)
                    .isEmpty();
        }
        assertThat(HttpFailurePolicy.retryAfter((String) null, NOW)).isEmpty();
    }

    @Test
    void keepsAWaitAServiceNamedInItsBodyWithinBounds() {
        assertThat(HttpFailurePolicy.capRetryAfter(Duration.ofSeconds(3))).contains(Duration.ofSeconds(3));
        assertThat(HttpFailurePolicy.capRetryAfter(Duration.ofSeconds(-3))).isEmpty();
        assertThat(HttpFailurePolicy.capRetryAfter(null)).isEmpty();
    }

    @Test
    void aRefusedAddressIsPermanentAndSaysHowToAllowIt() {
        OutboundHttp refusing = call -> {
            throw new RefusedAddressException("intranet.example resolves to a private address");
        };

        assertThatThrownBy(() -> HttpFailurePolicy.send(refusing, HttpCall.get(TARGET), TARGET.toString()))
                .isInstanceOf(PermanentFailureException.class)
                .hasMessageContaining("intranet.example resolves to a private address")
                .hasMessageContaining("vigil.net.allow-private=true");
    }

    @Test
    void aRefusedRedirectOrAnOversizedAnswerIsPermanent() {
        OutboundHttp redirecting = call -> {
            throw new RefusedRedirectException("more than 5 redirects");
        };
        OutboundHttp flooding = call -> {
            throw new ResponseTooLargeException("the answer exceeds 262144 bytes");
        };

        assertThatThrownBy(() -> HttpFailurePolicy.send(redirecting, HttpCall.get(TARGET), "the receiver"))
                .isInstanceOf(PermanentFailureException.class)
                .hasMessage("more than 5 redirects");
        assertThatThrownBy(() -> HttpFailurePolicy.send(flooding, HttpCall.get(TARGET), "the receiver"))
                .isInstanceOf(PermanentFailureException.class)
                .hasMessageContaining("262144 bytes");
    }

    @Test
    void aFailedOrTimedOutConnectionIsTemporaryAndNamesOnlyWhatItIsTold() {
        URI secret = URI.create("https://api.telegram.org/bot123:SECRET/sendMessage");
        OutboundHttp timingOut = call -> {
            throw new HttpTimeoutException(call.uri() + " did not answer within PT15S");
        };
        OutboundHttp closed = call -> {
            throw new ConnectException();
        };
        OutboundHttp nowhere = call -> {
            throw new UnknownHostException(call.uri().getHost());
        };

        assertThatThrownBy(() -> HttpFailurePolicy.send(timingOut, HttpCall.get(secret), "api.telegram.org"))
                .isInstanceOfSatisfying(TemporaryFailureException.class, failure -> assertThat(failure.statusCode())
                        .isZero())
                .hasMessage("timed out: api.telegram.org did not answer within PT15S");
        assertThatThrownBy(() -> HttpFailurePolicy.send(closed, HttpCall.get(secret), "api.telegram.org"))
                .isInstanceOf(TemporaryFailureException.class)
                .hasMessage("cannot reach api.telegram.org: java.net.ConnectException");
        assertThatThrownBy(() -> HttpFailurePolicy.send(nowhere, HttpCall.get(secret), "api.telegram.org"))
                .isInstanceOf(TemporaryFailureException.class)
                .hasMessage("cannot reach api.telegram.org: host not found");
    }

    @Test
    void passesAnyAnswerOnForTheCallerToJudge() throws Exception {
        HttpReply notModified = reply(304, Map.of(), "");
        OutboundHttp answering = call -> notModified;

        assertThat(HttpFailurePolicy.send(answering, HttpCall.get(TARGET), "the feed"))
                .isSameAs(notModified);
    }

    @Test
    void excerptsCollapseWhitespaceAndCut() {
        assertThat(HttpFailurePolicy.excerpt(reply(200, Map.of(), "  ok\n\n  then more "), 100))
                .isEqualTo("ok then more");
        assertThat(HttpFailurePolicy.excerpt(reply(200, Map.of(), "abcdef"), 3)).isEqualTo("abc\u2026");
    }

    private static HttpReply reply(int status, Map<String, String> headers, String body) {
        Map<String, List<String>> multi = new java.util.HashMap<>();
        headers.forEach((name, value) -> multi.put(name, List.of(value)));
        return new HttpReply(status, multi, body.getBytes(StandardCharsets.UTF_8), TARGET);
    }
}
