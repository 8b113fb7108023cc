package io.vigil.web.rule;

import static io.restassured.RestAssured.given;
import static io.vigil.web.rule.Pushes.alertsOf;
import static io.vigil.web.rule.Pushes.createRule;
import static io.vigil.web.rule.Pushes.distinctBody;
import static io.vigil.web.rule.Pushes.push;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.vigil.web.testing.Archive;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code GET /api/rules/{id}/feedback}: a rule's precision from its judged alerts, and the words that separate them. */
@QuarkusTest
class RuleFeedbackTest {

    @BeforeEach
    void archiveIsReady() {
        Archive.awaitReady();
    }

    private static JsonPath feedback(long ruleId) {
        return given().get("/api/rules/" + ruleId + "/feedback")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    private static void judge(long alertId, String judgment) {
        given().contentType(ContentType.JSON)
                .body(Map.of("feedback", judgment))
                .put("/api/alerts/" + alertId + "/feedback")
                .then()
                .statusCode(200);
    }

    @Test
    void suggestsTheWordThatSetsTheNotRelevantAlertsApartWithWhatTheChangeWouldDo() {
        String word = "quarvel" + Pushes.unique();
        long ruleId = createRule(word + " vote");
        for (String place : List.of("Lenbury", "Ostmark", "Varnholt")) {
            push(
                    word + " vote in " + place,
                    distinctBody(word + " residents queued to vote in " + place + "."),
                    "Wire");
        }
        for (String team : List.of("Rovers", "United", "Athletic")) {
            push(
                    word + " " + team + " vote",
                    distinctBody(word + " football fans vote the " + team + " derby striker player of the year."),
                    "Wire");
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> alertsOf(ruleId).getInt("total") == 6);
        assertThat(feedback(ruleId).getInt("relevant") + feedback(ruleId).getInt("notRelevant"))
                .as("nothing judged yet")
                .isZero();
        JsonPath alerts = alertsOf(ruleId);
        for (int i = 0; i < 6; i++) {
            String title = alerts.getString("items[" + i + "].title");
            judge(alerts.getLong("items[" + i + "].id"), title.contains(" in ") ? "relevant" : "not_relevant");
        }

        JsonPath report = feedback(ruleId);

        assertThat(report.getInt("relevant")).isEqualTo(3);
        assertThat(report.getInt("notRelevant")).isEqualTo(3);
        assertThat(report.getDouble("precision")).isEqualTo(0.5);
        List<Map<String, Object>> suggestions = report.getList("suggestions");
        assertThat(suggestions).isNotEmpty().hasSizeLessThanOrEqualTo(3);
        Map<String, Object> best = suggestions.get(0);
        assertThat((String) best.get("term")).isIn("football", "fans", "derby", "striker");
        assertThat(best.get("query")).isEqualTo(word + " vote -" + best.get("term"));
        assertThat(best.get("removesNotRelevant")).isEqualTo(3);
        assertThat(best.get("keepsRelevant")).isEqualTo(3);
        // The suggested rule is valid as it stands: the preview accepts it.
        given().contentType(ContentType.JSON)
                .body(Map.of("query", best.get("query"), "limit", 0))
                .post("/api/rules/preview")
                .then()
                .statusCode(200);
    }

    @Test
    void aRuleWithoutJudgmentsHasNoPrecisionAndAnUnknownRuleIsNotFound() {
        long ruleId = createRule("zembrot" + Pushes.unique());

        JsonPath report = feedback(ruleId);

        assertThat(report.getInt("relevant")).isZero();
        assertThat(report.getString("precision")).isNull();
        assertThat(report.getList("suggestions")).isEmpty();
        given().get("/api/rules/987654321/feedback").then().statusCode(404);
    }
}
