package io.vigil.notifier.webhook;

import static io.vigil.spi.testkit.Notifications.alert;
import static io.vigil.spi.testkit.Notifications.digest;
import static io.vigil.spi.testkit.Notifications.single;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.vigil.notifier.webhook.WebhookReceiver.Received;
import io.vigil.spi.notify.Notification;
import io.vigil.spi.notify.Notification.AlertNotice;
import io.vigil.spi.notify.Notification.ArticleNotice;
import io.vigil.spi.notify.Notification.Passage;
import io.vigil.spi.notify.Notification.Span;
import io.vigil.spi.testkit.FakeNotifierContext;
import io.vigil.spi.testkit.Notifications;
import io.vigil.spi.testkit.PlainOutboundHttp;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The {@code vigil} body as a receiver gets it, checked against the JSON Schema that docs/webhooks.md publishes. */
class WebhookPayloadTest {

    private static final String SECRET = WebhookSecrets.generate();
    private static final Path DOCS = Path.of("../../docs/webhooks.md");

    private final ObjectMapper json = new ObjectMapper();
    private final WebhookNotifierFactory factory = new WebhookNotifierFactory();

    private JsonNode postedBody(Notification notification) throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver(SECRET)) {
            factory.create(
                            factory.configSpec()
                                    .validate(Map.of("url", receiver.url().toString(), "secret", SECRET)),
                            FakeNotifierContext.create()
                                    .withBaseUrl("https://vigil.example/")
                                    .withHttp(new PlainOutboundHttp()))
                    .deliver(notification);
            Received request = receiver.received().get(0);
            assertThat(request.signatureProblem()).isNull();
            return json.readTree(request.body());
        }
    }

    private static Schema schema() throws Exception {
        try (InputStream in = WebhookPayloadTest.class.getResourceAsStream("payload-v1.schema.json")) {
            return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                    .getSchema(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    private static List<String> problems(JsonNode document) throws Exception {
        return schema().validate(document).stream().map(Error::toString).toList();
    }

    @Test
    void describesTheRuleTheStoryTheArticlesAndThePassages() throws Exception {
        JsonNode body = postedBody(single("n-1", alert(7, 3, "Mosul fortifications", 42, "Mosul defences grow")));

        assertThat(body.get("version").asInt()).isEqualTo(1);
        assertThat(body.get("type").asText()).isEqualTo("alert");
        assertThat(body.get("id").asText()).isEqualTo("n-1");
        assertThat(body.get("createdAt").asText()).isEqualTo("2025-03-03T14:10:00Z");
        JsonNode alert = body.get("alerts").get(0);
        assertThat(alert.get("id").asLong()).isEqualTo(7);
        assertThat(alert.get("link").asText()).isEqualTo("https://vigil.example/alerts/7");
        assertThat(alert.get("rule").get("name").asText()).isEqualTo("Mosul fortifications");
        assertThat(alert.get("rule").get("query").asText()).isEqualTo("fortif* AND Mosul");
        assertThat(alert.get("story").get("title").asText()).isEqualTo("Mosul defences grow");
        JsonNode article = alert.get("articles").get(0);
        assertThat(article.get("url").asText()).isEqualTo("https://news.example/articles/42");
        assertThat(article.get("source").asText()).isEqualTo("Example News");
        assertThat(article.get("publishedAt").asText()).isEqualTo("2025-03-03T14:05:00Z");
        JsonNode passage = alert.get("passages").get(0);
        assertThat(passage.get("marks").toString()).isEqualTo("[{\"start\":28,\"end\":42},{\"start\":52,\"end\":57}]");
        assertThat(passage.get("markedText").asText())
                .isEqualTo("Engineers began work on the «fortifications» north of «Mosul» on Monday.");
        assertThat(passage.get("markedHtml").asText())
                .isEqualTo(
                        "Engineers began work on the <mark>fortifications</mark> north of <mark>Mosul</mark> on Monday.");
    }

    @Test
    void escapesMarkupInTheMarkedHtmlButKeepsTheTextAsItIs() throws Exception {
        String text = "<script>alert(1)</script> & Mosul";
        AlertNotice hostile = new AlertNotice(
                8,
                3,
                "Mosul",
                "Mosul",
                43,
                "<b>title</b>",
                List.of(new ArticleNotice(1, "t", null, null, null)),
                List.of(new Passage(text, List.of(new Span(28, 33)))),
                null);

        JsonNode body = postedBody(single("n-2", hostile));

        JsonNode passage = body.get("alerts").get(0).get("passages").get(0);
        assertThat(passage.get("text").asText()).isEqualTo(text);
        assertThat(passage.get("markedHtml").asText())
                .isEqualTo("&lt;script&gt;alert(1)&lt;/script&gt; &amp; <mark>Mosul</mark>");
        assertThat(body.get("alerts").get(0).get("link").isNull()).isTrue();
        assertThat(body.get("alerts").get(0).get("articles").get(0).get("url").isNull())
                .isTrue();
        assertThat(problems(body)).isEmpty();
    }

    @Test
    void everyKindOfNotificationMatchesThePublishedSchema() throws Exception {
        List<Notification> notifications = List.of(
                single("n-3", alert(7, 3, "Mosul", 42, "Story")),
                new Notification(
                        "n-4", Notification.Kind.UPDATE, Notifications.CREATED, List.of(alert(7, 3, "M", 42, "S"))),
                digest("n-5", alert(1, 10, "Mosul", 100, "One"), alert(2, 20, "Basra", 200, "Two")),
                new Notification("n-6", Notification.Kind.TEST, Notifications.CREATED, List.of()));

        for (Notification notification : notifications) {
            assertThat(problems(postedBody(notification)))
                    .as(notification.kind().name())
                    .isEmpty();
        }
    }

    @Test
    void schemaRefusesADocumentThatBreaksTheContract() throws Exception {
        JsonNode body = postedBody(single("n-7", alert(7, 3, "Mosul", 42, "Story")));
        ((com.fasterxml.jackson.databind.node.ObjectNode) body).put("version", 2);
        ((com.fasterxml.jackson.databind.node.ObjectNode) body.get("alerts").get(0)).remove("rule");

        assertThat(problems(body)).hasSize(2);
    }

    @Test
    void docsPublishTheSchemaThisModuleShips() throws Exception {
        String docs = Files.readString(DOCS);
        String schema;
        try (InputStream in = WebhookPayloadTest.class.getResourceAsStream("payload-v1.schema.json")) {
            schema = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }

        assertThat(jsonBlocks(docs)).anySatisfy(block -> assertThat(block).isEqualToIgnoringWhitespace(schema));
    }

    @Test
    void docsExamplePayloadMatchesTheSchema() throws Exception {
        List<String> examples = jsonBlocks(Files.readString(DOCS)).stream()
                .filter(block -> block.contains("\"version\": 1"))
                .toList();

        assertThat(examples).isNotEmpty();
        for (String example : examples) {
            assertThat(problems(json.readTree(example))).isEmpty();
        }
    }

    private static List<String> jsonBlocks(String markdown) {
        List<String> blocks = new ArrayList<>();
        Matcher matcher = Pattern.compile("```json\\n(.*?)```", Pattern.DOTALL).matcher(markdown);
        while (matcher.find()) {
            blocks.add(matcher.group(1));
        }
        return blocks;
    }
}
