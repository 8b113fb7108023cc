package io.vigil.web.ui;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.vigil.web.testing.BrowserTestCase;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * "Find similar" in a real Chromium: the button on an article opens the rule editor with a {@code similar} rule
 * prefilled (the article's title as the description, its id in the settings form), the preview shows the neighbours
 * with the passage that scored, and saving stores the rule with its settings.
 */
@QuarkusTest
class FindSimilarBrowserTest extends BrowserTestCase {

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

    @Test
    void findSimilarOpensAPrefilledSemanticRuleWithItsPreview() {
        String tag = "Corvantis" + System.nanoTime() % 1_000_000;
        long article = given().contentType(ContentType.JSON)
                .body(Map.of(
                        "title", "Drought ruins harvests across " + tag,
                        "body",
                                "Months without rain across " + tag
                                        + " have withered the wheat and farmers fear hunger.",
                        "source", "Wire"))
                .post("/api/ingest")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getLong("articles[0].id");
        push(
                "Crops fail as " + tag + " goes a summer without rain",
                "Dry fields and failed crops leave " + tag + " farmers short of food after the long drought.");

        signInAsAdmin();

        driver().get(url("/articles/" + article));
        driver().findElement(By.id("find-similar")).click();
        waiting().until(d -> d.getCurrentUrl().contains("/rules/new/similar"));
        assertThat(driver().findElement(By.id("query")).getAttribute("value")).contains("Drought ruins harvests");
        assertThat(driver().findElement(By.cssSelector("#type option[selected]"))
                        .getAttribute("value"))
                .isEqualTo("similar");
        assertThat(driver().findElement(By.id("config-articles")).getAttribute("value"))
                .isEqualTo(Long.toString(article));
        driver().findElement(By.id("config-prefilter")).sendKeys(tag);
        driver().findElement(By.id("query")).sendKeys(" ");
        // The preview is swapped in on every change; read it afresh until the neighbours show.
        String preview = waiting()
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .until(d -> {
                    String text = d.findElement(By.id("preview")).getText();
                    return text.contains("2 matches") ? text : null;
                });
        assertThat(preview).contains("similarity 0.");
        browser.screenshot("find-similar-preview");

        driver().findElement(By.cssSelector("#rule-form button[type=submit]")).click();
        waiting().until(d -> d.getCurrentUrl().contains("/rules?saved="));
        String saved = driver().getCurrentUrl().replaceAll(".*saved=", "");
        JsonPath rule = given().get("/api/rules/" + saved)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(rule.getString("type")).isEqualTo("similar");
        assertThat(rule.getString("settings.articles")).isEqualTo(Long.toString(article));
        assertThat(rule.getString("settings.prefilter")).isEqualTo(tag);
        given().delete("/api/rules/" + saved).then().statusCode(204);
    }
}
