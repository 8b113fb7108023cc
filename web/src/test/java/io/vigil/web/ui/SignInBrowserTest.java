package io.vigil.web.ui;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vigil.web.security.Role;
import io.vigil.web.testing.BrowserSession;
import io.vigil.web.testing.BrowserTestCase;
import io.vigil.web.testing.SignedInAsAdmin;
import io.vigil.web.testing.Users;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.WebElement;

/**
 * Signing in and out in a real Chromium: a link followed while signed out lands on its page after signing in; signing
 * out ends the session on the server (its cookie, replayed, opens nothing); "Sign out everywhere" ends the sessions of
 * the user's other devices too; an admin reads the audit log and filters it.
 */
@QuarkusTest
class SignInBrowserTest extends BrowserTestCase {

    private void fillInLogin(String username, String password) {
        driver().findElement(By.id("username")).sendKeys(username);
        driver().findElement(By.id("password")).sendKeys(password);
        driver().findElement(By.cssSelector("form button[type=submit]")).click();
        waiting().until(d -> !d.getCurrentUrl().contains("/login"));
    }

    private String sessionCookie() {
        Cookie cookie = driver().manage().getCookieNamed("vigil-session");
        return cookie == null ? null : cookie.getValue();
    }

    @Test
    void aLinkFollowedWhileSignedOutLandsOnItsPageAfterSigningInAndSigningOutEndsTheSession() {
        String analyst = Users.create("linked-analyst", Role.ANALYST);
        driver().manage().deleteAllCookies();

        // a notification's link, followed in a browser that is not signed in
        driver().get(url("/articles?q=border"));
        waiting().until(d -> d.getCurrentUrl().contains("/login"));
        assertThat(driver().getCurrentUrl()).contains("next=");
        browser.screenshot("sign-in");
        fillInLogin(analyst, Users.PASSWORD);
        assertThat(driver().getCurrentUrl()).endsWith("/articles?q=border");
        assertThat(driver().findElement(By.tagName("h1")).getText()).isEqualTo("Articles");

        String session = sessionCookie();
        assertThat(session).startsWith("vss_");
        Cookie cookie = driver().manage().getCookieNamed("vigil-session");
        assertThat(cookie.isHttpOnly()).isTrue();
        assertThat(cookie.getSameSite()).isEqualTo("Strict");

        driver().findElement(By.xpath("//header//button[normalize-space()='Sign out']"))
                .click();
        waiting().until(d -> d.getCurrentUrl().contains("/login"));
        driver().get(url("/alerts"));
        waiting().until(d -> d.getCurrentUrl().contains("/login"));
        assertThat(new BrowserSession(session, "x").signedIn())
                .as("the signed-out session's cookie, replayed")
                .isFalse();
    }

    @Test
    void signingOutEverywhereEndsTheSessionsOfTheUsersOtherDevices() {
        String traveller = Users.create("browser-traveller", Role.VIEWER);
        BrowserSession phone = BrowserSession.signIn(traveller, Users.PASSWORD);
        driver().manage().deleteAllCookies();
        driver().get(url("/account"));
        fillInLogin(traveller, Users.PASSWORD);
        assertThat(driver().getCurrentUrl()).endsWith("/account");

        List<WebElement> sessions = driver().findElements(By.cssSelector("#main table.list tbody tr"));
        assertThat(sessions).hasSize(2);
        assertThat(driver().findElement(By.cssSelector("tr.current")).getText()).contains("this browser");
        browser.screenshot("account");

        driver().findElement(By.id("sign-out-everywhere")).click();
        waiting().until(d -> d.getCurrentUrl().contains("/login"));
        assertThat(phone.signedIn()).as("the other device").isFalse();
        driver().get(url("/account"));
        waiting().until(d -> d.getCurrentUrl().contains("/login"));
    }

    @Test
    void anAdminReadsTheAuditLogAndFiltersIt() {
        String name = "Audited from the browser " + System.nanoTime();
        given().contentType(ContentType.JSON)
                .body(Map.of("name", name, "query", "border wall"))
                .post("/api/rules")
                .then()
                .statusCode(201);
        driver().manage().deleteAllCookies();
        driver().get(url("/login"));
        fillInLogin(SignedInAsAdmin.USER, SignedInAsAdmin.PASSWORD);

        driver().findElement(By.linkText("Audit")).click();
        waiting().until(d -> d.getCurrentUrl().contains("/audit"));
        assertThat(driver().findElement(By.tagName("h1")).getText()).isEqualTo("Audit log");
        assertThat(driver().getPageSource()).contains(name).contains("session.sign-in");

        driver().findElement(By.id("audit-action")).sendKeys("rule.create");
        driver().findElement(By.cssSelector("form[role=search] button[type=submit]"))
                .click();
        waiting().until(d -> d.getCurrentUrl().contains("action=rule.create"));
        List<WebElement> rows = driver().findElements(By.cssSelector("tr.audit-event"));
        assertThat(rows).isNotEmpty();
        assertThat(rows).allSatisfy(row -> assertThat(row.getText()).contains("rule.create"));
        assertThat(rows.get(0).getText()).contains(name).contains(SignedInAsAdmin.USER);
        browser.screenshot("audit");

        String viewer = Users.create("no-audit", Role.VIEWER);
        driver().manage().deleteAllCookies();
        driver().get(url("/login"));
        fillInLogin(viewer, Users.PASSWORD);
        assertThat(driver().findElements(By.linkText("Audit"))).isEmpty();
    }
}
