package io.vigil.web.alert;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.vigil.web.testing.AlertFixtures;
import io.vigil.web.testing.AlertFixtures.Opened;
import io.vigil.web.testing.Archive;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The inbox pages through every alert (no fixed cap), filters by rule, time, outlet, state and judgement, and
 * acknowledges many alerts at once, recording who and when — through the API and through the page's forms.
 */
@QuarkusTest
class InboxTest {

    @Inject
    AlertFixtures fixtures;

    @BeforeEach
    void archiveIsReady() {
        Archive.awaitReady();
    }

    @Test
    void pagesThroughMoreAlertsThanTheOldCapOfAHundred() {
        long rule = fixtures.rule("Busy rule", "immediate", false);
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 130; i++) {
            ids.add(fixtures.open(rule, "Busy story " + i, "Story number " + i + ".")
                    .alertId());
        }

        JsonPath third = alerts("ruleId=" + rule + "&limit=50&offset=100");
        assertThat(third.getLong("total")).isEqualTo(130);
        assertThat(third.getList("items.id", Long.class))
                .as("newest first: the page holds the thirty oldest")
                .containsExactlyElementsOf(ids.subList(0, 30).reversed());

        String page = given().get("/alerts?period=all&state=all&rule=" + rule + "&page=3")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertThat(page).contains("130 alerts, page 3 of 3").contains("id=\"alert-" + ids.get(0) + "\"");
        assertThat(page).doesNotContain("id=\"alert-" + ids.get(129) + "\"");
        assertThat(page).contains("rel=\"prev\"").doesNotContain("rel=\"next\"");
    }

    @Test
    void filtersByOutletStateAndJudgement() {
        long rule = fixtures.rule("Filtered rule", "immediate", false);
        Opened wide = fixtures.open(rule, "Carried widely", "A story many outlets carry.");
        fixtures.join(wide, "Harbour Herald");
        Opened narrow = fixtures.open(rule, "Carried once", "A story one outlet carries.");
        Opened judged = fixtures.open(rule, "Judged story", "A story an analyst judged.");
        given().contentType(ContentType.JSON)
                .body(Map.of("feedback", "not_relevant"))
                .put("/api/alerts/" + judged.alertId() + "/feedback")
                .then()
                .statusCode(200);
        given().post("/api/alerts/" + narrow.alertId() + "/acknowledge").then().statusCode(200);

        assertThat(ids("ruleId=" + rule + "&outlet=harbour herald")).containsExactly(wide.alertId());
        assertThat(ids("ruleId=" + rule + "&state=acknowledged")).containsExactly(narrow.alertId());
        assertThat(ids("ruleId=" + rule + "&state=new")).containsExactlyInAnyOrder(wide.alertId(), judged.alertId());
        assertThat(ids("ruleId=" + rule + "&feedback=not_relevant")).containsExactly(judged.alertId());
        assertThat(ids("ruleId=" + rule + "&feedback=unjudged"))
                .containsExactlyInAnyOrder(wide.alertId(), narrow.alertId());
        assertThat(ids("ruleId=" + rule + "&until=2000-01-01T00:00:00Z")).isEmpty();
        given().get("/api/alerts?state=forgotten").then().statusCode(400).body("field", equalTo("state"));
        given().get("/api/alerts?feedback=meh").then().statusCode(400).body("field", equalTo("feedback"));
        given().get("/api/alerts?escalated=maybe").then().statusCode(400).body("field", equalTo("escalated"));

        String page = given().get("/alerts?period=all&state=new&outlet=Harbour Herald&rule=" + rule)
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertThat(page).contains("id=\"alert-" + wide.alertId() + "\"").doesNotContain("Carried once");
    }

    @Test
    void acknowledgesManyAtOnceRecordingWhoAndWhen() {
        long rule = fixtures.rule("Bulk rule", "immediate", false);
        long first = fixtures.open(rule, "Bulk one", "One.").alertId();
        long second = fixtures.open(rule, "Bulk two", "Two.").alertId();
        long third = fixtures.open(rule, "Bulk three", "Three.").alertId();

        given().contentType(ContentType.JSON)
                .body(Map.of("ids", List.of(first, second, 987_654_321L)))
                .post("/api/alerts/acknowledge")
                .then()
                .statusCode(200)
                .body("acknowledged", equalTo(2))
                .body("alreadyAcknowledged", equalTo(0))
                .body("missing", equalTo(List.of(987_654_321)));
        JsonPath acknowledged =
                given().get("/api/alerts/" + first).then().extract().jsonPath();
        assertThat(acknowledged.getString("acknowledgedBy")).isEqualTo("admin");
        assertThat(acknowledged.getString("acknowledgedAt")).isNotNull();
        given().contentType(ContentType.JSON)
                .body(Map.of("ids", List.of(first, second)))
                .post("/api/alerts/acknowledge")
                .then()
                .body("acknowledged", equalTo(0))
                .body("alreadyAcknowledged", equalTo(2));
        assertThat(given().get("/api/alerts/" + first)
                        .then()
                        .extract()
                        .jsonPath()
                        .getString("acknowledgedAt"))
                .as("the first acknowledgement stays")
                .isEqualTo(acknowledged.getString("acknowledgedAt"));
        given().contentType(ContentType.JSON)
                .body(Map.of("ids", List.of()))
                .post("/api/alerts/acknowledge")
                .then()
                .statusCode(400)
                .body("field", equalTo("ids"));

        // The inbox's own form: every alert of the page shown, then back to the inbox as it was filtered.
        given().redirects()
                .follow(false)
                .formParam("scope", "page")
                .formParam("pageIds", third)
                .formParam("period", "all")
                .formParam("state", "new")
                .formParam("rule", rule)
                .post("/alerts/acknowledge")
                .then()
                .statusCode(303)
                .header("Location", org.hamcrest.Matchers.containsString("/alerts?period=all&rule=" + rule));
        assertThat(ids("ruleId=" + rule + "&state=new")).isEmpty();
    }

    private static JsonPath alerts(String query) {
        return given().get("/api/alerts?" + query)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    private static List<Long> ids(String query) {
        return alerts(query).getList("items.id", Long.class);
    }
}
