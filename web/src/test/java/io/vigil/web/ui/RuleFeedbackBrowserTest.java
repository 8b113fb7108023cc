package io.vigil.web.ui;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.path.json.config.JsonPathConfig;
import io.vigil.web.testing.BrowserTestCase;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * Feedback that helps, in a real Chromium: the rules page shows a rule's precision from its judged alerts and suggests
 * the {@code -word} that drops the not-relevant ones; one click opens the changed rule with its preview and how Vigil
 * read it, and saving accepts the change. For a semantic ({@code similar}) rule it suggests the threshold that separates
 * the judged scores instead, opened the same way in the settings form.
 */
@QuarkusTest
class RuleFeedbackBrowserTest extends BrowserTestCase {

    private static void push(String title, String paragraph) {
        given().contentType(ContentType.JSON)
                .body(Map.of("title", title, "body", paragraph, "source", "Wire"))
                .post("/api/ingest")
                .then()
                .statusCode(200);
    }

    private static JsonPath alerts(long ruleId) {
        return given().get("/api/alerts?ruleId=" + ruleId).then().extract().jsonPath();
    }

    private static void judge(long alertId, boolean relevant) {
        given().contentType(ContentType.JSON)
                .body(Map.of("feedback", relevant ? "relevant" : "not_relevant"))
                .put("/api/alerts/" + alertId + "/feedback")
                .then()
                .statusCode(200);
    }

    @Test
    void anAnalystAcceptsAFeedbackSuggestionAfterSeeingItsPreview() {
        String word = "brennick" + System.nanoTime() % 1_000_000;
        long ruleId = given().contentType(ContentType.JSON)
                .body(Map.of("query", word + " harbour", "name", "Harbour watch " + word))
                .post("/api/rules")
                .then()
                .statusCode(201)
                .extract()
                .jsonPath()
                .getLong("id");
        push(word + " harbour closes", word + " harbour closed after a storm damaged the quay at Kelmouth.");
        push(word + " harbour dredged", word + " harbour was dredged so tankers can berth at Dunvale.");
        push(word + " harbour regatta", word + " harbour regatta drew yachting crowds and a brass band to Ashport.");
        push(word + " harbour yachting", word + " harbour yachting club held its sailing regatta at Pellcombe.");
        await().atMost(Duration.ofSeconds(30)).until(() -> alerts(ruleId).getInt("total") == 4);
        JsonPath alerts = alerts(ruleId);
        for (int i = 0; i < 4; i++) {
            String title = alerts.getString("items[" + i + "].title");
            boolean relevant = !title.endsWith("regatta") && !title.endsWith("yachting");
            given().contentType(ContentType.JSON)
                    .body(Map.of("feedback", relevant ? "relevant" : "not_relevant"))
                    .put("/api/alerts/" + alerts.getLong("items[" + i + "].id") + "/feedback")
                    .then()
                    .statusCode(200);
        }

        signInAsAdmin();

        driver().get(url("/rules"));
        WebElement row = driver().findElement(By.id("rule-" + ruleId));
        assertThat(row.findElement(By.cssSelector("td.precision")).getText())
                .contains("50%")
                .contains("of 4 judged");
        WebElement suggestion = waiting().until(d -> {
            List<WebElement> found = d.findElements(By.cssSelector("#suggestions-" + ruleId + " a.suggestion"));
            return found.isEmpty() ? null : found.get(0);
        });
        assertThat(suggestion.getText()).matches("add -(regatta|yachting)");
        assertThat(driver().findElement(By.id("suggestions-" + ruleId)).getText())
                .contains("drops 2 of 2 not relevant, keeps 2 of 2 relevant");
        browser.screenshot("rules-feedback");
        String term = suggestion.getText().substring("add -".length());

        suggestion.click();
        waiting().until(d -> d.getCurrentUrl().contains("/rules/" + ruleId + "?query="));
        assertThat(driver().findElement(By.id("query")).getAttribute("value")).isEqualTo(word + " harbour -" + term);
        assertThat(driver().findElement(By.id("suggestion-notice")).getText()).contains("check the preview");
        WebElement reading = waiting().until(d -> d.findElement(By.cssSelector("#preview .rule-reading")));
        assertThat(reading.getText()).contains("NOT " + term).contains("TOGETHER(");
        assertThat(driver().findElement(By.cssSelector("#preview .preview-summary"))
                        .getText())
                .contains("2 matches");
        browser.screenshot("rule-suggestion-preview");

        driver().findElement(By.cssSelector("#rule-form button[type=submit]")).click();
        waiting().until(d -> d.getCurrentUrl().contains("/rules?saved="));
        assertThat(given().get("/api/rules/" + ruleId).then().extract().<String>path("query"))
                .isEqualTo(word + " harbour -" + term);
    }

    @Test
    void anAnalystAcceptsASuggestedThresholdForASemanticRuleAfterSeeingItsPreview() {
        String tag = "Velmora" + System.nanoTime() % 1_000_000;
        // A low threshold and a prefilter on the tag: every pushed article alerts, nothing else in the archive does.
        long ruleId = given().contentType(ContentType.JSON)
                .body(Map.of(
                        "name",
                        "Drought " + tag,
                        "type",
                        "similar",
                        "query",
                        "drought withers the crops and farmers lose their harvest",
                        "settings",
                        Map.of("threshold", "0.05", "prefilter", tag)))
                .post("/api/rules")
                .then()
                .statusCode(201)
                .extract()
                .jsonPath()
                .getLong("id");
        push(
                "Drought withers wheat across " + tag,
                "Months without rain in " + tag + " left the wheat dead in the fields.");
        push(
                "Farmers in " + tag + " lose a dry summer's harvest",
                "Parched soil in " + tag + " ruined the maize crop.");
        // Near the topic (farms, weather), so they alert too, but not about drought: judged not relevant.
        push("Spring floods soak the fields of " + tag, "Heavy rain in " + tag + " flooded the farmland by the river.");
        push(
                tag + " farmers' market sells honey",
                "Farmers in " + tag + " sold honey and cheese at the weekly market.");
        await().atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> assertThat(alerts(ruleId).getInt("total")).isEqualTo(4));
        JsonPath alerts = alerts(ruleId);
        for (int i = 0; i < 4; i++) {
            String title = alerts.getString("items[" + i + "].title");
            judge(alerts.getLong("items[" + i + "].id"), !title.contains("floods") && !title.contains("market"));
        }
        JsonPath suggested = given().get("/api/rules/" + ruleId + "/feedback")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                // As doubles: RestAssured reads numbers as floats, and 0.4955 as a float rounds to 0.495, not 0.496.
                .using(JsonPathConfig.jsonPathConfig().numberReturnType(JsonPathConfig.NumberReturnType.DOUBLE));
        double value = suggested.getDouble("threshold.value");
        int keeps = suggested.getInt("threshold.keepsRelevant");
        int removes = suggested.getInt("threshold.removesNotRelevant");
        assertThat(value).as("the drought articles score above the others").isGreaterThan(0.05);

        signInAsAdmin();
        driver().get(url("/rules"));
        WebElement suggestion = waiting().until(d -> {
            List<WebElement> found =
                    d.findElements(By.cssSelector("#suggestions-" + ruleId + " a.threshold-suggestion"));
            return found.isEmpty() ? null : found.get(0);
        });
        // The page works its suggestion out anew; a score's last bits may differ between the two computations, so
        // at a rounding boundary (0.4925) the page may show the neighbouring thousandth of what the API answered.
        assertThat(suggestion.getText()).startsWith("set the threshold to ");
        String shown = suggestion.getText().substring("set the threshold to ".length());
        assertThat(shown).isEqualTo(RulesPage.thresholdText(Double.parseDouble(shown)));
        assertThat(Double.parseDouble(shown)).isCloseTo(value, org.assertj.core.api.Assertions.within(0.0011));
        assertThat(driver().findElement(By.id("suggestions-" + ruleId)).getText())
                .contains("keeps " + keeps + " of 2 relevant, removes " + removes + " of 2 not relevant");
        browser.screenshot("rules-threshold-suggestion");

        suggestion.click();
        waiting().until(d -> d.getCurrentUrl().contains("/rules/" + ruleId + "?threshold="));
        assertThat(driver().findElement(By.id("config-threshold")).getAttribute("value"))
                .isEqualTo(shown);
        assertThat(driver().findElement(By.id("config-prefilter")).getAttribute("value"))
                .isEqualTo(tag);
        assertThat(driver().findElement(By.id("suggestion-notice")).getText()).contains("check the preview");
        // The preview scores with the suggested threshold: the judged articles it keeps, and no more.
        int kept = keeps + (2 - removes);
        String preview = waiting()
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .until(d -> {
                    List<WebElement> summary = d.findElements(By.cssSelector("#preview .preview-summary"));
                    return summary.isEmpty()
                            ? null
                            : d.findElement(By.id("preview")).getText();
                });
        assertThat(preview).contains(kept + (kept == 1 ? " match" : " matches"));
        browser.screenshot("rule-threshold-preview");
        assertThat(given().get("/api/rules/" + ruleId).then().extract().<String>path("settings.threshold"))
                .as("opening the suggestion changes nothing")
                .isEqualTo("0.05");

        driver().findElement(By.cssSelector("#rule-form button[type=submit]")).click();
        waiting().until(d -> d.getCurrentUrl().contains("/rules?saved="));
        JsonPath saved = given().get("/api/rules/" + ruleId).then().extract().jsonPath();
        assertThat(saved.getString("settings.threshold")).isEqualTo(shown);
        assertThat(saved.getString("settings.prefilter")).isEqualTo(tag);
        assertThat(saved.getString("type")).isEqualTo("similar");
    }
}
