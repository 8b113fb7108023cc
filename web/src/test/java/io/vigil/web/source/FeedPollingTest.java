package io.vigil.web.source;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.vigil.web.testing.Archive;
import io.vigil.web.testing.FeedServer;
import io.vigil.web.testing.FeedServer.Answer;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Real feeds polled by the scheduler from an in-process HTTP server: a good feed is read while broken ones — garbage,
 * an error, a web page, a server that never answers — each mark only their own source unhealthy, with a reason.
 */
@QuarkusTest
@TestProfile(FeedPollingTest.ShortRequestTimeout.class)
class FeedPollingTest {

    /** Outbound requests give up after two seconds, so a server that never answers is found out quickly. */
    public static class ShortRequestTimeout implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("vigil.net.request-timeout", "PT2S");
        }
    }

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

    static int create(String type, String name, Map<String, String> config, boolean enabled) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("type", type, "name", name, "config", config, "enabled", enabled))
                .post("/api/sources")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    static JsonPath source(int id) {
        return given().get("/api/sources/" + id)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    @Test
    void aBrokenFeedMarksOnlyItsOwnSourceUnhealthyAndTheOthersCarryOn() {
        server.serve(
                "/good.xml",
                "application/rss+xml",
                FeedServer.rss(
                        "Harbour Gazette", List.of("Ferry Crews Strike Over Rosters", "Harbour Dredging Begins")));
        server.serve("/garbage.xml", "application/xml", "\u0001\u0002 this is {not} <a feed");
        server.serve("/error.xml", new Answer(500, "text/plain", "internal error", Map.of(), false));
        server.serve(
                "/page.html",
                "text/html",
                "<!doctype html><html><head><title>Gazette</title></head><body><p>Welcome</p></body></html>");
        server.serve("/silent.xml", Answer.ok("application/rss+xml", "").heldUntilReleased());

        int good = create("rss", "Harbour Gazette", Map.of("url", server.url("/good.xml")), true);
        int garbage = create("rss", "Garbage Feed", Map.of("url", server.url("/garbage.xml")), true);
        int error = create("rss", "Failing Feed", Map.of("url", server.url("/error.xml")), true);
        int page = create("rss", "Not A Feed", Map.of("url", server.url("/page.html")), true);
        int silent = create("rss", "Silent Feed", Map.of("url", server.url("/silent.xml")), true);

        await().atMost(Duration.ofSeconds(60)).until(() -> List.of(good, garbage, error, page, silent).stream()
                .noneMatch(id -> source(id).getString("health.status").equals("pending")));

        JsonPath goodSource = source(good);
        assertThat(goodSource.getString("health.status")).isEqualTo("ok");
        assertThat(goodSource.getInt("health.lastNew")).isEqualTo(2);
        assertThat(goodSource.getInt("intervalSeconds"))
                .as("the rss type's default interval")
                .isEqualTo(900);
        assertThat(given().get("/api/articles?q=ferry")
                        .then()
                        .extract()
                        .jsonPath()
                        .getList("items.source", String.class))
                .contains("Harbour Gazette");

        assertThat(source(garbage).getString("health.status")).isEqualTo("failing");
        assertThat(source(garbage).getString("health.lastError")).contains("is not a feed");
        assertThat(source(error).getString("health.lastError")).contains("HTTP 500");
        assertThat(source(page).getString("health.lastError")).contains("web page");
        assertThat(source(silent).getString("health.lastError")).contains("timed out");
        for (int id : List.of(garbage, error, page, silent)) {
            assertThat(source(id).getInt("health.consecutiveFailures")).isEqualTo(1);
            assertThat(Instant.parse(source(id).getString("health.nextFetchAt")))
                    .as("a failed source backs off instead of being polled at once again")
                    .isAfter(Instant.parse(source(id).getString("health.lastFetchAt"))
                            .plusSeconds(60));
        }
    }

    @Test
    void aServerThatAsksForPatienceIsLeftAloneForAsLongAsItSaid() {
        server.serve("/busy.xml", new Answer(503, "text/plain", "busy", Map.of("Retry-After", "7200"), false));
        int busy = create("rss", "Busy Feed", Map.of("url", server.url("/busy.xml")), false);

        given().post("/api/sources/" + busy + "/fetch").then().statusCode(200);

        JsonPath health = source(busy);
        assertThat(health.getString("health.lastError")).contains("HTTP 503");
        assertThat(Duration.between(
                        Instant.parse(health.getString("health.lastFetchAt")),
                        Instant.parse(health.getString("health.nextFetchAt"))))
                .isGreaterThanOrEqualTo(Duration.ofHours(2));
    }

    @Test
    void anItemDated2150IsStoredAsFetchedNotAsTheNewestArticleForever() {
        // a made-up word of its own, so the search finds this run's article and the outlet has not seen it before
        String word = "keeper" + UUID.randomUUID().toString().replaceAll("[^a-f]", "");
        String title = "Lighthouse " + word + " Retires";
        String feed = FeedServer.rss("Coast Herald", List.of(title))
                .replace("Mon, 10 Mar 2025 08:00:00 GMT", "Sat, 01 Jan 2150 00:00:00 GMT");
        assertThat(feed).contains("2150");
        server.serve("/future.xml", "application/rss+xml", feed);
        int future = create("rss", "Coast Herald", Map.of("url", server.url("/future.xml")), false);
        Instant before = Instant.now().truncatedTo(ChronoUnit.MILLIS);

        given().post("/api/sources/" + future + "/fetch").then().statusCode(200);

        assertThat(source(future).getInt("health.lastNew")).isEqualTo(1);
        int id = given().get("/api/articles?q=" + word)
                .then()
                .statusCode(200)
                .extract()
                .path("items[0].id");
        JsonPath article = given().get("/api/articles/" + id)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(article.getString("title")).isEqualTo(title);
        assertThat(Instant.parse(article.getString("publishedAt")))
                .as("the fetch time, not 2150")
                .isEqualTo(Instant.parse(article.getString("fetchedAt")))
                .isBetween(before, Instant.now());
    }
}
