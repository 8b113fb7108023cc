package io.vigil.web.delivery;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.vigil.web.testing.AlertFixtures;
import io.vigil.web.testing.AlertFixtures.Opened;
import io.vigil.web.testing.Archive;
import io.vigil.web.testing.BrowserSession;
import io.vigil.web.testing.SignedInAsAdmin;
import io.vigil.web.testing.WebhookReceiver;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Escalation: when an alert's story reaches the rule's number of distinct outlets within its time of the first
 * article, every channel of the rule gets one notification of kind {@code escalation} — once — and the API, the inbox
 * and the dashboard mark it; absurd thresholds are refused naming the field.
 */
@QuarkusTest
class EscalationTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final AtomicLong SEQUENCE = new AtomicLong(System.nanoTime() % 1_000_000);

    private final ObjectMapper json = new ObjectMapper();

    @Inject
    AlertFixtures fixtures;

    @BeforeEach
    void archiveIsReady() {
        Archive.awaitReady();
    }

    @Test
    void aStoryReachingTheRulesOutletsWithinItsTimeEscalatesOnceToEveryChannel() throws Exception {
        try (WebhookReceiver desk = WebhookReceiver.answering();
                WebhookReceiver team = WebhookReceiver.answering()) {
            Channels.Webhook deskHook = Channels.webhookV2(desk.url());
            Channels.Webhook teamHook = Channels.webhookV2(team.url());
            desk.verifyingWith(deskHook.secret());
            long rule = createRule(Map.of(
                    "query",
                    unique(),
                    "routes",
                    List.of(
                            Map.of("channelId", deskHook.id(), "delivery", "immediate"),
                            Map.of("channelId", teamHook.id(), "delivery", "daily")),
                    "escalation",
                    Map.of("outlets", 3, "within", "PT1H")));
            assertThat(given().get("/api/rules/" + rule)
                            .then()
                            .extract()
                            .jsonPath()
                            .getString("escalation.within"))
                    .isEqualTo("PT1H");

            Opened alert = fixtures.open(rule, "Dam breach floods valley", "A dam breach flooded the valley.");
            await().atMost(PATIENCE).until(() -> desk.count() == 1);
            fixtures.join(alert, "Daily Courier");
            assertThat(kinds(alert.alertId())).as("two outlets are not three").containsExactly("alert");

            fixtures.join(alert, "Evening Post");
            fixtures.join(alert, "Morning Star");

            await().atMost(PATIENCE).until(() -> desk.count() == 2 && team.count() == 1);
            assertThat(kinds(alert.alertId())).containsExactlyInAnyOrder("alert", "escalation", "escalation");
            JsonNode body = json.readTree(desk.received().get(1).body());
            assertThat(desk.received().get(1).signatureProblem()).isNull();
            assertThat(body.get("version").asInt()).isEqualTo(2);
            assertThat(body.get("type").asText()).isEqualTo("escalation");
            JsonNode reached = body.at("/alerts/0/escalation");
            assertThat(reached.get("threshold").asInt()).isEqualTo(3);
            assertThat(reached.get("within").asText()).isEqualTo("PT1H");
            assertThat(reached.get("outlets").asInt()).isEqualTo(3);
            assertThat(json.readTree(team.received().get(0).body()).get("type").asText())
                    .as("the daily route gets the escalation at once too")
                    .isEqualTo("escalation");
            assertThat(desk.received().get(1).id())
                    .as("one notification id on both channels")
                    .isEqualTo(team.received().get(0).id());

            JsonPath shown = given().get("/api/alerts/" + alert.alertId())
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath();
            assertThat(shown.getBoolean("escalated")).isTrue();
            assertThat(shown.getInt("escalatedOutlets")).isEqualTo(3);
            assertThat(given().get("/api/alerts?escalated=true&ruleId=" + rule)
                            .then()
                            .extract()
                            .jsonPath()
                            .getList("items.id", Long.class))
                    .containsExactly(alert.alertId());
            String inbox = given().get("/alerts?period=all&state=all&escalated=true&rule=" + rule)
                    .then()
                    .statusCode(200)
                    .extract()
                    .asString();
            assertThat(inbox).contains("id=\"alert-" + alert.alertId() + "\"").contains("badge escalated");
            String dashboard = given().get("/").then().statusCode(200).extract().asString();
            assertThat(dashboard)
                    .contains("href=\"/alerts/" + alert.alertId()
                            + "\">Dam breach floods valley</a> <span class=\"badge escalated\">");
        }
    }

    @Test
    void outletsThatCameLaterThanTheWindowDoNotCount() throws Exception {
        try (WebhookReceiver receiver = WebhookReceiver.answering()) {
            Channels.Webhook hook = Channels.webhookV2(receiver.url());
            long rule = createRule(Map.of(
                    "query",
                    unique(),
                    "channels",
                    List.of(hook.id()),
                    "escalation",
                    Map.of("outlets", 2, "within", "PT1H")));
            Opened alert = fixtures.open(rule, "Mayor resigns", "The mayor resigned on Friday.");
            await().atMost(PATIENCE).until(() -> receiver.count() == 1);

            fixtures.join(alert, "Late Gazette", Instant.now().plus(Duration.ofHours(3)));
            assertThat(kinds(alert.alertId())).containsExactly("alert");

            fixtures.join(alert, "Prompt Herald", Instant.now().plus(Duration.ofMinutes(20)));
            await().atMost(PATIENCE).until(() -> receiver.count() == 2);
            assertThat(kinds(alert.alertId())).containsExactly("alert", "escalation");
        }
    }

    @Test
    void aSilencedAlertNeverEscalates() throws Exception {
        try (WebhookReceiver receiver = WebhookReceiver.answering()) {
            Channels.Webhook hook = Channels.webhookV2(receiver.url());
            long rule = createRule(Map.of(
                    "query",
                    unique(),
                    "channels",
                    List.of(hook.id()),
                    "escalation",
                    Map.of("outlets", 2, "within", "PT6H")));
            given().contentType(ContentType.JSON)
                    .body(Map.of(
                            "ruleId",
                            rule,
                            "until",
                            Instant.now().plusSeconds(3600).toString(),
                            "comment",
                            "x"))
                    .post("/api/silences")
                    .then()
                    .statusCode(201);
            Opened alert = fixtures.open(rule, "Festival opens", "The festival opened.");
            fixtures.join(alert, "Second Wire");
            fixtures.join(alert, "Third Wire");

            assertThat(fixtures.outboxRowsOf(alert.alertId())).isZero();
            assertThat(given().get("/api/alerts/" + alert.alertId())
                            .then()
                            .extract()
                            .jsonPath()
                            .getBoolean("escalated"))
                    .isFalse();
        }
    }

    @Test
    void negativeZeroAndAbsurdEscalationsAreRefusedNamingTheFieldAndNothingIsSaved() {
        long before =
                given().get("/api/rules?limit=1").then().extract().jsonPath().getLong("total");
        Map<Object, String> outlets = new LinkedHashMap<>();
        outlets.put(0, "escalation.outlets");
        outlets.put(-3, "escalation.outlets");
        outlets.put(1, "escalation.outlets");
        outlets.put(1_000_001, "escalation.outlets");
        outlets.put("three", "escalation.outlets");
        outlets.put(2.5, "escalation.outlets");
        for (Map.Entry<Object, String> bad : outlets.entrySet()) {
            create(Map.of("query", unique(), "escalation", Map.of("outlets", bad.getKey(), "within", "PT1H")))
                    .statusCode(400)
                    .body("field", equalTo(bad.getValue()));
        }
        for (Object within : List.of("PT0S", "-PT1H", "PT10S", "P400D", "soon", 3600)) {
            create(Map.of("query", unique(), "escalation", Map.of("outlets", 3, "within", within)))
                    .statusCode(400)
                    .body("field", equalTo("escalation.within"));
        }
        Map<String, Object> withoutWithin = new HashMap<>(Map.of("outlets", 3));
        create(Map.of("query", unique(), "escalation", withoutWithin))
                .statusCode(400)
                .body("field", equalTo("escalation.within"));
        create(Map.of("query", unique(), "escalation", Map.of("within", "PT1H")))
                .statusCode(400)
                .body("field", equalTo("escalation.outlets"));
        create(Map.of("query", unique(), "escalation", "often")).statusCode(400).body("field", equalTo("escalation"));
        assertThat(given().get("/api/rules?limit=1").then().extract().jsonPath().getLong("total"))
                .isEqualTo(before);

        long rule = createRule(Map.of("query", unique(), "escalation", Map.of("outlets", 4, "within", "P1D")));
        given().contentType(ContentType.JSON)
                .body(Map.of("escalation", Map.of("outlets", 0, "within", "P1D")))
                .put("/api/rules/" + rule)
                .then()
                .statusCode(400);
        assertThat(given().get("/api/rules/" + rule).then().extract().jsonPath().getInt("escalation.outlets"))
                .isEqualTo(4);
        given().contentType(ContentType.JSON)
                .body("{\"escalation\": null}")
                .put("/api/rules/" + rule)
                .then()
                .statusCode(200)
                .body("escalation", equalTo(null));
    }

    @Test
    void outletsOnTheRuleFormThatAreNoNumberAreToldAsTyped() {
        BrowserSession admin = BrowserSession.signIn(SignedInAsAdmin.USER, SignedInAsAdmin.PASSWORD);
        for (String typed : List.of("three", "99999999999")) {
            String query = unique();
            String page = admin.post(
                            "/rules",
                            "query",
                            query,
                            "type",
                            "query",
                            "escalationOutlets",
                            typed,
                            "escalationWithin",
                            "PT1H")
                    .then()
                    .statusCode(400)
                    .extract()
                    .asString();
            assertThat(page)
                    .as("the page names what was typed, never a number of its own")
                    .contains("not &#39;" + typed + "&#39;")
                    .doesNotContain("not -1")
                    .contains("name=\"escalationOutlets\" type=\"number\"")
                    .contains("value=\"" + typed + "\"");
            assertThat(given().get("/api/rules?limit=500").asString()).doesNotContain(query);
        }
    }

    private List<String> kinds(long alertId) {
        return given().get("/api/alerts/" + alertId)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("deliveries.kind", String.class);
    }

    private static String unique() {
        return "zzescalate" + SEQUENCE.incrementAndGet() + "zz";
    }

    private static io.restassured.response.ValidatableResponse create(Map<String, Object> rule) {
        return given().contentType(ContentType.JSON)
                .body(rule)
                .post("/api/rules")
                .then();
    }

    private static long createRule(Map<String, Object> rule) {
        return create(rule).statusCode(201).extract().jsonPath().getLong("id");
    }
}
