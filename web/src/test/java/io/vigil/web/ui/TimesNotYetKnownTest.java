package io.vigil.web.ui;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vigil.web.testing.Archive;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Pages that list something whose time is not known yet: a token never used, a source never fetched. */
@QuarkusTest
class TimesNotYetKnownTest {

    /** Any value of 32 characters or more passes as the anti-forgery token when the cookie repeats it. */
    private static final String CSRF = "times-not-yet-known-test-anti-forgery-token";

    @BeforeEach
    void archiveIsReady() {
        Archive.awaitReady();
    }

    @Test
    void aTokenJustMadeIsListedAsNeverUsed() {
        String page = given().cookie("vigil-csrf", CSRF)
                .formParam("_csrf", CSRF)
                .formParam("name", "unused export script")
                .post("/tokens")
                .then()
                .statusCode(200)
                .extract()
                .asString();

        assertThat(page).containsPattern("<th scope=\"row\">unused export script</th>(?s:.*?)<td>never</td>");
    }

    @Test
    void aSourceNeverFetchedIsListedAsNeverFetched() {
        given().contentType(ContentType.JSON)
                .body(Map.of(
                        "type",
                        "rss",
                        "name",
                        "Dormant feed",
                        "enabled",
                        false,
                        "config",
                        Map.of("url", "https://news.example/dormant.xml")))
                .post("/api/sources")
                .then()
                .statusCode(201);

        String page = given().get("/sources").then().statusCode(200).extract().asString();

        assertThat(page).containsPattern("Dormant feed <span class=\"type\">rss</span>(?s:.*?)<td>never</td>");
    }
}
