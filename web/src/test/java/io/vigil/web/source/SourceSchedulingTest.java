package io.vigil.web.source;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vigil.web.testing.Archive;
import io.vigil.web.testing.FeedServer;
import io.vigil.web.testing.FeedServer.Answer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The scheduler is polite: at most two fetches talk to one host at once, while other hosts are served meanwhile. */
@QuarkusTest
class SourceSchedulingTest {

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

    static int create(String name, String url) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("type", "rss", "name", name, "config", Map.of("url", url)))
                .post("/api/sources")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    static String status(int id) {
        return given().get("/api/sources/" + id).then().extract().path("health.status");
    }

    @Test
    void fetchesAtMostTwoFeedsOfOneHostAtOnceAndServesOtherHostsMeanwhile() {
        for (int i = 1; i <= 4; i++) {
            server.serve(
                    "/slow/" + i + ".xml",
                    Answer.ok("application/rss+xml", FeedServer.rss("Slow " + i, List.of("Slow story number " + i)))
                            .heldUntilReleased());
        }
        server.serve("/quick.xml", "application/rss+xml", FeedServer.rss("Quick", List.of("Quick story arrives")));
        List<Integer> slow = List.of(
                create("Slow One", server.url("/slow/1.xml")),
                create("Slow Two", server.url("/slow/2.xml")),
                create("Slow Three", server.url("/slow/3.xml")),
                create("Slow Four", server.url("/slow/4.xml")));
        int quick = create("Quick Feed", server.localhostUrl("/quick.xml"));

        await().atMost(Duration.ofSeconds(30)).until(() -> server.inFlight("127.0.0.1") == 2);
        await().atMost(Duration.ofSeconds(30)).until(() -> status(quick).equals("ok"));
        await().during(Duration.ofSeconds(3))
                .atMost(Duration.ofSeconds(10))
                .until(() -> server.inFlight("127.0.0.1") <= 2);

        server.release();
        await().atMost(Duration.ofSeconds(60))
                .until(() -> slow.stream().allMatch(id -> status(id).equals("ok")));
        assertThat(server.mostInFlight("127.0.0.1")).isEqualTo(2);
        for (int i = 1; i <= 4; i++) {
            assertThat(server.requests("/slow/" + i + ".xml")).isEqualTo(1);
        }
    }
}
