package io.vigil.web.ui;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vigil.web.testing.Archive;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A page links only to http(s) addresses from data that came from outside, whichever source plugin handed it over: an
 * article stored with a {@code javascript:} or {@code file:} URL, and a dry run's items (a folder source's are
 * {@code file:} URLs), are shown without a link.
 */
@QuarkusTest
class OutsideLinksTest {

    private static final String CSRF = "outside-links-test-anti-forgery-token";

    @Inject
    DataSource dataSource;

    @BeforeEach
    void archiveIsReady() {
        Archive.awaitReady();
    }

    @Test
    void anArticleWithAScriptOrFileAddressIsShownWithoutALinkToIt() throws Exception {
        String title = "Harbour cranes idle " + System.nanoTime();
        int id = given().contentType(ContentType.JSON)
                .body(Map.of(
                        "title", title,
                        "body", "The harbour cranes stood idle for a second day.",
                        "url", "https://news.example/cranes"))
                .post("/api/ingest")
                .then()
                .statusCode(200)
                .extract()
                .path("articles[0].id");
        assertThat(given().get("/articles/" + id).asString()).contains("href=\"https://news.example/cranes\"");

        for (String url : new String[] {"javascript:alert(document.cookie)", "file:///etc/passwd", "/relative"}) {
            try (Connection connection = dataSource.getConnection();
                    PreparedStatement update = connection.prepareStatement("update article set url = ? where id = ?")) {
                update.setString(1, url);
                update.setLong(2, id);
                assertThat(update.executeUpdate()).isEqualTo(1);
            }

            String page = given().get("/articles/" + id)
                    .then()
                    .statusCode(200)
                    .extract()
                    .asString();

            assertThat(page).contains(title).doesNotContain("href=\"" + url).doesNotContain(">original</a>");
        }
    }

    @Test
    void aDryRunsItemsWithFileAddressesAreNotLinks() throws Exception {
        Path folder = Files.createTempDirectory("vigil-outside-links");
        Files.writeString(
                folder.resolve("ferry.txt"),
                "Night Ferry Returns to Service\n\nThe night ferry to the islands sailed again on Friday.\n");

        String page = given().redirects()
                .follow(false)
                .cookie("vigil-csrf", CSRF)
                .formParam("_csrf", CSRF)
                .formParam("type", "folder")
                .formParam("name", "Trial links")
                .formParam("config.path", folder.toString())
                .post("/sources/test")
                .then()
                .statusCode(200)
                .extract()
                .asString();

        assertThat(page).contains("Night Ferry Returns to Service").doesNotContain("href=\"file:");
    }
}
