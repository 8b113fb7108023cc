package io.vigil.notifier.chat.teams;

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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TeamsNotifierTest {

    private final TeamsNotifierFactory factory = new TeamsNotifierFactory();

    private Notifier notifier(String url) throws Exception {
        return factory.create(
                factory.configSpec().validate(Map.of("url", url)),
                FakeNotifierContext.create().withBaseUrl(Notices.BASE_URL).withHttp(new PlainOutboundHttp()));
    }

    /** Every TextRun of a card, in order, as text with its link and highlight. */
    private static List<String> runs(JsonNode node) {
        List<String> runs = new ArrayList<>();
        if (node.path("type").asText().equals("TextRun")) {
            String link = node.path("selectAction").path("url").asText("");
            runs.add(node.path("text").asText()
                    + (node.path("highlight").asBoolean() ? " [marked]" : "")
                    + (link.isEmpty() ? "" : " -> " + link));
        }
        node.forEach(child -> runs.addAll(runs(child)));
        return runs;
    }

    @Test
    void postsAnAdaptiveCardWithTheStoryItsOutletsAndTheMarkedPassage() throws Exception {
        try (FakeTeams teams = new FakeTeams()) {
            DeliveryReceipt receipt = notifier(teams.webhookUrl()).deliver(Notices.alert("n-1"));

            assertThat(receipt.statusCode()).isEqualTo(202);
            JsonNode message = teams.last().json();
            assertThat(FakeTeams.problem(message)).isNull();
            JsonNode card = message.path("attachments").get(0).path("content");
            assertThat(card.path("version").asText()).isEqualTo("1.4");
            assertThat(runs(card))
                    .containsExactly(
                            "New story for \u201cMosul\u201d",
                            "Story -> https://vigil.example/alerts/7",
                            "Reported by ",
                            "Example News -> https://news.example/articles/42",
                            "Engineers began work on the ",
                            "fortifications [marked]",
                            " north of ",
                            "Mosul [marked]",
                            " on Monday.");
            JsonNode action = card.path("actions").get(0);
            assertThat(action.path("type").asText()).isEqualTo("Action.OpenUrl");
            assertThat(action.path("url").asText()).isEqualTo("https://vigil.example/alerts/7");
        }
    }

    @Test
    void putsArticleTextOnlyInPlainTextRunsNeverInMarkdown() throws Exception {
        try (FakeTeams teams = new FakeTeams()) {
            notifier(teams.webhookUrl()).deliver(Notices.hostile("n-2"));

            String json = teams.last().bodyText();
            assertThat(json).doesNotContain("\"TextBlock\"").doesNotContain("javascript:");
            assertThat(runs(teams.last().json()))
                    .contains("<b>Breaking</b> & [click](https://evil.example) *now* @everyone </blockquote> -> "
                            + "https://vigil.example/alerts/9")
                    .contains("Evil <a href=\"https://evil.example\">Wire</a> & Co");
        }
    }

    @Test
    void aBigDigestStaysWithinTheMessageSizeAndSaysWhatIsLeftOut() throws Exception {
        try (FakeTeams teams = new FakeTeams()) {
            assertThat(notifier(teams.webhookUrl())
                            .deliver(Notices.digest("n-3", 100))
                            .statusCode())
                    .isEqualTo(202);

            assertThat(teams.last().body().length).isLessThan(28 * 1024);
            List<String> runs = runs(teams.last().json());
            assertThat(runs.get(0)).isEqualTo("Digest: 100 stories for 2 rules");
            assertThat(runs.get(runs.size() - 1)).matches("\u2026and \\d+ more stories in Vigil");
        }
    }

    @Test
    void aThrottledFlowIsRetriedAfterItsRetryAfter() throws Exception {
        try (FakeTeams teams = new FakeTeams()) {
            teams.thenAnswer(new Answer(
                    429,
                    Map.of("Content-Type", "application/json", "Retry-After", "30"),
                    "{\"error\":{\"code\":\"WorkflowTriggerIsThrottled\",\"message\":\"Rate limit is exceeded.\"}}"));

            assertThatThrownBy(() -> notifier(teams.webhookUrl()).deliver(Notices.alert("n-4")))
                    .isInstanceOfSatisfying(TemporaryFailureException.class, failure -> {
                        assertThat(failure.statusCode()).isEqualTo(429);
                        assertThat(failure.retryAfter()).contains(Duration.ofSeconds(30));
                    })
                    .hasMessage("Teams answered HTTP 429: Rate limit is exceeded.");
        }
    }

    @Test
    void aWrongSignatureIsRefusedCredentialsAndNeverShown() throws Exception {
        try (FakeTeams teams = new FakeTeams()) {
            String forged = teams.webhookUrl().replace("s3cr3tS1gnature", "forged");

            assertThatThrownBy(() -> notifier(forged).deliver(Notices.alert("n-5")))
                    .isInstanceOf(PermanentFailureException.class)
                    .hasMessage("the service refused the credentials (Teams answered HTTP 401: The request must be"
                            + " authenticated.)");
        }
    }
}
