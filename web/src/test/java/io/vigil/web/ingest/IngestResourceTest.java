package io.vigil.web.ingest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.vigil.web.testing.Archive;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class IngestResourceTest {

    private static final String PAGE =
            """
            Drones Strike Fuel Depot Near Port City

            A fuel depot near the port was hit by drones (AFP)
            A fuel depot near the port was hit by drones (AFP)
            TT
            7

            Drones Strike Fuel Depot Near Port City

            A fuel depot near the port was hit by drones (AFP)
            A fuel depot near the port was hit by drones (AFP)

            Drones struck a fuel depot near the port city early on Monday, officials said, setting off fires.

            Firefighters worked through the morning to contain the blaze, which sent smoke over the harbour.
            """;

    @BeforeEach
    void archiveIsReady() {
        Archive.awaitReady();
    }

    @Test
    void aPushedPageDumpIsSplitIntoCleanArticles() {
        List<Map<String, Object>> articles = given().contentType("text/plain; charset=utf-8")
                .body(PAGE)
                .post("/api/ingest")
                .then()
                .statusCode(200)
                .body("articles", hasSize(1))
                .body("articles[0].title", equalTo("Drones Strike Fuel Depot Near Port City"))
                .body("articles[0].duplicate", equalTo(false))
                .extract()
                .jsonPath()
                .getList("articles");
        int id = (Integer) articles.get(0).get("id");

        String body = given().get("/api/articles/" + id)
                .then()
                .statusCode(200)
                .extract()
                .path("body");
        assertThat(body)
                .startsWith("Drones struck a fuel depot")
                .doesNotContain("(AFP)")
                .doesNotContain("TT");
    }

    @Test
    void pushingTheSamePageTwiceAddsNothing() {
        String page = PAGE.replace("Port City", "Harbour Town");
        given().contentType("text/plain").body(page).post("/api/ingest").then().statusCode(200);
        long before = Archive.articleCount();

        given().contentType("text/plain")
                .body(page)
                .post("/api/ingest")
                .then()
                .statusCode(200)
                .body("articles[0].duplicate", equalTo(true));

        assertThat(Archive.articleCount()).isEqualTo(before);
    }

    @Test
    void aJsonArticleIsStoredWithItsFields() {
        int id = given().contentType(ContentType.JSON)
                .body(Map.of(
                        "title", "Ministers Meet Over Water Sharing Deal",
                        "body", "Ministers from both countries met on Tuesday.\n\nThey agreed to meet again in May.",
                        "url", "https://example.org/water-deal",
                        "publishedAt", "2025-03-04T10:15:00Z",
                        "source", "Example Wire"))
                .post("/api/ingest")
                .then()
                .statusCode(200)
                .extract()
                .path("articles[0].id");

        given().get("/api/articles/" + id)
                .then()
                .statusCode(200)
                .body("title", equalTo("Ministers Meet Over Water Sharing Deal"))
                .body("source", equalTo("Example Wire"))
                .body("url", equalTo("https://example.org/water-deal"))
                .body("publishedAt", equalTo("2025-03-04T10:15:00Z"))
                .body(
                        "body",
                        equalTo("Ministers from both countries met on Tuesday.\n\nThey agreed to meet again in May."));
    }

    private static ValidatableResponse push(String contentType, byte[] body) {
        return given().contentType(contentType)
                .body(body)
                .post("/api/ingest")
                .then()
                .contentType("application/problem+json");
    }

    @Test
    void badPushesGetAProblemDocumentAndStoreNothing() {
        long before = Archive.articleCount();

        push("text/plain", new byte[0]).statusCode(400).body("detail", containsString("empty"));
        push("text/plain", "   \n\n  ".getBytes(StandardCharsets.UTF_8)).statusCode(400);
        push("text/plain", new byte[] {'c', 'a', 'f', (byte) 0xE9, ' ', 'o', 'k'})
                .statusCode(400)
                .body("detail", containsString("UTF-8"));
        push("text/plain", new byte[] {'a', 0, 'b'}).statusCode(400).body("detail", containsString("binary"));
        push("application/json", "{\"title\": \"x\", ".getBytes(StandardCharsets.UTF_8))
                .statusCode(400)
                .body("title", equalTo("Malformed JSON"));
        push("application/json", "{\"body\": \"text only\"}".getBytes(StandardCharsets.UTF_8))
                .statusCode(400)
                .body("field", equalTo("title"));
        push(
                        "application/json",
                        "{\"title\": \"T\", \"body\": \"b\", \"publishedAt\": \"yesterday\"}"
                                .getBytes(StandardCharsets.UTF_8))
                .statusCode(400)
                .body("field", equalTo("publishedAt"));
        push("application/json", "[1, 2]".getBytes(StandardCharsets.UTF_8)).statusCode(400);
        push("application/xml", "<a/>".getBytes(StandardCharsets.UTF_8)).statusCode(415);

        assertThat(Archive.articleCount()).isEqualTo(before);
    }

    @Test
    void overLongTextsAreRefusedNamingTheFieldAndStoreNothing() {
        long before = Archive.articleCount();

        pushArticle(Map.of("title", "T".repeat(100_000), "body", "b"))
                .statusCode(400)
                .body("field", equalTo("title"))
                .body("detail", containsString("the limit is 2000 characters"));
        pushArticle(Map.of("title", "T", "body", "b", "language", "e".repeat(100_000)))
                .statusCode(400)
                .body("field", equalTo("language"));
        pushArticle(Map.of("title", "T", "body", "b", "url", "https://example.org/" + "p".repeat(10_000)))
                .statusCode(400)
                .body("field", equalTo("url"));

        assertThat(Archive.articleCount()).isEqualTo(before);
    }

    @Test
    void aPublicationTimeMoreThanADayAheadIsRefusedAndAnHourAheadIsClockSkew() {
        long before = Archive.articleCount();
        for (String farAhead : List.of(
                "9999-12-31T23:59:59Z",
                "+10000-01-01T00:00:00Z",
                Instant.now().plus(Duration.ofDays(2)).toString())) {
            pushArticle(Map.of("title", "From the future", "body", "b", "publishedAt", farAhead))
                    .statusCode(400)
                    .body("field", equalTo("publishedAt"))
                    .body("detail", containsString("more than a day ahead"));
        }
        assertThat(Archive.articleCount()).isEqualTo(before);

        String skewed = Instant.now()
                .plus(Duration.ofHours(1))
                .truncatedTo(ChronoUnit.SECONDS)
                .toString();
        given().contentType(ContentType.JSON)
                .body(Map.of(
                        "title",
                        "Clock Skew Is Tolerated " + System.nanoTime(),
                        "body",
                        "A sender whose clock runs an hour fast is still believed.",
                        "publishedAt",
                        skewed))
                .post("/api/ingest")
                .then()
                .statusCode(200);
    }

    @Test
    void anOverLongTitleInABatchRefusesThatLineWithTheReason() {
        String good = "{\"title\": \"Bounded Batch Line " + System.nanoTime() + "\", \"body\": \"fine\"}";
        String tooLong = "{\"title\": \"" + "T".repeat(100_000) + "\", \"body\": \"b\"}";
        String ahead = "{\"title\": \"Ahead\", \"body\": \"b\", \"publishedAt\": \"9999-01-01T00:00:00Z\"}";

        List<Map<String, Object>> lines = given().contentType("application/x-ndjson")
                .body(String.join("\n", good, tooLong, ahead).getBytes(StandardCharsets.UTF_8))
                .post("/api/ingest")
                .then()
                .statusCode(200)
                .body("stored", equalTo(1))
                .body("refused", equalTo(2))
                .extract()
                .jsonPath()
                .getList("lines");
        assertThat(lines.get(1))
                .containsEntry("outcome", "refused")
                .containsEntry("field", "title")
                .containsEntry("detail", "title is 100000 characters long; the limit is 2000 characters");
        assertThat(lines.get(2)).containsEntry("outcome", "refused").containsEntry("field", "publishedAt");
    }

    private static ValidatableResponse pushArticle(Map<String, String> article) {
        return given().contentType(ContentType.JSON)
                .body(article)
                .post("/api/ingest")
                .then()
                .contentType("application/problem+json");
    }

    @Test
    void aPushOverTwentyMegabytesIsRefusedWith413() {
        long before = Archive.articleCount();
        byte[] huge = "word ".repeat(4_300_000).getBytes(StandardCharsets.UTF_8);

        push("text/plain", huge).statusCode(413).body("status", equalTo(413));

        assertThat(Archive.articleCount()).isEqualTo(before);
    }

    @Test
    void aPageDumpWithNoArticleIsUnprocessable() {
        push("text/plain", "TT\n20\n\n____\n".getBytes(StandardCharsets.UTF_8)).statusCode(422);
    }
}
