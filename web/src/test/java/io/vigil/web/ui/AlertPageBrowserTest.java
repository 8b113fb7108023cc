package io.vigil.web.ui;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.vigil.web.testing.AlertFixtures;
import io.vigil.web.testing.BrowserTestCase;
import io.vigil.web.testing.MailServer;
import io.vigil.web.testing.SignedInAsAdmin;
import io.vigil.web.testing.WebhookReceiver;
import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * In a real Chromium: the link an e-mail carries leads, through the sign-in, to the alert's page, where an analyst
 * reads the story and acknowledges and judges it; and the rule editor shows and edits a rule's routes and escalation.
 */
@QuarkusTest
class AlertPageBrowserTest extends BrowserTestCase {

    private static final AtomicLong SEQUENCE = new AtomicLong(System.nanoTime() % 1_000_000);

    @Inject
    AlertFixtures fixtures;

    @ConfigProperty(name = "vigil.base-url")
    String baseUrl;

    @Test
    void theLinkInAnEmailLeadsThroughTheSignInToTheAlertWhereItIsAcknowledgedAndJudged() throws Exception {
        GreenMail mail = MailServer.emptyInbox();
        String word = "kestrava" + SEQUENCE.incrementAndGet();
        String to = word + "@example.org";
        long channel = channel("email", Map.of("to", to));
        createRule(Map.of("name", "Kestrava watch", "query", word + " dam", "channels", List.of(channel)));
        String title = word + " dam reaches record level";
        push(title, "Officials said the " + word + " dam reached a record level on Tuesday.", "Valley Wire");
        push(title, "Officials said the " + word + " dam reached a record level on Tuesday.", "River Post");

        fixtures.awaitArrival(channel, Duration.ofSeconds(30), () -> mail.getReceivedMessages().length > 0);
        MimeMessage message = mail.getReceivedMessages()[0];
        Matcher link = Pattern.compile(Pattern.quote(baseUrl.replaceAll("/$", "")) + "(/alerts/(\\d+))")
                .matcher(text(message));
        assertThat(link.find())
                .as("the e-mail links to the alert page under vigil.base-url")
                .isTrue();
        String path = link.group(1);

        driver().manage().deleteAllCookies();
        driver().get(url(path));
        waiting().until(d -> d.getCurrentUrl().contains("/login"));
        browser.screenshot("alert-link-signed-out");
        driver().findElement(By.id("username")).sendKeys(SignedInAsAdmin.USER);
        driver().findElement(By.id("password")).sendKeys(SignedInAsAdmin.PASSWORD);
        driver().findElement(By.cssSelector("form button[type=submit]")).click();

        waiting().until(d -> URI.create(d.getCurrentUrl()).getPath().equals(path));
        assertThat(driver().findElement(By.id("alert-title")).getText()).isEqualTo(title);
        String articles = driver().findElement(By.id("articles")).getText();
        assertThat(articles).contains("Valley Wire").contains("River Post").contains("UTC");
        assertThat(driver().findElements(By.cssSelector("#articles .passage mark")))
                .isNotEmpty();
        assertThat(driver().findElement(By.id("rule-reading")).getText()).isEqualTo(word + " dam");
        assertThat(driver().findElement(By.id("acknowledged")).getText()).isEqualTo("not yet");
        browser.screenshot("alert-page");

        driver().findElement(By.xpath("//button[normalize-space()='Acknowledge']"))
                .click();
        waiting().until(d -> d.findElement(By.id("acknowledged")).getText().startsWith("by admin at"));
        driver().findElement(By.xpath("//button[normalize-space()='Relevant']")).click();
        waiting().until(d -> d.findElement(By.id("judged")).getText().startsWith("relevant — by admin"));
        assertThat(driver().findElement(By.id("deliveries")).getText()).contains("alert");

        driver().get(url("/alerts/987654321"));
        assertThat(driver().findElement(By.tagName("h1")).getText()).isEqualTo("No such alert");
    }

    @Test
    void theRuleEditorShowsAndEditsTheRoutesAndTheEscalation() throws Exception {
        try (WebhookReceiver receiver = WebhookReceiver.answering()) {
            long desk = channel("webhook", Map.of("url", receiver.url()));
            long team = channel("email", Map.of("to", "team-" + SEQUENCE.incrementAndGet() + "@example.org"));
            signInAsAdmin();
            driver().get(url("/rules/new"));
            driver().findElement(By.id("query")).sendKeys("zzeditor" + SEQUENCE.incrementAndGet() + "zz");
            String name = "Routes in the editor " + SEQUENCE.incrementAndGet();
            driver().findElement(By.id("name")).sendKeys(name);
            driver().findElement(By.id("route-" + desk)).click();
            driver().findElement(By.id("route-" + team)).click();
            new Select(driver().findElement(By.id("delivery-" + team))).selectByValue("daily");
            driver().findElement(By.id("escalation-outlets")).sendKeys("3");
            new Select(driver().findElement(By.id("escalation-within"))).selectByValue("PT3H");
            browser.screenshot("rule-editor-routes");
            driver().findElement(By.cssSelector("#rule-form button[type=submit]"))
                    .click();
            waiting().until(d -> d.getCurrentUrl().contains("/rules?saved="));

            long id = Long.parseLong(driver().getCurrentUrl().replaceAll(".*saved=(\\d+).*", "$1"));
            JsonPath saved = given().get("/api/rules/" + id).then().extract().jsonPath();
            assertThat(saved.getString("name")).isEqualTo(name);
            assertThat(saved.getString("routes.find { it.channelId == " + desk + " }.delivery"))
                    .isEqualTo("immediate");
            assertThat(saved.getString("routes.find { it.channelId == " + team + " }.delivery"))
                    .isEqualTo("daily");
            assertThat(saved.getInt("escalation.outlets")).isEqualTo(3);
            assertThat(saved.getString("escalation.within")).isEqualTo("PT3H");

            driver().get(url("/rules/" + id));
            assertThat(driver().findElement(By.id("route-" + team)).isSelected())
                    .isTrue();
            assertThat(new Select(driver().findElement(By.id("delivery-" + team)))
                            .getFirstSelectedOption()
                            .getAttribute("value"))
                    .isEqualTo("daily");
            assertThat(driver().findElement(By.id("escalation-outlets")).getAttribute("value"))
                    .isEqualTo("3");

            // Taking the team's channel off and the escalation away.
            driver().findElement(By.id("route-" + team)).click();
            WebElement outlets = driver().findElement(By.id("escalation-outlets"));
            outlets.clear();
            driver().findElement(By.cssSelector("#rule-form button[type=submit]"))
                    .click();
            waiting().until(d -> d.getCurrentUrl().contains("/rules?saved="));
            JsonPath changed = given().get("/api/rules/" + id).then().extract().jsonPath();
            assertThat(changed.getList("routes.channelId", Long.class)).containsExactly(desk);
            assertThat(changed.getString("delivery")).isEqualTo("immediate");
            assertThat(changed.getString("escalation")).isNull();
        }
    }

    /** Every text part of a message, decoded. */
    private static String text(jakarta.mail.Part part) throws Exception {
        Object content = part.getContent();
        if (content instanceof String text) {
            return text;
        }
        StringBuilder all = new StringBuilder();
        if (content instanceof jakarta.mail.Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                all.append(text(multipart.getBodyPart(i))).append('\n');
            }
        }
        return all.toString();
    }

    private static long channel(String type, Map<String, String> config) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("type", type, "name", type + " " + SEQUENCE.incrementAndGet(), "config", config))
                .post("/api/channels")
                .then()
                .statusCode(201)
                .extract()
                .jsonPath()
                .getLong("id");
    }

    private static void createRule(Map<String, Object> rule) {
        given().contentType(ContentType.JSON)
                .body(rule)
                .post("/api/rules")
                .then()
                .statusCode(201);
    }

    private static void push(String title, String body, String source) {
        given().contentType(ContentType.JSON)
                .body(Map.of("title", title, "body", body, "source", source))
                .post("/api/ingest")
                .then()
                .statusCode(200);
    }
}
