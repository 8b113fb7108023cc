package io.vigil.web.alert;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.vigil.web.security.Role;
import io.vigil.web.testing.Archive;
import io.vigil.web.testing.Users;
import io.vigil.web.testing.WebhookReceiver;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The alert a notification links to, through the API and as a page: the story, every article with its outlet, time
 * and passages, the rule and how it was read with the clause each passage matched, who acknowledged and judged it and
 * when, and the notifications made for it; a missing alert is a 404; delivery errors are for admins only.
 */
@QuarkusTest
class AlertPageTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final AtomicLong SEQUENCE = new AtomicLong(System.nanoTime() % 1_000_000);

    private final ObjectMapper json = new ObjectMapper();

    @ConfigProperty(name = "vigil.base-url")
    String baseUrl;

    @BeforeEach
    void archiveIsReady() {
        Archive.awaitReady();
    }

    @Test
    void showsTheStoryTheRuleAsReadTheClausesWhoHandledItAndItsNotifications() throws Exception {
        String word = "velmora" + SEQUENCE.incrementAndGet();
        try (WebhookReceiver receiver = WebhookReceiver.answering()) {
            long channel = webhook(receiver.url(), "2");
            long rule = createRule(Map.of(
                    "query", "(" + word + " fortress) OR (" + word + " AND wall)", "channels", List.of(channel)));
            String title = word + " garrison strengthens the old fortress";
            String body = "Engineers in " + word + " said the fortress walls were repaired on Monday.";
            long storyId = push(title, body, "North Wire");
            push(title, body, "South Gazette");

            await().atMost(PATIENCE).until(() -> receiver.count() >= 1);
            long alertId = given().get("/api/alerts?ruleId=" + rule)
                    .then()
                    .extract()
                    .jsonPath()
                    .getLong("items[0].id");

            JsonPath alert = given().get("/api/alerts/" + alertId)
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath();
            assertThat(alert.getLong("storyId")).isEqualTo(storyId);
            assertThat(alert.getString("storyTitle")).isEqualTo(title);
            assertThat(alert.getString("link")).isEqualTo(baseUrl.replaceAll("/$", "") + "/alerts/" + alertId);
            assertThat(alert.getString("rule.reading")).isEqualTo("(" + word + " fortress) OR (" + word + " AND wall)");
            assertThat(alert.getList("articles.source")).containsExactly("North Wire", "South Gazette");
            assertThat(alert.getList("articles.publishedAt")).doesNotContainNull();
            assertThat(alert.getList("articles[0].passages.html", String.class))
                    .anySatisfy(html -> assertThat(html).contains("<mark>"));
            assertThat(alert.getList("articles[0].passages[0].clauses", String.class))
                    .contains("(" + word + " fortress)");
            assertThat(alert.getList("articles[0].passages[0].terms", String.class))
                    .contains(word);
            assertThat(alert.getList("deliveries.kind")).containsExactly("alert");
            await().atMost(PATIENCE).until(() -> "delivered"
                    .equals(given().get("/api/alerts/" + alertId)
                            .then()
                            .extract()
                            .path("deliveries[0].status")));

            JsonNode posted = json.readTree(receiver.received().get(0).body());
            assertThat(posted.at("/alerts/0/link").asText()).isEqualTo(alert.getString("link"));
            assertThat(posted.at("/alerts/0/rule/reading").asText()).isEqualTo(alert.getString("rule.reading"));
            assertThat(posted.at("/alerts/0/passages/0/clauses").toString()).contains("(" + word + " fortress)");
            assertThat(posted.at("/alerts/0/passages/0/marks/0/term").asText()).isNotEmpty();

            given().post("/api/alerts/" + alertId + "/acknowledge")
                    .then()
                    .statusCode(200)
                    .body("acknowledgedBy", equalTo("admin"));
            given().contentType(ContentType.JSON)
                    .body(Map.of("feedback", "relevant"))
                    .put("/api/alerts/" + alertId + "/feedback")
                    .then()
                    .statusCode(200)
                    .body("judgedBy", equalTo("admin"))
                    .body("judgedAt", org.hamcrest.Matchers.notNullValue());

            String page = given().get("/alerts/" + alertId)
                    .then()
                    .statusCode(200)
                    .contentType(startsWith("text/html"))
                    .extract()
                    .asString();
            assertThat(page)
                    .contains(title)
                    .contains("North Wire")
                    .contains("South Gazette")
                    .contains("(" + word + " fortress) OR (" + word + " AND wall)")
                    .contains("<code>(" + word + " fortress)</code>")
                    .contains("by admin at")
                    .contains("— by admin")
                    .contains("<mark>");
        }
    }

    @Test
    void aMissingAlertIsA404PageAndA404Problem() {
        given().accept("text/html")
                .get("/alerts/987654321")
                .then()
                .statusCode(404)
                .contentType(startsWith("text/html"))
                .body(org.hamcrest.Matchers.containsString("No such alert"));
        given().get("/api/alerts/987654321")
                .then()
                .statusCode(404)
                .contentType(startsWith("application/problem+json"))
                .body("detail", equalTo("no alert 987654321"));
    }

    @Test
    void deliveryErrorsAreShownToAdminsOnlyAndViewersCannotHandleAlerts() throws Exception {
        String word = "ostralin" + SEQUENCE.incrementAndGet();
        String viewer = Users.create("reader", Role.VIEWER);
        try (WebhookReceiver receiver = WebhookReceiver.answering(400)) {
            long channel = webhook(receiver.url(), "1");
            long rule = createRule(Map.of("query", word, "channels", List.of(channel)));
            push(word + " harbour closes", "The " + word + " harbour closed for repairs.", "Wire");
            long alertId = given().get("/api/alerts?ruleId=" + rule)
                    .then()
                    .extract()
                    .jsonPath()
                    .getLong("items[0].id");
            await().atMost(PATIENCE).until(() -> "dead"
                    .equals(given().get("/api/alerts/" + alertId)
                            .then()
                            .extract()
                            .path("deliveries[0].status")));

            assertThat(given().get("/api/alerts/" + alertId)
                            .then()
                            .extract()
                            .jsonPath()
                            .getString("deliveries[0].lastError"))
                    .contains("400");
            JsonPath seenByViewer = Users.as(viewer)
                    .get("/api/alerts/" + alertId)
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath();
            assertThat(seenByViewer.getString("deliveries[0].status")).isEqualTo("dead");
            assertThat(seenByViewer.getString("deliveries[0].lastError")).isNull();
            assertThat(seenByViewer.getList("deliveries[0].attempts.error")).containsOnlyNulls();
            String page = Users.as(viewer)
                    .get("/alerts/" + alertId)
                    .then()
                    .statusCode(200)
                    .extract()
                    .asString();
            assertThat(page).doesNotContain("Last error").doesNotContain("answered 400");

            Users.as(viewer)
                    .post("/api/alerts/" + alertId + "/acknowledge")
                    .then()
                    .statusCode(403);
            Users.as(viewer)
                    .contentType(ContentType.JSON)
                    .body(Map.of("ids", List.of(alertId)))
                    .post("/api/alerts/acknowledge")
                    .then()
                    .statusCode(403);
        }
    }

    private static long webhook(String url, String version) {
        return given().contentType(ContentType.JSON)
                .body(Map.of(
                        "type",
                        "webhook",
                        "name",
                        "alert page hook " + SEQUENCE.incrementAndGet(),
                        "config",
                        Map.of("url", url, "version", version)))
                .post("/api/channels")
                .then()
                .statusCode(201)
                .extract()
                .jsonPath()
                .getLong("id");
    }

    private static long createRule(Map<String, Object> rule) {
        return given().contentType(ContentType.JSON)
                .body(rule)
                .post("/api/rules")
                .then()
                .statusCode(201)
                .extract()
                .jsonPath()
                .getLong("id");
    }

    private static long push(String title, String body, String source) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("title", title, "body", body, "source", source))
                .post("/api/ingest")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getLong("articles[0].storyId");
    }
}
