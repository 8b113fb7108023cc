package io.vigil.notifier.chat.telegram;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.notifier.chat.FakeService.Answer;
import io.vigil.notifier.chat.HtmlSubset;
import io.vigil.notifier.chat.Notices;
import io.vigil.spi.PermanentFailureException;
import io.vigil.spi.TemporaryFailureException;
import io.vigil.spi.notify.DeliveryReceipt;
import io.vigil.spi.notify.Notifier;
import io.vigil.spi.testkit.FakeNotifierContext;
import io.vigil.spi.testkit.PlainOutboundHttp;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TelegramNotifierTest {

    private final TelegramNotifierFactory factory = new TelegramNotifierFactory();

    private Notifier notifier(String apiUrl, String token) throws Exception {
        Map<String, String> config = new HashMap<>();
        config.put("botToken", token);
        config.put("chatId", "-1001234567890");
        config.put("apiUrl", apiUrl);
        return factory.create(
                factory.configSpec().validate(config),
                FakeNotifierContext.create()
                        .withChannelName("Duty desk")
                        .withBaseUrl(Notices.BASE_URL)
                        .withHttp(new PlainOutboundHttp()));
    }

    @Test
    void postsAnAlertWithSendMessageInTelegramsHtml() throws Exception {
        try (FakeTelegram telegram = new FakeTelegram()) {
            DeliveryReceipt receipt =
                    notifier(telegram.baseUrl(), FakeTelegram.TOKEN).deliver(Notices.alert("n-1"));

            assertThat(receipt.statusCode()).isEqualTo(200);
            assertThat(receipt.response()).isEqualTo("message_id 1");
            JsonNode body = telegram.last().json();
            assertThat(body.path("chat_id").isNumber()).isTrue();
            assertThat(body.path("chat_id").asLong()).isEqualTo(-1001234567890L);
            assertThat(body.path("parse_mode").asText()).isEqualTo("HTML");
            assertThat(body.path("link_preview_options").path("is_disabled").asBoolean())
                    .isTrue();
            String text = body.path("text").asText();
            assertThat(text)
                    .startsWith("<b>New story for \u201cMosul\u201d</b>")
                    .contains("<b><a href=\"https://vigil.example/alerts/7\">Story</a></b>")
                    .contains("Reported by <a href=\"https://news.example/articles/42\">Example News</a>")
                    .contains("<blockquote>Engineers began work on the <b>fortifications</b> north of <b>Mosul</b>"
                            + " on Monday.</blockquote>")
                    .endsWith("<a href=\"https://vigil.example/alerts/7\">Open in Vigil</a>");
        }
    }

    @Test
    void escapesEverythingAnArticleSaysSoTelegramAcceptsItAsText() throws Exception {
        try (FakeTelegram telegram = new FakeTelegram()) {
            notifier(telegram.baseUrl(), FakeTelegram.TOKEN).deliver(Notices.hostile("n-2"));

            String text = telegram.last().json().path("text").asText();
            String visible = HtmlSubset.visibleText(text, FakeTelegram.TAGS);
            assertThat(visible).contains("<b>Breaking</b> & [click](https://evil.example) *now* @everyone");
            assertThat(visible).contains("<script>alert(1)</script>");
            assertThat(text).doesNotContain("href=\"javascript").doesNotContain("href=\"https://evil.example");
            assertThat(text).contains("&lt;b&gt;<b>Mosul</b>&lt;/b&gt;</blockquote>");
        }
    }

    @Test
    void keepsABigDigestWithinTelegramsLimitAndSaysHowManyStoriesAreLeftOut() throws Exception {
        try (FakeTelegram telegram = new FakeTelegram()) {
            DeliveryReceipt receipt =
                    notifier(telegram.baseUrl(), FakeTelegram.TOKEN).deliver(Notices.digest("n-3", 100));

            assertThat(receipt.statusCode()).isEqualTo(200);
            String visible =
                    HtmlSubset.visibleText(telegram.last().json().path("text").asText(), FakeTelegram.TAGS);
            assertThat(visible.length()).isLessThanOrEqualTo(4096);
            assertThat(visible).startsWith("Digest: 100 stories for 2 rules").contains("Rule: Border wall");
            assertThat(visible).containsPattern("\u2026and \\d+ more stories in Vigil$");
        }
    }

    @Test
    void waitsAsLongAsTelegramsFloodControlAsksBeforeTryingAgain() throws Exception {
        try (FakeTelegram telegram = new FakeTelegram()) {
            telegram.thenAnswer(Answer.json(
                    429,
                    "{\"ok\":false,\"error_code\":429,\"description\":\"Too Many Requests: retry after 7\","
                            + "\"parameters\":{\"retry_after\":7}}"));
            Notifier notifier = notifier(telegram.baseUrl(), FakeTelegram.TOKEN);

            assertThatThrownBy(() -> notifier.deliver(Notices.alert("n-4")))
                    .isInstanceOfSatisfying(TemporaryFailureException.class, failure -> {
                        assertThat(failure.statusCode()).isEqualTo(429);
                        assertThat(failure.retryAfter()).contains(Duration.ofSeconds(7));
                    })
                    .hasMessage("Telegram answered HTTP 429: Too Many Requests: retry after 7");
            assertThat(notifier.deliver(Notices.alert("n-4")).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void aTokenTelegramRefusesStopsWithoutRetryingAndNeverShowsTheToken() throws Exception {
        String revoked = "123456789:AAH-revoked-token-revoked-token-xx";
        try (FakeTelegram telegram = new FakeTelegram()) {
            Notifier notifier = notifier(telegram.baseUrl(), revoked);

            assertThatThrownBy(() -> notifier.deliver(Notices.alert("n-5")))
                    .isInstanceOfSatisfying(PermanentFailureException.class, failure -> assertThat(failure.statusCode())
                            .isEqualTo(401))
                    .hasMessage("the service refused the credentials (Telegram answered HTTP 401: Unauthorized)");
        }
    }

    @Test
    void aBotThrownOutOfTheChatIsRefusedCredentialsToo() throws Exception {
        try (FakeTelegram telegram = new FakeTelegram()) {
            telegram.thenAnswer(FakeTelegram.error(403, "Forbidden: bot was kicked from the supergroup chat"));

            assertThatThrownBy(() ->
                            notifier(telegram.baseUrl(), FakeTelegram.TOKEN).deliver(Notices.alert("n-6")))
                    .isInstanceOf(PermanentFailureException.class)
                    .hasMessageStartingWith("the service refused the credentials")
                    .hasMessageContaining("bot was kicked");
        }
    }

    @Test
    void aServerErrorIsTriedAgainAndABadChatIsNot() throws Exception {
        try (FakeTelegram telegram = new FakeTelegram()) {
            telegram.thenAnswer(
                    FakeTelegram.error(502, "Bad Gateway"),
                    Answer.json(
                            400,
                            "{\"ok\":false,\"error_code\":400,\"description\":\"Bad Request: group chat was upgraded"
                                    + " to a supergroup chat\",\"parameters\":{\"migrate_to_chat_id\":-1009876}}"));
            Notifier notifier = notifier(telegram.baseUrl(), FakeTelegram.TOKEN);

            assertThatThrownBy(() -> notifier.deliver(Notices.alert("n-7")))
                    .isInstanceOf(TemporaryFailureException.class);
            assertThatThrownBy(() -> notifier.deliver(Notices.alert("n-7")))
                    .isInstanceOf(PermanentFailureException.class)
                    .hasMessageContaining("set chatId to it")
                    .hasMessageContaining("-1009876");
        }
    }

    @Test
    void aConnectionFailureNamesTheHostAndNotTheTokenInThePath() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        Notifier notifier = notifier("http://127.0.0.1:" + closedPort, FakeTelegram.TOKEN);

        assertThatThrownBy(() -> notifier.deliver(Notices.alert("n-8")))
                .isInstanceOf(TemporaryFailureException.class)
                .hasMessageStartingWith("cannot reach 127.0.0.1:" + closedPort)
                .message()
                .doesNotContain(FakeTelegram.TOKEN);
    }

    @Test
    void aTestMessageNamesTheChannel() throws Exception {
        try (FakeTelegram telegram = new FakeTelegram()) {
            notifier(telegram.baseUrl(), FakeTelegram.TOKEN).deliver(Notices.test("n-9"));

            assertThat(HtmlSubset.visibleText(
                            telegram.last().json().path("text").asText(), FakeTelegram.TAGS))
                    .isEqualTo("Test message from Vigil for the channel \u201cDuty desk\u201d\n"
                            + "Alerts of the rules that use this channel will arrive here.");
        }
    }

    @Test
    void refusesATokenOrChatIdThatCannotBeRight() {
        Map<String, String> config = new HashMap<>(Map.of("botToken", "not a token", "chatId", "-100123"));
        assertThatThrownBy(() -> factory.create(factory.configSpec().validate(config), FakeNotifierContext.create()))
                .isInstanceOf(PermanentFailureException.class)
                .hasMessageContaining("botToken");
        config.put("botToken", FakeTelegram.TOKEN);
        config.put("chatId", "my group");
        assertThatThrownBy(() -> factory.create(factory.configSpec().validate(config), FakeNotifierContext.create()))
                .isInstanceOf(PermanentFailureException.class)
                .hasMessageContaining("chatId");
    }
}
