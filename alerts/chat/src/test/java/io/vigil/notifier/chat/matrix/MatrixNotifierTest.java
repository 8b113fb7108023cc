package io.vigil.notifier.chat.matrix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.notifier.chat.FakeService.Answer;
import io.vigil.notifier.chat.FakeService.Request;
import io.vigil.notifier.chat.HtmlSubset;
import io.vigil.notifier.chat.Notices;
import io.vigil.spi.PermanentFailureException;
import io.vigil.spi.TemporaryFailureException;
import io.vigil.spi.notify.DeliveryReceipt;
import io.vigil.spi.notify.Notifier;
import io.vigil.spi.testkit.FakeNotifierContext;
import io.vigil.spi.testkit.PlainOutboundHttp;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MatrixNotifierTest {

    private final MatrixNotifierFactory factory = new MatrixNotifierFactory();

    private Notifier notifier(FakeMatrix matrix, String token, String room) throws Exception {
        return factory.create(
                factory.configSpec()
                        .validate(Map.of("homeserver", matrix.baseUrl(), "accessToken", token, "roomId", room)),
                FakeNotifierContext.create().withBaseUrl(Notices.BASE_URL).withHttp(new PlainOutboundHttp()));
    }

    @Test
    void sendsAnHtmlNoticeToTheRoomUnderATransactionIdMadeFromTheNotification() throws Exception {
        try (FakeMatrix matrix = new FakeMatrix()) {
            DeliveryReceipt receipt =
                    notifier(matrix, FakeMatrix.TOKEN, FakeMatrix.ROOM).deliver(Notices.alert("n-1"));

            assertThat(receipt.statusCode()).isEqualTo(200);
            assertThat(receipt.response()).isEqualTo("event_id $event1");
            Request request = matrix.last();
            assertThat(request.method()).isEqualTo("PUT");
            assertThat(request.path())
                    .isEqualTo("/_matrix/client/v3/rooms/%21newsroom%3Amatrix.example/send/m.room.message/vigil-n-1");
            assertThat(request.header("Authorization")).isEqualTo("Bearer " + FakeMatrix.TOKEN);
            JsonNode content = matrix.posted().get(0);
            assertThat(content.path("msgtype").asText()).isEqualTo("m.notice");
            assertThat(content.path("format").asText()).isEqualTo("org.matrix.custom.html");
            assertThat(content.path("body").asText())
                    .startsWith("New story for \u201cMosul\u201d\n\nStory\nhttps://vigil.example/alerts/7")
                    .contains("Reported by Example News")
                    .contains("> Engineers began work on the \u00abfortifications\u00bb north of \u00abMosul\u00bb");
            assertThat(content.path("formatted_body").asText())
                    .contains("<strong><a href=\"https://vigil.example/alerts/7\">Story</a></strong>")
                    .contains("<blockquote>Engineers began work on the <strong>fortifications</strong> north of"
                            + " <strong>Mosul</strong> on Monday.</blockquote>");
        }
    }

    @Test
    void aRetryOfTheSameNotificationIsPostedOnce() throws Exception {
        try (FakeMatrix matrix = new FakeMatrix()) {
            matrix.thenAnswer(FakeMatrix.error(502, "M_UNKNOWN", "bad gateway"));
            Notifier notifier = notifier(matrix, FakeMatrix.TOKEN, FakeMatrix.ROOM);

            assertThatThrownBy(() -> notifier.deliver(Notices.alert("n-2")))
                    .isInstanceOf(TemporaryFailureException.class);
            DeliveryReceipt first = notifier.deliver(Notices.alert("n-2"));
            DeliveryReceipt repeat = notifier.deliver(Notices.alert("n-2"));

            assertThat(repeat.response()).isEqualTo(first.response());
            assertThat(matrix.posted()).hasSize(1);
            assertThat(matrix.received())
                    .extracting(Request::path)
                    .containsOnly(matrix.received().get(0).path());
        }
    }

    @Test
    void waitsTheRetryAfterMsOfARateLimit() throws Exception {
        try (FakeMatrix matrix = new FakeMatrix()) {
            matrix.thenAnswer(Answer.json(
                    429, "{\"errcode\":\"M_LIMIT_EXCEEDED\",\"error\":\"Too Many Requests\",\"retry_after_ms\":2500}"));

            assertThatThrownBy(() ->
                            notifier(matrix, FakeMatrix.TOKEN, FakeMatrix.ROOM).deliver(Notices.alert("n-3")))
                    .isInstanceOfSatisfying(TemporaryFailureException.class, failure -> {
                        assertThat(failure.statusCode()).isEqualTo(429);
                        assertThat(failure.retryAfter()).contains(Duration.ofMillis(2500));
                    })
                    .hasMessage("Matrix answered HTTP 429: M_LIMIT_EXCEEDED: Too Many Requests");
        }
    }

    @Test
    void anUnknownTokenOrARoomTheAccountIsNotInIsRefusedCredentials() throws Exception {
        try (FakeMatrix matrix = new FakeMatrix()) {
            assertThatThrownBy(() ->
                            notifier(matrix, "syt_revoked", FakeMatrix.ROOM).deliver(Notices.alert("n-4")))
                    .isInstanceOfSatisfying(PermanentFailureException.class, failure -> assertThat(failure.statusCode())
                            .isEqualTo(401))
                    .hasMessage("the service refused the credentials (Matrix answered HTTP 401: M_UNKNOWN_TOKEN:"
                            + " Invalid access token passed.)");
            assertThatThrownBy(() -> notifier(matrix, FakeMatrix.TOKEN, "!other:matrix.example")
                            .deliver(Notices.alert("n-4")))
                    .isInstanceOf(PermanentFailureException.class)
                    .hasMessageStartingWith("the service refused the credentials")
                    .hasMessageContaining("not in room");
        }
    }

    @Test
    void escapesArticleTextAndKeepsTheHtmlWithinTheSpecsTags() throws Exception {
        try (FakeMatrix matrix = new FakeMatrix()) {
            notifier(matrix, FakeMatrix.TOKEN, FakeMatrix.ROOM).deliver(Notices.hostile("n-5"));

            String html = matrix.posted().get(0).path("formatted_body").asText();
            assertThat(HtmlSubset.visibleText(html, FakeMatrix.TAGS))
                    .contains("<script>alert(1)</script>")
                    .contains("Evil <a href=\"https://evil.example\">Wire</a> & Co");
            assertThat(html).doesNotContain("<script").doesNotContain("href=\"javascript");
        }
    }

    @Test
    void aBigDigestStaysFarBelowTheEventSizeLimit() throws Exception {
        try (FakeMatrix matrix = new FakeMatrix()) {
            notifier(matrix, FakeMatrix.TOKEN, FakeMatrix.ROOM).deliver(Notices.digest("n-6", 100));

            assertThat(matrix.last().body().length).isLessThan(65_536);
            assertThat(matrix.posted().get(0).path("body").asText())
                    .startsWith("Digest: 100 stories for 2 rules")
                    .containsPattern("more stories in Vigil: https://vigil.example/alerts$");
        }
    }

    @Test
    void refusesARoomAlias() {
        assertThatThrownBy(() -> factory.create(
                        factory.configSpec()
                                .validate(Map.of(
                                        "homeserver",
                                        "https://matrix.example",
                                        "accessToken",
                                        "t",
                                        "roomId",
                                        "#news:matrix.example")),
                        FakeNotifierContext.create()))
                .isInstanceOf(PermanentFailureException.class)
                .hasMessageContaining("roomId");
    }
}
