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
import io.vigil.spi.notify.Notification.Escalation;
import io.vigil.spi.notify.Notification.Passage;
import io.vigil.spi.notify.Notification.Span;
import io.vigil.spi.testkit.FakeNotifierContext;
import io.vigil.spi.testkit.Notifications;
import io.vigil.spi.testkit.PlainOutboundHttp;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Version 2 of the {@code vigil} body, as a channel set to version 2 posts it: the rule's reading, the term and clause
 * of each mark, and the escalation type — checked against {@code payload-v2.schema.json}, which docs/webhooks.md
 * publishes; a channel left at version 1 keeps posting version 1.
 */
class WebhookPayloadV2Test {

    private static final String SECRET = WebhookSecrets.generate();
    private static final Path DOCS = Path.of("../../docs/webhooks.md");
    private static final String PASSAGE = "Engineers began work on the fortifications north of Mosul on Monday.";

    private final ObjectMapper json = new ObjectMapper();
    private final WebhookNotifierFactory factory = new WebhookNotifierFactory();

    private JsonNode postedBody(Notification notification, String version) throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver(SECRET)) {
            Map<String, String> config =
                    new HashMap<>(Map.of("url", receiver.url().toString(), "secret", SECRET));
            if (version != null) {
                config.put("version", version);
            }
            factory.create(
                            factory.configSpec().validate(config),
                            FakeNotifierContext.create()
                                    .withBaseUrl("https://vigil.example/")
                                    .withHttp(new PlainOutboundHttp()))
                    .deliver(notification);
            Received request = receiver.received().get(0);
            assertThat(request.signatureProblem()).isNull();
            return json.readTree(request.body());
        }
    }

    private static Schema schema(String name) throws Exception {
        try (InputStream in = WebhookPayloadV2Test.class.getResourceAsStream(name)) {
            return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                    .getSchema(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    private static List<String> problems(JsonNode document, String schema) throws Exception {
        return schema(schema).validate(document).stream().map(Error::toString).toList();
    }

    /** An alert of {@code (fortif* AND Mosul) OR wall} whose marks name their terms and clauses. */
    private static AlertNotice explained(Escalation escalation) {
        int fort = PASSAGE.indexOf("fortifications");
        int mosul = PASSAGE.indexOf("Mosul");
        return new AlertNotice(
                9,
                3,
                "Mosul fortifications",
                "fortif* AND Mosul OR wall",
                42,
                "Mosul defences grow",
                List.of(
                        new ArticleNotice(1, "Work starts", "https://a.example/1", "Example News", Instant.EPOCH),
                        new ArticleNotice(2, "Work begins", "https://b.example/2", "Other Daily", Instant.EPOCH)),
                List.of(new Passage(
                        PASSAGE,
                        List.of(
                                new Span(fort, fort + 14, "fortif*", "(fortif* AND Mosul)"),
                                new Span(mosul, mosul + 5, "Mosul", "(fortif* AND Mosul)")))),
                "/alerts/9",
                "(fortif* AND Mosul) OR wall",
                escalation);
    }

    @Test
    void carriesTheRuleAsReadAndTheClauseBehindEveryMark() throws Exception {
        JsonNode body = postedBody(single("n-1", explained(null)), "2");

        assertThat(body.get("version").asInt()).isEqualTo(2);
        JsonNode alert = body.get("alerts").get(0);
        assertThat(alert.at("/rule/query").asText()).isEqualTo("fortif* AND Mosul OR wall");
        assertThat(alert.at("/rule/reading").asText()).isEqualTo("(fortif* AND Mosul) OR wall");
        JsonNode passage = alert.get("passages").get(0);
        assertThat(passage.get("marks").get(0).get("term").asText()).isEqualTo("fortif*");
        assertThat(passage.get("marks").get(1).get("clause").asText()).isEqualTo("(fortif* AND Mosul)");
        assertThat(passage.get("clauses").toString()).isEqualTo("[\"(fortif* AND Mosul)\"]");
        assertThat(passage.get("markedHtml").asText()).contains("<mark>fortifications</mark>");
        assertThat(alert.get("escalation").isNull()).isTrue();
        assertThat(problems(body, "payload-v2.schema.json")).isEmpty();
    }

    @Test
    void anEscalationNamesItsTypeAndWhatTheStoryReached() throws Exception {
        Notification escalation = new Notification(
                "n-2",
                Notification.Kind.ESCALATION,
                Notifications.CREATED,
                List.of(explained(new Escalation(2, Duration.ofHours(1), 2, Instant.parse("2025-03-03T14:20:00Z")))));

        JsonNode body = postedBody(escalation, "2");

        assertThat(body.get("type").asText()).isEqualTo("escalation");
        JsonNode reached = body.at("/alerts/0/escalation");
        assertThat(reached.get("threshold").asInt()).isEqualTo(2);
        assertThat(reached.get("within").asText()).isEqualTo("PT1H");
        assertThat(reached.get("outlets").asInt()).isEqualTo(2);
        assertThat(reached.get("escalatedAt").asText()).isEqualTo("2025-03-03T14:20:00Z");
        assertThat(problems(body, "payload-v2.schema.json")).isEmpty();
    }

    @Test
    void aChannelLeftAtVersionOneGetsAnEscalationAsAnUpdateInTheVersionOneShape() throws Exception {
        Notification escalation = new Notification(
                "n-3",
                Notification.Kind.ESCALATION,
                Notifications.CREATED,
                List.of(explained(new Escalation(2, Duration.ofHours(1), 2, Instant.EPOCH))));

        JsonNode body = postedBody(escalation, null);

        assertThat(body.get("version").asInt()).isEqualTo(1);
        assertThat(body.get("type").asText()).isEqualTo("update");
        assertThat(body.at("/alerts/0/rule").has("reading")).isFalse();
        assertThat(body.at("/alerts/0/passages/0/marks/0").has("clause")).isFalse();
        assertThat(problems(body, "payload-v1.schema.json")).isEmpty();
    }

    @Test
    void everyKindMatchesTheVersionTwoSchema() throws Exception {
        List<Notification> notifications = List.of(
                single("n-4", alert(7, 3, "Mosul", 42, "Story")),
                new Notification(
                        "n-5", Notification.Kind.UPDATE, Notifications.CREATED, List.of(alert(7, 3, "M", 42, "S"))),
                digest("n-6", alert(1, 10, "Mosul", 100, "One"), alert(2, 20, "Basra", 200, "Two")),
                new Notification("n-7", Notification.Kind.TEST, Notifications.CREATED, List.of()));

        for (Notification notification : notifications) {
            JsonNode body = postedBody(notification, "2");
            assertThat(problems(body, "payload-v2.schema.json"))
                    .as(notification.kind().name())
                    .isEmpty();
            assertThat(problems(body, "payload-v1.schema.json"))
                    .as("version 2 is not version 1")
                    .isNotEmpty();
        }
    }

    @Test
    void theVersionTwoSchemaRefusesAnEscalationWithoutWhatTheStoryReached() throws Exception {
        JsonNode body = postedBody(single("n-8", explained(null)), "2");
        ((com.fasterxml.jackson.databind.node.ObjectNode) body).put("type", "escalation");

        assertThat(problems(body, "payload-v2.schema.json")).isNotEmpty();
    }

    @Test
    void docsPublishTheVersionTwoSchemaAndAnExampleThatMatchesIt() throws Exception {
        String docs = Files.readString(DOCS);
        String schema;
        try (InputStream in = WebhookPayloadV2Test.class.getResourceAsStream("payload-v2.schema.json")) {
            schema = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        List<String> blocks = jsonBlocks(docs);

        assertThat(blocks).anySatisfy(block -> assertThat(block).isEqualToIgnoringWhitespace(schema));
        List<String> examples = blocks.stream()
                .filter(block -> block.contains("\"version\": 2"))
                .toList();
        assertThat(examples).isNotEmpty();
        for (String example : examples) {
            assertThat(problems(json.readTree(example), "payload-v2.schema.json"))
                    .isEmpty();
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
