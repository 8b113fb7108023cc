package io.vigil.web.source;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.vigil.web.testing.Archive;
import io.vigil.web.testing.FeedServer;
import io.vigil.web.testing.FeedServer.Answer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /api/sources/test}: a dry run shows what a source would store now and what it would skip, stores
 * nothing, shows a failure as the source's health would, and refuses settings its type does not accept.
 */
@QuarkusTest
class SourceTrialTest {

    FeedServer server;

    @BeforeEach
    void start() throws Exception {
        Archive.awaitReady();
        server = new FeedServer();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    static JsonPath trial(String type, Map<String, String> config) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("type", type, "config", config))
                .post("/api/sources/test")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    static long total(String path) {
        return given().get(path).then().statusCode(200).extract().jsonPath().getLong("total");
    }

    @Test
    void aDryRunShowsWhatWouldBeStoredAndSkippedAndStoresNothing() throws Exception {
        Path folder = Files.createTempDirectory("vigil-trial");
        Files.writeString(
                folder.resolve("quarry.txt"),
                """
                Quarry Blast Rattles Windows in Ostrava

                A controlled blast at the Hlubina quarry rattled windows across the district on Tuesday.

                The operator said the charge had been twice the usual size.
                """);
        Files.write(folder.resolve("broken.txt"), new byte[] {(byte) 0xFF, (byte) 0xFE, 0, 0, 1, 2});
        server.serve(
                "/trial.xml",
                "application/rss+xml",
                FeedServer.rss("Trial Gazette", List.of("Lighthouse Keeper Retires", "Tidal Mill Restored")));
        long articles = total("/api/articles");
        long sources = total("/api/sources");

        JsonPath fromFolder = trial("folder", Map.of("path", folder.toString()));
        assertThat(fromFolder.getString("status")).isEqualTo("ok");
        assertThat(fromFolder.getString("error")).isNull();
        assertThat(fromFolder.getInt("itemCount")).isEqualTo(1);
        assertThat(fromFolder.getString("items[0].title")).isEqualTo("Quarry Blast Rattles Windows in Ostrava");
        assertThat(fromFolder.getString("items[0].body"))
                .startsWith("A controlled blast at the Hlubina quarry")
                .contains("twice the usual size");
        assertThat(fromFolder.getList("skipped.item", String.class)).containsExactly("broken.txt");
        assertThat(fromFolder.getString("skipped[0].reason")).isEqualTo("not UTF-8 text");

        JsonPath fromFeed = trial("rss", Map.of("url", server.url("/trial.xml")));
        assertThat(fromFeed.getString("status")).isEqualTo("ok");
        assertThat(fromFeed.getList("items.title", String.class))
                .containsExactly("Lighthouse Keeper Retires", "Tidal Mill Restored");
        assertThat(fromFeed.getList("items.publishedAt", String.class))
                .containsExactly("2025-03-10T08:00:00Z", "2025-03-10T08:00:00Z");
        assertThat(fromFeed.getString("items[0].url")).isEqualTo("https://news.example/articles/0");
        assertThat(fromFeed.getString("items[0].body")).contains("confirmed by officials on Monday");

        assertThat(total("/api/articles")).as("a dry run stores no article").isEqualTo(articles);
        assertThat(total("/api/sources")).as("a dry run saves no source").isEqualTo(sources);
        // Other tests store articles of the same title (from mail, say), so the feed's own links tell them apart.
        assertThat(given().get("/api/articles?q=lighthouse")
                        .then()
                        .extract()
                        .jsonPath()
                        .getList("items.url", String.class))
                .as("no article of the feed tried is stored")
                .doesNotContain("https://news.example/articles/0");
    }

    @Test
    void aFailingDryRunShowsTheFailureAsTheSourcesHealthWould() {
        server.serve("/gone.xml", new Answer(404, "text/plain", "no such feed", Map.of(), false));
        server.serve("/page.html", "text/html", "<!doctype html><title>Home</title><p>Welcome</p>");
        for (String path : List.of("/gone.xml", "/page.html")) {
            Map<String, String> config = Map.of("url", server.url(path));
            JsonPath dryRun = trial("rss", config);
            assertThat(dryRun.getString("status")).isEqualTo("failing");
            assertThat(dryRun.getList("items")).isEmpty();

            int id = FeedPollingTest.create("rss", "trial twin " + path, config, false);
            given().post("/api/sources/" + id + "/fetch").then().statusCode(200);
            String health = FeedPollingTest.source(id).getString("health.lastError");
            assertThat(health).isNotBlank();
            assertThat(dryRun.getString("error")).isEqualTo(health);
            given().delete("/api/sources/" + id).then().statusCode(204);
        }
    }

    @Test
    void settingsTheTypeRefusesAreA400NamingTheField() {
        given().contentType(ContentType.JSON)
                .body(Map.of("type", "rss", "config", Map.of("url", "ftp://example.org/feed")))
                .post("/api/sources/test")
                .then()
                .statusCode(400)
                .body("field", org.hamcrest.Matchers.equalTo("config.url"));
        given().contentType(ContentType.JSON)
                .body(Map.of("type", "rss", "config", Map.of()))
                .post("/api/sources/test")
                .then()
                .statusCode(400)
                .body("field", org.hamcrest.Matchers.equalTo("config.url"));
        given().contentType(ContentType.JSON)
                .body(Map.of("type", "carrier-pigeon", "config", Map.of()))
                .post("/api/sources/test")
                .then()
                .statusCode(400)
                .body("field", org.hamcrest.Matchers.equalTo("type"));
    }
}
