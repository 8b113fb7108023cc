package io.vigil.web.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.http.TestHTTPResource;
import java.net.URL;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * What every test in a real Chromium shares: one browser per test class, started once the seeded archive is ready,
 * addresses on the test server, signing in through the login form, and waiting for what a page shows.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class BrowserTestCase {

    @TestHTTPResource("/")
    protected URL root;

    protected Browser browser;

    @BeforeAll
    void startBrowser() {
        assertThat(Browser.installed())
                .as("Chromium and chromedriver in /usr/bin (apt-get install chromium chromium-driver)")
                .isTrue();
        Archive.awaitReady();
        browser = Browser.start();
    }

    @AfterAll
    void stopBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    /** The address of {@code path} on the test server. */
    protected String url(String path) {
        return root.toString().replaceAll("/$", "") + path;
    }

    protected ChromeDriver driver() {
        return browser.driver();
    }

    /**
     * Waits up to 30 s for a condition on the page. A form post reloads the page, so an element found on one poll may
     * belong to the page just left by the next: such a stale element means "not yet", not a failure.
     */
    protected WebDriverWait waiting() {
        WebDriverWait wait = new WebDriverWait(driver(), Duration.ofSeconds(30));
        wait.ignoring(StaleElementReferenceException.class);
        return wait;
    }

    /** Signs in through the login form with fresh cookies, and waits until the form has let the browser in. */
    protected void signIn(String username, String password) {
        driver().manage().deleteAllCookies();
        driver().get(url("/login"));
        driver().findElement(By.id("username")).sendKeys(username);
        driver().findElement(By.id("password")).sendKeys(password);
        driver().findElement(By.cssSelector("form button[type=submit]")).click();
        waiting().until(d -> !d.getCurrentUrl().contains("/login"));
    }

    /** Signs in as the test server's administrator. */
    protected void signInAsAdmin() {
        signIn(SignedInAsAdmin.USER, SignedInAsAdmin.PASSWORD);
    }
}
