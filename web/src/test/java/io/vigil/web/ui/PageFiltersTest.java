package io.vigil.web.ui;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.vigil.web.testing.AlertFixtures;
import io.vigil.web.testing.Archive;
import io.vigil.web.testing.BrowserSession;
import io.vigil.web.testing.BrowserTestCase;
import io.vigil.web.testing.SignedInAsAdmin;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;

/**
 * A list page asked for a filter it does not take ({@code ?since=yesterday}, {@code ?foo=1}) or a value it cannot read
 * ({@code ?rule=abc}, {@code ?period=fortnight}, a rule that does not exist) says so on a page naming the parameter,
 * instead of showing an unfiltered list as if it were filtered; the same on every page, the filters the pages' own forms
 * send still work, and the API keeps its problem documents.
 */
@QuarkusTest
class PageFiltersTest extends BrowserTestCase {

    @Inject
    AlertFixtures fixtures;

    @BeforeEach
    void archiveIsReady() {
        Archive.awaitReady();
    }

    @Test
    void aFilterAPageCannotApplyIsRefusedOnAPageNamingIt() {
        BrowserSession browser = BrowserSession.signIn(SignedInAsAdmin.USER, SignedInAsAdmin.PASSWORD);
        Map<String, String> refused = Map.of(
                "/alerts?since=yesterday", "no parameter \u201csince\u201d; it takes rule, period, outlet, state",
                "/alerts?foo=1", "no parameter \u201cfoo\u201d",
                "/alerts?rule=abc", "rule must be a whole number, not &quot;abc&quot;",
                "/alerts?rule=987654321", "there is no rule 987654321",
                "/alerts?period=fortnight", "period must be one of day, week, month, all, not &quot;fortnight&quot;",
                "/alerts?state=bogus", "state must be new, acknowledged or all",
                "/alerts?feedback=maybe", "feedback must be relevant, not_relevant or unjudged",
                "/articles?foo=1", "no parameter \u201cfoo\u201d; it takes q, story",
                "/audit?since=yesterday", "no parameter \u201csince\u201d; it takes actor, action, target, offset",
                "/rules?foo=1", "no parameter \u201cfoo\u201d; it takes");
        refused.forEach((path, said) -> {
            Response page = browser.get(path);
            assertThat(page.statusCode()).as(path).isEqualTo(400);
            assertThat(page.contentType()).as(path).startsWith("text/html");
            String pathOnly = path.substring(0, path.indexOf('?'));
            assertThat(page.asString())
                    .as(path)
                    .contains("<h1>Cannot show this</h1>")
                    .containsIgnoringCase(said)
                    .contains("href=\"" + pathOnly + "\"");
        });
    }

    @Test
    void theFiltersOfThePagesOwnFormsStillWork() {
        long rule = fixtures.rule("Page filters", "immediate", false);
        BrowserSession browser = BrowserSession.signIn(SignedInAsAdmin.USER, SignedInAsAdmin.PASSWORD);
        for (String path : new String[] {
            "/alerts",
            "/alerts?rule=" + rule + "&period=day&outlet=&state=all&feedback=&escalated=true&page=1",
            "/alerts?rule=&period=&state=&feedback=",
            "/alerts?acknowledged=true",
            "/articles?q=border",
            "/audit?actor=admin&action=&target=&offset=0",
            "/rules"
        }) {
            assertThat(browser.get(path).statusCode()).as(path).isEqualTo(200);
        }
    }

    @Test
    void theApiKeepsItsProblemDocuments() {
        Response answer = given().get("/api/alerts?ruleId=abc");
        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.jsonPath().getString("field")).isEqualTo("ruleId");
    }

    @Test
    void inChromiumTheFilterFormFiltersAndAnUnknownFilterIsShownAsRefused() {
        long rule = fixtures.rule("Chromium filters", "immediate", false);
        signInAsAdmin();
        driver().get(url("/alerts"));
        new Select(driver().findElement(By.id("rule"))).selectByValue(Long.toString(rule));
        new Select(driver().findElement(By.id("period"))).selectByValue("day");
        driver().findElement(By.cssSelector("form.filters button[type=submit]")).click();
        waiting().until(d -> d.getCurrentUrl().contains("rule=" + rule));
        assertThat(driver().findElement(By.tagName("h1")).getText()).isEqualTo("Alerts");

        driver().get(url("/alerts?since=yesterday"));
        assertThat(driver().findElement(By.tagName("h1")).getText()).isEqualTo("Cannot show this");
        assertThat(driver().findElement(By.cssSelector("[role=alert]")).getText())
                .contains("This page has no parameter \u201csince\u201d");
        browser.screenshot("alerts-unknown-filter");
        driver().findElement(By.linkText("Open /alerts without it")).click();
        waiting().until(d -> d.getCurrentUrl().endsWith("/alerts"));
        assertThat(driver().findElement(By.tagName("h1")).getText()).isEqualTo("Alerts");
    }
}
