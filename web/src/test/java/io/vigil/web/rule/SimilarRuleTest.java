package io.vigil.web.rule;

import static io.restassured.RestAssured.given;
import static io.vigil.web.rule.Pushes.alertsOf;
import static io.vigil.web.rule.Pushes.createRule;
import static io.vigil.web.rule.Pushes.distinctBody;
import static io.vigil.web.rule.Pushes.push;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.vigil.web.testing.Archive;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Rule-type settings (stored, validated, passed to compile and to the preview) and the {@code similar} rule type with
 * the real in-process model: bad input is refused naming the field, a semantic rule alerts after the article is
 * stored, with the passage that scored and its score, and the passage embeddings are stored once.
 */
@QuarkusTest
class SimilarRuleTest {

    @Inject
    AgroalDataSource dataSource;

    @BeforeEach
    void archiveIsReady() {
        Archive.awaitReady();
    }

    private static void refused(Map<String, Object> rule, String field, String detail) {
        given().contentType(ContentType.JSON)
                .body(rule)
                .post("/api/rules")
                .then()
                .statusCode(400)
                .body("field", equalTo(field))
                .body("detail", containsString(detail));
    }

    @Test
    void settingsAreValidatedStoredAndUsedByThePreview() {
        refused(
                Map.of("query", "border wall", "settings", Map.of("proximity", "7")),
                "settings.proximity",
                "must be one of");
        refused(Map.of("query", "border wall", "settings", Map.of("colour", "red")), "settings.colour", "not a known");

        String word = "Quorvex" + Pushes.unique();
        push(word + " opens a port", distinctBody(word + " opened the new port on Monday."), "Wire");
        long ruleId = createRule(
                Map.of("query", word.toLowerCase(), "type", "regex", "settings", Map.of("case-sensitive", "true")));
        given().get("/api/rules/" + ruleId).then().statusCode(200).body("settings.case-sensitive", equalTo("true"));
        // The same rule with and without its setting: the preview compiles with what it is sent.
        assertThat(preview(Map.of(
                                "query",
                                word.toLowerCase(),
                                "type",
                                "regex",
                                "settings",
                                Map.of("case-sensitive", "true")))
                        .getInt("total"))
                .isZero();
        assertThat(preview(Map.of("query", word.toLowerCase(), "type", "regex")).getInt("total"))
                .isEqualTo(1);
        // A change of type without settings leaves none of the old type's.
        given().contentType(ContentType.JSON)
                .body(Map.of("type", "query", "query", word))
                .put("/api/rules/" + ruleId)
                .then()
                .statusCode(200)
                .body("settings", equalTo(Map.of()));
        given().delete("/api/rules/" + ruleId).then().statusCode(204);
    }

    @Test
    void thePluginsListTheSettingsOfEachRuleType() {
        JsonPath plugins = given().get("/api/plugins?kind=rule")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(plugins.getList("items.find { it.type == 'query' }.config.name", String.class))
                .contains("proximity", "concepts");
        assertThat(plugins.getList("items.find { it.type == 'regex' }.config.name", String.class))
                .contains("fields", "case-sensitive");
        assertThat(plugins.getList("items.find { it.type == 'similar' }.config.name", String.class))
                .containsExactly("threshold", "articles", "prefilter");
    }

    @Test
    void badSemanticRulesAreRefusedNamingTheField() {
        refused(Map.of("type", "similar", "query", "x".repeat(1001)), "query", "limit is 1000");
        refused(
                Map.of("type", "similar", "query", "floods", "settings", Map.of("threshold", "1.5")),
                "settings.threshold",
                "between 0.05 and 0.95");
        refused(
                Map.of("type", "similar", "query", "floods", "settings", Map.of("articles", "987654321")),
                "settings.articles",
                "no article 987654321");
        refused(
                Map.of("type", "similar", "query", "floods", "settings", Map.of("prefilter", "(Iraq")),
                "settings.prefilter",
                "does not compile");
        given().contentType(ContentType.JSON)
                .body(Map.of("type", "similar", "query", "  "))
                .post("/api/rules/preview")
                .then()
                .statusCode(400)
                .body("field", equalTo("query"));
    }

    // Plain bodies here: the made-up words of distinctBody look alike to a sentence model, so they would be similar.
    @Test
    void aSemanticRuleAlertsWithThePassageThatScoredAndStoresTheEmbeddingsOnce() throws Exception {
        String tag = "Zelvorth" + Pushes.unique();
        Pushes.Pushed example = push(
                tag + " villages flooded",
                "Rivers near " + tag + " burst their banks after days of rain and families left their homes in boats.",
                "Wire");
        long ruleId = createRule(Map.of(
                "type",
                "similar",
                "query",
                "people forced from their homes by floods",
                "settings",
                Map.of("prefilter", tag, "articles", Long.toString(example.articleId()))));
        try {
            Pushes.Pushed flood = push(
                    "Thousands flee rising water in " + tag,
                    "Floodwater swept through " + tag + " overnight and thousands of residents were evacuated to"
                            + " relief camps.",
                    "Wire");
            push(
                    tag + " wins the cup final",
                    tag + " scored twice in the second half to win the cup in front of a full stadium.",
                    "Wire");

            await().atMost(Duration.ofSeconds(60)).until(() -> alertsOf(ruleId).getInt("total") >= 1);
            JsonPath alerts = alertsOf(ruleId);
            assertThat(alerts.getInt("total")).isEqualTo(1);
            assertThat(alerts.getString("items[0].title")).startsWith("Thousands flee");

            JsonPath preview = preview(Map.of(
                    "type",
                    "similar",
                    "query",
                    "people forced from their homes by floods",
                    "settings",
                    Map.of("prefilter", tag, "articles", Long.toString(example.articleId()))));
            // Newest first: the flood report, then the example itself; never the cup final.
            assertThat(preview.getList("matches.articleId", Long.class))
                    .containsExactly(flood.articleId(), example.articleId());
            assertThat(preview.getDouble("matches[0].score")).isBetween(0.5, 1.0);
            assertThat(preview.getString("matches[0].matchedTerms[0]")).startsWith("similarity 0.");
            assertThat(preview.getString("matches[0].snippets[0].text")).isNotBlank();
            assertThat(preview.getString("reading")).contains("people forced from their homes by floods");

            // Embedded once, after the storing transaction, and read back by the preview instead of recomputed.
            assertThat(storedFeatures(flood.articleId())).isEqualTo(1);
        } finally {
            given().delete("/api/rules/" + ruleId).then().statusCode(204);
        }
    }

    private int storedFeatures(long articleId) throws Exception {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement =
                        connection.prepareStatement("select count(*) from article_feature where article_id = ?")) {
            statement.setLong(1, articleId);
            try (ResultSet row = statement.executeQuery()) {
                row.next();
                return row.getInt(1);
            }
        }
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
}
