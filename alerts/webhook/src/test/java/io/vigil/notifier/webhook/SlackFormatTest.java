package io.vigil.notifier.webhook;

import static io.vigil.spi.testkit.Notifications.alert;
import static io.vigil.spi.testkit.Notifications.single;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.spi.notify.Notification;
import io.vigil.spi.notify.Notification.AlertNotice;
import io.vigil.spi.notify.Notification.ArticleNotice;
import io.vigil.spi.notify.Notification.Passage;
import io.vigil.spi.notify.Notification.Span;
import io.vigil.spi.testkit.FakeNotifierContext;
import io.vigil.spi.testkit.Notifications;
import io.vigil.spi.testkit.PlainOutboundHttp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The {@code slack} format as a Slack-compatible incoming webhook receives it. */
class SlackFormatTest {

    private final ObjectMapper json = new ObjectMapper();
    private final WebhookNotifierFactory factory = new WebhookNotifierFactory();

    private WebhookReceiver.Received post(Notification notification) throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver(null)) {
            factory.create(
                            factory.configSpec()
                                    .validate(Map.of("url", receiver.url().toString(), "format", "slack")),
                            FakeNotifierContext.create()
                                    .withChannelName("#newsroom")
                                    .withBaseUrl("https://vigil.example")
                                    .withHttp(new PlainOutboundHttp()))
                    .deliver(notification);
            return receiver.received().get(0);
        }
    }

    private static List<String> sectionTexts(JsonNode body) {
        List<String> texts = new ArrayList<>();
        for (JsonNode block : body.get("blocks")) {
            assertThat(block.get("type").asText()).isEqualTo("section");
            assertThat(block.get("text").get("type").asText()).isEqualTo("mrkdwn");
            texts.add(block.get("text").get("text").asText());
        }
        return texts;
    }

    @Test
    void postsAFallbackTextAndMrkdwnSections() throws Exception {
        JsonNode body = json.readTree(post(single("n-1", alert(7, 3, "Mosul", 42, "Mosul defences grow")))
                .body());

        assertThat(body.get("text").asText()).isEqualTo("New story for \u201cMosul\u201d: Mosul defences grow");
        assertThat(body.has("version")).isFalse();
        assertThat(sectionTexts(body))
                .containsExactly(
                        "*New story for \u201cMosul\u201d*\nQuery: fortif* AND Mosul",
                        "*<https://vigil.example/alerts/7|Mosul defences grow>*\n"
                                + "\u2022 <https://news.example/articles/42|Work starts on Mosul defences grow>"
                                + " \u2014 Example News, 3 Mar 2025, 14:05 UTC\n"
                                + ">Engineers began work on the *fortifications* north of *Mosul* on Monday.");
    }

    @Test
    void escapesAmpersandsAndAngleBracketsSoTitlesCannotForgeLinks() throws Exception {
        String title = "<!channel> Tom & Jerry <https://evil.example|click>";
        AlertNotice hostile = new AlertNotice(
                8,
                3,
                "R&D",
                "a < b",
                43,
                title,
                List.of(new ArticleNotice(1, title, "https://news.example/a?x=1&y=2", "A|B", null)),
                List.of(new Passage("x <y> & z", List.of(new Span(3, 4)))),
                "/alerts/8");

        JsonNode body = json.readTree(post(single("n-2", hostile)).body());

        String all = body.toString();
        assertThat(all).doesNotContain("<!channel>").doesNotContain("<https://evil.example");
        assertThat(body.get("text").asText())
                .isEqualTo("New story for \u201cR&amp;D\u201d: &lt;!channel&gt; Tom &amp; "
                        + "Jerry &lt;https://evil.example|click&gt;");
        assertThat(sectionTexts(body).get(1))
                .contains("<https://news.example/a?x=1&amp;y=2|&lt;!channel&gt; Tom &amp; Jerry")
                .contains(">x &lt;*y*&gt; &amp; z");
    }

    @Test
    void groupsADigestUnderItsRules() throws Exception {
        JsonNode body = json.readTree(post(Notifications.digest(
                        "n-3",
                        alert(1, 10, "Mosul", 100, "First"),
                        alert(2, 20, "Basra", 200, "Second"),
                        alert(3, 10, "Mosul", 101, "Third")))
                .body());

        assertThat(body.get("text").asText()).isEqualTo("Digest: 3 stories for 2 rules");
        assertThat(sectionTexts(body))
                .satisfiesExactly(
                        heading -> assertThat(heading).isEqualTo("*Digest: 3 stories for 2 rules*"),
                        mosul -> assertThat(mosul).startsWith("*Rule: Mosul*"),
                        first -> assertThat(first).contains("|First>"),
                        third -> assertThat(third).contains("|Third>"),
                        basra -> assertThat(basra).startsWith("*Rule: Basra*"),
                        second -> assertThat(second).contains("|Second>"));
    }

    @Test
    void cutsADigestAtSlacksLimitOfFiftyBlocks() throws Exception {
        List<AlertNotice> many = new ArrayList<>();
        for (int i = 0; i < 80; i++) {
            many.add(alert(i, 10, "Mosul", 1000 + i, "Story " + i));
        }

        JsonNode body =
                json.readTree(post(new Notification("n-4", Notification.Kind.DIGEST, Notifications.CREATED, many))
                        .body());

        List<String> sections = sectionTexts(body);
        assertThat(sections).hasSize(SlackMessage.MAX_BLOCKS);
        assertThat(sections.get(sections.size() - 1)).isEqualTo("_\u2026and 33 more entries, see Vigil._");
    }

    @Test
    void sendsNoSignatureHeadersWithoutASecret() throws Exception {
        WebhookReceiver.Received request = post(single("n-5", alert(7, 3, "Mosul", 42, "Story")));

        assertThat(request.header("webhook-id")).isEqualTo("n-5");
        assertThat(request.header("webhook-signature")).isNull();
    }
}
