package io.vigil.web.ui;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.vigil.web.testing.Archive;
import io.vigil.web.testing.BrowserSession;
import io.vigil.web.testing.SignedInAsAdmin;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A signed-in browser that asks for a page of something not there (a removed rule, an article gone with retention, an
 * old link, a mistyped address) gets a page in the layout saying what is missing, not a problem document as raw JSON;
 * API callers keep the problem document.
 */
@QuarkusTest
class MissingPagesTest {

    private static final long NONE = 987_654_321L;

    @BeforeEach
    void archiveIsReady() {
        Archive.awaitReady();
    }

    @Test
    void aPageOfSomethingNotThereIsAPageSayingWhatIsMissing() {
        BrowserSession browser = BrowserSession.signIn(SignedInAsAdmin.USER, SignedInAsAdmin.PASSWORD);
        Map<String, String> pages = Map.of(
                "/rules/" + NONE,
                "There is no rule " + NONE,
                "/articles/" + NONE,
                "There is no article " + NONE,
                "/sources/" + NONE + "/edit",
                "There is no source " + NONE,
                "/channels/" + NONE + "/edit",
                "There is no channel " + NONE,
                "/no-such-page",
                "There is no page at /no-such-page");
        pages.forEach((path, said) -> {
            Response page = browser.get(path);
            assertThat(page.statusCode()).as(path).isEqualTo(404);
            assertThat(page.contentType()).as(path).startsWith("text/html");
            assertThat(page.asString())
                    .as(path)
                    .contains("<h1>Not found</h1>")
                    .contains(said)
                    .contains("href=\"/rules\"");
        });
    }

    @Test
    void anApiCallerStillGetsAProblemDocument() {
        for (String path : new String[] {"/api/rules/" + NONE, "/rules/" + NONE}) {
            Response answer = given().get(path); // HTTP Basic: an API caller, whatever the path
            assertThat(answer.statusCode()).as(path).isEqualTo(404);
            assertThat(answer.contentType()).as(path).startsWith("application/problem+json");
            assertThat(answer.jsonPath().getString("detail")).as(path).isEqualTo("no rule " + NONE);
        }
    }
}
