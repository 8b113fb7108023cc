package io.vigil.web.ui;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vigil.web.security.Role;
import io.vigil.web.testing.BrowserTestCase;
import io.vigil.web.testing.Users;
import io.vigil.web.testing.WebhookReceiver;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.WebElement;

/**
 * An analyst's first session, in a real Chromium: signs in, writes {@code border fortification} and watches the preview
 * fill with highlighted seed matches, saves it with a webhook channel, sees a pushed article's alert in the inbox —
 * and the pages keep article text as text, refuse forms without their CSRF token, and keep viewers from editing rules.
 * Screenshots of the main pages land in {@code target/screenshots}.
 */
@QuarkusTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class UiBrowserTest extends BrowserTestCase {

    private WebhookReceiver receiver;

    @BeforeAll
    void startReceiver() throws Exception {
        receiver = WebhookReceiver.answering();
    }

    @AfterAll
    void stopReceiver() {
        if (receiver != null) {
            receiver.close();
        }
    }

    private String cookie(String name) {
        Cookie cookie = driver().manage().getCookieNamed(name);
        return cookie == null ? null : cookie.getValue();
    }

    @Test
    @Order(1)
    void anAnalystSignsInAndSeesTheDashboard() {
        await("the seeds are ingested")
                .atMost(Duration.ofSeconds(60))
                .until(() -> given().get("/api/articles?limit=1").<Integer>path("total") > 0);
        driver().get(url("/alerts"));
        assertThat(driver().getCurrentUrl()).as("signing in comes first").contains("/login");
        browser.screenshot("login");

        signInAsAdmin();
        driver().get(url("/"));
        assertThat(driver().findElement(By.tagName("h1")).getText()).isEqualTo("Dashboard");
        assertThat(driver().findElement(By.cssSelector("svg.chart")).isDisplayed())
                .isTrue();
        assertThat(driver().getPageSource()).contains("Recent stories");
    }

    @Test
    @Order(2)
    void aWebhookChannelIsAddedThroughTheGeneratedForm() {
        driver().get(url("/channels/new?type=webhook"));
        driver().findElement(By.id("name")).sendKeys("Team hook");
        driver().findElement(By.id("config-url")).sendKeys(receiver.url());
        driver().findElement(By.cssSelector("#main form.card button[type=submit]"))
                .click();
        WebElement secret = waiting().until(d -> d.findElement(By.cssSelector("code.secret")));
        assertThat(secret.getText()).startsWith("whsec_");
        receiver.verifyingWith(secret.getText());
        browser.screenshot("channels");
    }

    @Test
    @Order(3)
    void theRuleEditorPreviewsSeedMatchesWithHighlightsAsYouType() {
        driver().get(url("/rules"));
        browser.screenshot("rules-empty");
        driver().get(url("/rules/new"));
        WebElement query = driver().findElement(By.id("query"));
        query.sendKeys("border (");
        WebElement error = waiting().until(d -> d.findElement(By.cssSelector("#preview .field-error")));
        assertThat(error.getText()).isNotBlank();
        assertThat(driver().findElements(By.cssSelector("#preview mark.at"))).hasSize(1);

        query.clear();
        query.sendKeys("border fortification");
        List<WebElement> marks = waiting().until(d -> {
            List<WebElement> found = d.findElements(By.cssSelector("#preview .passage mark"));
            return found.isEmpty() ? null : found;
        });
        assertThat(marks).extracting(WebElement::getText).anySatisfy(word -> assertThat(word.toLowerCase())
                .containsAnyOf("border", "fortif"));
        assertThat(driver().findElement(By.cssSelector("#preview .preview-summary"))
                        .getText())
                .contains("match")
                .contains("alerts a day");
        browser.screenshot("rule-editor");

        driver().findElement(By.id("name")).sendKeys("Border fortification");
        // Only the channel made above: the database holds other tests' channels, and a rule takes at most 50 routes.
        WebElement teamHook =
                driver().findElement(By.xpath("//label[contains(., 'Team hook')]/input[@name='channels']"));
        if (!teamHook.isSelected()) {
            teamHook.click();
        }
        driver().findElement(By.cssSelector("#rule-form button[type=submit]")).click();
        waiting().until(d -> d.getCurrentUrl().contains("/rules?saved="));
        assertThat(driver().getPageSource()).contains("Border fortification");
        browser.screenshot("rules");
    }

    @Test
    @Order(4)
    void aPushedMatchingArticleShowsUpInTheInboxAndReachesTheWebhook() {
        given().contentType(ContentType.JSON)
                .body(Map.of(
                        "title", "Engineers finish border fortification along the northern frontier",
                        "body",
                                "The ministry said on Tuesday that the border fortification was complete. "
                                        + "Engineers had worked on the fortifications for two years.",
                        "source", "Browser Test Wire"))
                .post("/api/ingest")
                .then()
                .statusCode(200);
        await("the webhook receives the alert").atMost(Duration.ofSeconds(30)).until(() -> receiver.count() > 0);
        assertThat(receiver.received().get(0).signatureProblem()).isNull();

        driver().get(url("/alerts"));
        WebElement story = waiting()
                .until(d -> d.findElement(
                        By.xpath("//article[contains(@class,'story')][.//a[contains(., 'northern frontier')]]")));
        assertThat(story.getText()).contains("Border fortification").contains("Browser Test Wire");
        assertThat(story.findElements(By.cssSelector(".passage mark"))).isNotEmpty();
        browser.screenshot("alerts");

        story.findElement(By.xpath(".//button[normalize-space()='Relevant']")).click();
        waiting().until(d -> !d.findElements(
                        By.xpath(
                                "//article[.//a[contains(., 'northern frontier')]]//span[contains(@class,'badge') and normalize-space()='relevant']"))
                .isEmpty());

        driver().get(url("/"));
        browser.screenshot("dashboard");
        browser.resize(390, 844);
        browser.screenshot("dashboard-phone");
        browser.resize(1280, 900);
    }

    @Test
    @Order(5)
    void anArticleWhoseTitleHoldsAScriptTagIsShownAsText() {
        String title =
                "<script>window.vigilPwned = 1</script><img src=x onerror=\"window.vigilPwned = 2\"> Border report";
        long id = given().contentType(ContentType.JSON)
                .body(Map.of(
                        "title",
                        title,
                        "body",
                        "A report on the border <b>fortification</b> works.",
                        "source",
                        "Hostile Wire"))
                .post("/api/ingest")
                .then()
                .statusCode(200)
                .extract()
                .<Number>path("articles[0].id")
                .longValue();
        driver().get(url("/articles/" + id));
        assertThat(driver().findElement(By.tagName("h1")).getText()).isEqualTo(title);
        assertThat(driver().executeScript("return window.vigilPwned === undefined"))
                .isEqualTo(true);
        assertThat(driver().findElements(By.cssSelector("article.full img"))).isEmpty();
        browser.screenshot("article");

        driver().get(url(
                "/articles?q=" + java.net.URLEncoder.encode("border report", java.nio.charset.StandardCharsets.UTF_8)));
        assertThat(driver().getPageSource()).contains("&lt;script&gt;");
        assertThat(driver().executeScript("return window.vigilPwned === undefined"))
                .isEqualTo(true);
        driver().get(url("/sources"));
        browser.screenshot("sources");
    }

    @Test
    @Order(6)
    void aFormPostWithoutItsSessionsCsrfTokenIsRefused() {
        String session = cookie("vigil-session");
        String cookieToken = cookie("vigil-csrf");
        String pageToken = pageToken();
        assertThat(session).isNotNull();
        assertThat(pageToken).isNotBlank().isNotEqualTo(cookieToken);
        given().noFilters()
                .redirects()
                .follow(false)
                .cookie("vigil-session", session)
                .cookie("vigil-csrf", cookieToken)
                .formParam("query", "forged rule")
                .formParam("name", "forged")
                .post("/rules")
                .then()
                .statusCode(403);
        // the cookie's token is the login form's, which another host of the site could have set: not this session's
        given().noFilters()
                .redirects()
                .follow(false)
                .cookie("vigil-session", session)
                .cookie("vigil-csrf", cookieToken)
                .formParam("_csrf", cookieToken)
                .formParam("query", "tossed rule")
                .formParam("name", "tossed")
                .post("/rules")
                .then()
                .statusCode(403);
        given().noFilters()
                .redirects()
                .follow(false)
                .cookie("vigil-session", session)
                .formParam("_csrf", pageToken)
                .formParam("query", "genuine rule")
                .formParam("name", "genuine")
                .post("/rules")
                .then()
                .statusCode(303);
    }

    /** The anti-forgery token of the page the browser shows (the sign-out form's, on every page). */
    private String pageToken() {
        return driver().findElement(By.name("_csrf")).getAttribute("value");
    }

    @Test
    @Order(7)
    void aViewerCannotEditRules() {
        String viewer = Users.create("reader", Role.VIEWER);
        signIn(viewer, Users.PASSWORD);
        driver().get(url("/rules"));
        assertThat(driver().findElements(By.linkText("New rule"))).isEmpty();
        assertThat(driver().findElements(By.xpath("//button[normalize-space()='Delete']")))
                .isEmpty();
        driver().get(url("/rules/new"));
        assertThat(driver().findElements(By.cssSelector("#rule-form button[type=submit]")))
                .isEmpty();
        assertThat(driver().getPageSource()).contains("needs the analyst role");

        given().noFilters()
                .redirects()
                .follow(false)
                .cookie("vigil-session", cookie("vigil-session"))
                .formParam("_csrf", pageToken())
                .formParam("query", "viewer's rule")
                .post("/rules")
                .then()
                .statusCode(403);
    }

    @Test
    @Order(8)
    void everyMainPageFitsAPhoneScreenWithoutScrollingSideways() {
        signInAsAdmin();
        browser.resize(390, 844);
        try {
            for (String page : List.of(
                    "/",
                    "/rules",
                    "/rules/new",
                    "/alerts",
                    "/articles",
                    "/sources",
                    "/channels",
                    "/users",
                    "/account")) {
                driver().get(url(page));
                // The widest element past the right edge, if any, names the culprit in the failure message.
                String overflowing = (String)
                        driver().executeScript(
                                        """
                        const width = document.documentElement.clientWidth;
                        if (document.documentElement.scrollWidth <= width) return '';
                        let worst = null, right = width;
                        for (const e of document.body.querySelectorAll('*')) {
                          const r = e.getBoundingClientRect().right;
                          if (r > right) { right = r; worst = e; }
                        }
                        return worst ? worst.tagName.toLowerCase() + '.' + worst.className + ' ends at ' + Math.round(right)
                            + ' px' : 'the page';
                        """);
                assertThat(overflowing)
                        .as("sideways overflow on %s at 390 px", page)
                        .isEmpty();
            }
            driver().get(url("/rules"));
            browser.screenshot("rules-phone");
        } finally {
            browser.resize(1280, 900);
        }
    }
}
