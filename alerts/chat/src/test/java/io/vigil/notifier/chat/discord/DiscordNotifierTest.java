package io.vigil.notifier.chat.discord;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.notifier.chat.FakeService.Answer;
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

class DiscordNotifierTest {

    private final DiscordNotifierFactory factory = new DiscordNotifierFactory();

    private Notifier notifier(String url) throws Exception {
        return factory.create(
                factory.configSpec().validate(Map.of("url", url)),
                FakeNotifierContext.create().withBaseUrl(Notices.BASE_URL).withHttp(new PlainOutboundHttp()));
    }

    @Test
    void executesTheWebhookWithAnEmbedPerStoryAndWaitsForTheMessage() throws Exception {
        try (FakeDiscord discord = new FakeDiscord()) {
            DeliveryReceipt receipt = notifier(discord.webhookUrl()).deliver(Notices.alert("n-1"));

            assertThat(receipt.statusCode()).isEqualTo(200);
            assertThat(receipt.response()).isEqualTo("message 9000000001");
            assertThat(discord.last().method()).isEqualTo("POST");
            assertThat(discord.last().query()).isEqualTo("wait=true");
            JsonNode body = discord.last().json();
            assertThat(body.path("username").asText()).isEqualTo("Vigil");
            assertThat(body.path("allowed_mentions").path("parse").isArray()).isTrue();
            assertThat(body.path("allowed_mentions").path("parse")).isEmpty();
            assertThat(body.path("content").asText()).isEqualTo("**New story for \u201cMosul\u201d**");
            JsonNode embed = body.path("embeds").get(0);
            assertThat(embed.path("title").asText()).isEqualTo("Story");
            assertThat(embed.path("url").asText()).isEqualTo("https://vigil.example/alerts/7");
            assertThat(embed.path("description").asText())
                    .isEqualTo("Reported by [Example News](https://news.example/articles/42)\n\n"
                            + "> Engineers began work on the **fortifications** north of **Mosul** on Monday.");
            assertThat(embed.path("footer").path("text").asText()).isEqualTo("Vigil \u00b7 rule Mosul");
            assertThat(embed.path("timestamp").asText()).isEqualTo("2025-03-03T14:05:00Z");
        }
    }

    @Test
    void aDigestKeepsDiscordsEmbedLimitsAndNamesWhatIsLeftOut() throws Exception {
        try (FakeDiscord discord = new FakeDiscord()) {
            assertThat(notifier(discord.webhookUrl())
                            .deliver(Notices.digest("n-2", 40))
                            .statusCode())
                    .isEqualTo(200);

            JsonNode body = discord.last().json();
            assertThat(FakeDiscord.problem(body)).isNull();
            assertThat(body.path("embeds").size()).isBetween(1, 10);
            assertThat(body.path("content").asText())
                    .startsWith("**Digest\\: 40 stories for 2 rules**")
                    .containsPattern("more stories in Vigil\\]\\(https://vigil.example/alerts\\)$");
        }
    }

    @Test
    void escapesMarkdownAndMentionsFromArticles() throws Exception {
        try (FakeDiscord discord = new FakeDiscord()) {
            notifier(discord.webhookUrl()).deliver(Notices.hostile("n-3"));

            JsonNode embed = discord.last().json().path("embeds").get(0);
            assertThat(embed.path("title").asText())
                    .contains("\\[click\\]\\(https\\://evil.example\\) \\*now\\* \\@everyone");
            assertThat(embed.path("description").asText())
                    .doesNotContain("](javascript")
                    .contains("\\<b\\>**Mosul**\\<")
                    .contains("Evil \\<a href=\"https\\://evil.example\"\\>Wire\\</a\\> & Co");
        }
    }

    @Test
    void waitsTheRetryAfterOfARateLimit() throws Exception {
        try (FakeDiscord discord = new FakeDiscord()) {
            discord.thenAnswer(new Answer(
                    429,
                    Map.of("Content-Type", "application/json", "Retry-After", "2"),
                    "{\"message\":\"You are being rate limited.\",\"retry_after\":1.5,\"global\":false}"));

            assertThatThrownBy(() -> notifier(discord.webhookUrl()).deliver(Notices.alert("n-4")))
                    .isInstanceOfSatisfying(TemporaryFailureException.class, failure -> {
                        assertThat(failure.statusCode()).isEqualTo(429);
                        assertThat(failure.retryAfter()).contains(Duration.ofMillis(1500));
                    })
                    .hasMessage("Discord answered HTTP 429: You are being rate limited.");
        }
    }

    @Test
    void aRefusedTokenStopsAndADeletedWebhookToo() throws Exception {
        try (FakeDiscord discord = new FakeDiscord()) {
            assertThatThrownBy(() -> notifier(discord.baseUrl() + "/api/webhooks/" + FakeDiscord.ID + "/wrong")
                            .deliver(Notices.alert("n-5")))
                    .isInstanceOf(PermanentFailureException.class)
                    .hasMessage("the service refused the credentials (Discord answered HTTP 401: Invalid Webhook"
                            + " Token)");
            assertThatThrownBy(() -> notifier(discord.baseUrl() + "/api/webhooks/999/" + FakeDiscord.TOKEN)
                            .deliver(Notices.alert("n-5")))
                    .isInstanceOfSatisfying(PermanentFailureException.class, failure -> assertThat(failure.statusCode())
                            .isEqualTo(404))
                    .hasMessage("Discord answered HTTP 404: Unknown Webhook");
        }
    }

    @Test
    void aServerErrorIsTriedAgain() throws Exception {
        try (FakeDiscord discord = new FakeDiscord()) {
            discord.thenAnswer(Answer.json(503, "{\"message\":\"upstream connect error\"}"));

            assertThatThrownBy(() -> notifier(discord.webhookUrl()).deliver(Notices.alert("n-6")))
                    .isInstanceOf(TemporaryFailureException.class)
                    .message()
                    .doesNotContain(FakeDiscord.TOKEN);
        }
    }

    @Test
    void refusesAUrlThatIsNoWebhook() {
        assertThatThrownBy(() -> notifier("https://discord.com/channels/123/456"))
                .isInstanceOf(PermanentFailureException.class)
                .hasMessageContaining("api/webhooks");
    }
}
