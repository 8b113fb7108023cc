package io.vigil.web.ingest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.vigil.web.testing.Archive;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code POST /api/ingest} with {@code application/x-ndjson}: many articles, one outcome per line. */
@QuarkusTest
class BatchIngestTest {

    private static final String NDJSON = "application/x-ndjson";

    @BeforeEach
    void archiveIsReady() {
        Archive.awaitReady();
    }

    private static String line(String title, String source) {
        return """
                {"title": "%s", "body": "%s, officials said on Wednesday, after a week of talks in the capital.", \
                "source": "%s", "publishedAt": "2026-11-30T09:00:00Z"}"""
                .formatted(title, title, source);
    }

    /** RestAssured sends bytes of any media type as they are. */
    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static long articlesFrom(String source) {
        return given()
                .get("/api/articles?limit=200")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("items.source")
                .stream()
                .filter(source::equals)
                .count();
    }

    @Test
    void goodLinesAreStoredAndEachBadLineIsNamedWithItsReason() {
        String outlet = "Batch Wire " + UUID.randomUUID();
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String body = String.join(
                        "\n",
                        line("Harbour toll cut " + tag, outlet),
                        "{\"body\": \"a body without its headline\"}",
                        line("Harbour toll cut " + tag, outlet),
                        "",
                        "{not json",
                        "{\"title\": \"Bad link\", \"body\": \"text\", \"url\": \"ftp://example.org/x\"}",
                        line("Rail strike called off " + tag, outlet))
                + "\n";

        JsonPath answer = given().contentType(NDJSON)
                .body(bytes(body))
                .post("/api/ingest")
                .then()
                .statusCode(200)
                .body("stored", equalTo(2))
                .body("duplicates", equalTo(1))
                .body("refused", equalTo(3))
                .body("failed", equalTo(0))
                .extract()
                .jsonPath();

        List<Map<String, Object>> lines = answer.getList("lines");
        assertThat(lines).extracting(l -> l.get("line")).containsExactly(1, 2, 3, 5, 6, 7);
        assertThat(lines)
                .extracting(l -> l.get("outcome"))
                .containsExactly("stored", "refused", "duplicate", "refused", "refused", "stored");
        assertThat(lines.get(1)).containsEntry("field", "title");
        assertThat(lines.get(2).get("id"))
                .as("the duplicate names the stored copy")
                .isEqualTo(lines.get(0).get("id"));
        assertThat(lines.get(4)).containsEntry("field", "url");
        assertThat((String) lines.get(3).get("detail")).isNotBlank();
        assertThat(articlesFrom(outlet)).isEqualTo(2);
    }

    @Test
    void aBatchOverTheCapIsRefusedWholeAndStoresNothing() {
        String outlet = "Huge Wire " + UUID.randomUUID();
        StringBuilder body = new StringBuilder();
        String filler = "word ".repeat(200);
        for (int i = 0; body.length() <= 21 * 1024 * 1024; i++) {
            body.append("{\"title\": \"Item ")
                    .append(i)
                    .append("\", \"body\": \"")
                    .append(filler)
                    .append(i)
                    .append("\", \"source\": \"")
                    .append(outlet)
                    .append("\"}\n");
        }

        given().contentType(NDJSON)
                .body(bytes(body.toString()))
                .post("/api/ingest")
                .then()
                .statusCode(413)
                .contentType("application/problem+json")
                .body("status", equalTo(413));

        assertThat(articlesFrom(outlet)).isZero();
    }

    @Test
    void aPushTokenStoresEveryLineUnderItsOwnSource() {
        String name = "Batch Bridge " + UUID.randomUUID();
        int sourceId = given().contentType(ContentType.JSON)
                .body(Map.of("type", "push", "name", name, "config", Map.of()))
                .post("/api/sources")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        String token = given().post("/api/sources/" + sourceId + "/token")
                .then()
                .statusCode(201)
                .extract()
                .path("token");
        String tag = UUID.randomUUID().toString().substring(0, 8);

        given().auth()
                .none()
                .header("Authorization", "Bearer " + token)
                .contentType(NDJSON)
                .body(bytes(line("Ferry fares rise " + tag, "Somebody Else") + "\n"
                        + line("Bridge closed for repairs " + tag, "Another Outlet") + "\n"))
                .post("/api/ingest")
                .then()
                .statusCode(200)
                .body("stored", equalTo(2));
        given().auth()
                .none()
                .header("Authorization", "Bearer vps_not-a-token")
                .contentType(NDJSON)
                .body(bytes(line("Never stored " + tag, name) + "\n"))
                .post("/api/ingest")
                .then()
                .statusCode(401);

        assertThat(articlesFrom(name)).isEqualTo(2);
        assertThat(articlesFrom("Somebody Else") + articlesFrom("Another Outlet"))
                .isZero();
    }
}
