package io.vigil.web.rule;

import static io.restassured.RestAssured.given;
import static io.vigil.web.rule.Pushes.alertsOf;
import static io.vigil.web.rule.Pushes.createRule;
import static io.vigil.web.rule.Pushes.distinctBody;
import static io.vigil.web.rule.Pushes.push;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.vigil.engine.source.ConfiguredSource;
import io.vigil.web.testing.Archive;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code POST /api/rules/preview} and {@code GET /api/articles?q=}: the archive seen through a rule, as live matching sees it. */
@QuarkusTest
class RulePreviewTest {

    @BeforeEach
    void seedsAreIngested() {
        Archive.awaitReady();
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(
                        QuarkusTransaction.requiringNew().call(() -> ConfiguredSource.findByName("seeds")
                                // The seeds source is created at start-up; a test that runs first may wait for it.
                                .map(source -> source.lastSuccessAt)
                                .orElse(null)))
                .isNotNull());
    }

    private static JsonPath preview(Map<String, Object> request) {
        return given().contentType(ContentType.JSON)
                .body(request)
                .post("/api/rules/preview")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    /** The titles of the matching seed articles (other tests may have pushed articles of their own). */
    private static List<String> seedTitles(JsonPath preview) {
        List<Map<String, Object>> matches = preview.getList("matches");
        return matches.stream()
                .filter(match -> "seeds".equals(match.get("source")))
                .map(match -> (String) match.get("title"))
                .toList();
    }

    @Test
    void borderFortificationFindsTheThreeIraqBorderArticles() {
        JsonPath preview = preview(Map.of("query", "border fortification", "limit", 100));

        assertThat(seedTitles(preview))
                .containsExactlyInAnyOrder(
                        "Iraq Fortifies 80% of Its Border with Syria",
                        "Fearing An Invasion By Terrorists, Iraq Is Reinforcing Its Border With Syria",
                        "Iraq Forms Security Crisis Cell to Coordinate with Syria");
        assertThat(preview.getString("matches[0].snippets[0].html")).contains("<mark>");
        assertThat(preview.getList("matches[0].snippets[0].marks")).isNotEmpty();
        assertThat(preview.getBoolean("truncated")).isFalse();
    }

    @Test
    void usForcesIraqFindsTheIraqiArmyArticleAndNotLavrov() {
        JsonPath preview = preview(Map.of("query", "US forces Iraq", "limit", 100));

        // The Iraqi Army article calls for removing "all US forces from Iraqi territory"; the foreign minister's speaks
        // of
        // "external forces such as the US" in a sentence about Iraq, which the labelled rule set counts as a match too.
        assertThat(seedTitles(preview))
                .containsExactlyInAnyOrder(
                        "Iraqi Army Tightens Security on Border with Syria",
                        "Iraqi Foreign Minister: We Are Not Part of the ‘Axis of Resistance’")
                .doesNotContain(
                        "Lavrov: Moscow Maintains Communication with Damascus, Will Not Withdraw from the Region");
        String marked = preview.getString("matches.find { it.title.startsWith('Iraqi Army') }.snippets[0].html");
        // "US forces" also finds "US military" and "US service member"; the first passage may mark either.
        assertThat(marked).containsPattern("<mark>US</mark> <mark>(forces|military|service member)</mark>");
    }

    @Test
    void aPreviewCountsTheAlertsOfTheLastThirtyDaysOnePerStory() {
        String word = "plovdrak" + Pushes.unique();
        String body = distinctBody("The " + word + " committee met on Monday.");
        push(word + " committee meets", body, "Wire One");
        push(word + " committee meets again", body.replace("Monday", "Tuesday"), "Wire Two");
        push(word + " report", distinctBody("A " + word + " report was published."), "Wire One");

        JsonPath preview = preview(Map.of("query", word));

        assertThat(preview.getInt("total")).isEqualTo(3);
        List<Map<String, Object>> days = preview.getList("alertsPerDay");
        assertThat(days).hasSize(30);
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        assertThat(days.get(29)).containsEntry("date", today.toString()).containsEntry("alerts", 2);
        assertThat(days.get(0)).containsEntry("date", today.minusDays(29).toString());
        assertThat(preview.getDouble("averageAlertsPerDay")).isEqualTo(0.07);
    }

    @Test
    void previewAndLiveMatchingAgreeOnTheSameArticles() {
        String word = "drammel" + Pushes.unique();
        String rule = word + " (harbour OR port) -cancelled";
        long ruleId = createRule(rule);
        Set<Long> expected = new HashSet<>();
        expected.add(push(word + " Harbour Opens", distinctBody("The " + word + " harbour opened."), "A")
                .articleId());
        expected.add(push(word + " Port Deal", distinctBody("A deal for the " + word + " port was signed."), "B")
                .articleId());
        push(word + " Port Plan Cancelled", distinctBody("The " + word + " port plan was cancelled."), "C");
        push(word + " Elections", distinctBody("Elections in " + word + " were calm."), "D");
        push(
                "Budget and Quiet Waters " + word.length(),
                // The title counts in every passage, so the rule's words must be paragraphs apart in the text alone.
                distinctBody(word + " announced a budget.") + "\n\n" + distinctBody("The harbour was quiet."),
                "E");

        List<Long> previewed = preview(Map.of("query", rule, "limit", 100)).getList("matches.articleId", Long.class);
        List<Long> alerted = alertsOf(ruleId).getList("items.articles.flatten().id", Long.class);

        assertThat(previewed).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(alerted).containsExactlyInAnyOrderElementsOf(expected);
        List<Long> searched = given().queryParam("q", rule)
                .get("/api/articles?limit=500")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("items.id", Long.class);
        assertThat(searched).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void articleSearchUsesTheRuleLanguageAndRefusesABrokenQuery() {
        List<String> titles = given().queryParam("q", "border fortification")
                .get("/api/articles?limit=500")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("items.title", String.class);
        assertThat(titles)
                .contains("Iraq Fortifies 80% of Its Border with Syria")
                .doesNotContain("Israel Shocks Lebanon with Plan to Link Withdrawal to Normalization");

        given().queryParam("q", "(border")
                .get("/api/articles")
                .then()
                .statusCode(400)
                .contentType(org.hamcrest.Matchers.startsWith("application/problem+json"))
                .body("position", org.hamcrest.Matchers.equalTo(0))
                .body("field", org.hamcrest.Matchers.equalTo("query"));
    }

    @Test
    void alertsCanBeFilteredAcknowledgedAndJudged() {
        String word = "ostrevan" + Pushes.unique();
        long ruleId = createRule(word);
        Pushes.Pushed first = push(word + " Opens", distinctBody(word + " opened a school."), "Wire");
        push(word + " Closes", distinctBody(word + " closed a road."), "Wire");

        JsonPath alerts = alertsOf(ruleId);
        assertThat(alerts.getInt("total")).isEqualTo(2);
        long newest = alerts.getLong("items[0].id");
        assertThat(alerts.getString("items[0].title")).isEqualTo(word + " Closes");
        given().get("/api/alerts?storyId=" + first.storyId() + "&ruleId=" + ruleId)
                .then()
                .body("total", org.hamcrest.Matchers.equalTo(1));
        given().get("/api/alerts?ruleId=" + ruleId + "&since=2999-01-01T00:00:00Z")
                .then()
                .body("total", org.hamcrest.Matchers.equalTo(0));
        given().get("/api/alerts?since=yesterday").then().statusCode(400);

        given().post("/api/alerts/" + newest + "/acknowledge")
                .then()
                .statusCode(200)
                .body("acknowledged", org.hamcrest.Matchers.equalTo(true));
        given().contentType(ContentType.JSON)
                .body(Map.of("feedback", "not_relevant"))
                .put("/api/alerts/" + newest + "/feedback")
                .then()
                .statusCode(200)
                .body("feedback", org.hamcrest.Matchers.equalTo("not_relevant"));
        given().contentType(ContentType.JSON)
                .body(Map.of("feedback", "meh"))
                .put("/api/alerts/" + newest + "/feedback")
                .then()
                .statusCode(400)
                .body("field", org.hamcrest.Matchers.equalTo("feedback"));
        given().contentType(ContentType.JSON)
                .body("{\"feedback\": null}")
                .put("/api/alerts/" + newest + "/feedback")
                .then()
                .statusCode(200)
                .body("feedback", org.hamcrest.Matchers.nullValue());
        given().get("/api/alerts/999999999").then().statusCode(404);
    }

    @Test
    void showsHowTheRuleWasReadFullyParenthesisedWithEveryExpansion() {
        JsonPath preview = preview(Map.of("query", "Iran drone OR missile -Houthi", "limit", 0));

        String reading = preview.getString("reading");
        assertThat(reading).startsWith("TOGETHER(Iran{");
        assertThat(reading).contains("Iranian", "(drone{", "UAV", "missile{", "ballistic missile", "NOT Houthi{");
        assertThat(reading).contains("TOGETHER: within 2 consecutive sentences");
    }

    @Test
    void anExactTermAndTheConceptsSettingLeaveTheWordAlone() {
        assertThat(preview(Map.of("query", "=fortification", "limit", 0)).getString("reading"))
                .isEqualTo("=fortification");
        assertThat(preview(Map.of("query", "fortification", "limit", 0)).getString("reading"))
                .contains("wall", "fence", "berm");
    }
}
