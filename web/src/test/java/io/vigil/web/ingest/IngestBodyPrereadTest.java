package io.vigil.web.ingest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vigil.web.testing.Archive;
import io.vigil.web.testing.SignedInAsAdmin;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A single push reaches the endpoint with the same bytes whichever way its body is read: ahead on the event loop
 * ({@link IngestBodyPreread}: an authorised caller, a stated length up to 1 MiB) or streamed as before (a longer or
 * chunked body). Real HTTP with {@link HttpClient}, so that the framing (Content-Length or chunked) is the test's.
 */
@QuarkusTest
class IngestBodyPrereadTest {

    @TestHTTPResource("/api/ingest")
    URI ingest;

    private final HttpClient http =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final ObjectMapper json = new ObjectMapper();

    @BeforeEach
    void archiveIsReady() {
        Archive.awaitReady();
    }

    private static String adminBasic() {
        return "Basic "
                + Base64.getEncoder()
                        .encodeToString((SignedInAsAdmin.USER + ":" + SignedInAsAdmin.PASSWORD)
                                .getBytes(StandardCharsets.UTF_8));
    }

    private byte[] article(String title, String body) throws Exception {
        return json.writeValueAsBytes(Map.of("title", title, "body", body, "source", "Preread Wire"));
    }

    private HttpResponse<String> push(HttpRequest.BodyPublisher body, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(ingest)
                .header("Content-Type", "application/json")
                .POST(body);
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The stored body of the one article a push answered with. */
    private String storedBody(HttpResponse<String> answer) throws Exception {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        JsonNode article = json.readTree(answer.body()).path("articles").path(0);
        assertThat(article.path("duplicate").asBoolean()).isFalse();
        return given().get("/api/articles/" + article.path("id").asLong())
                .then()
                .statusCode(200)
                .extract()
                .path("body");
    }

    @Test
    void aShortPushIsStoredWithEveryByteOfItsBody() throws Exception {
        // Multi-byte characters: a body read ahead is handed on as bytes, never re-decoded on the way.
        String text = "Prices in Zürich rose by £3 — the café's owner said — " + UUID.randomUUID() + ".";

        String stored =
                storedBody(push(HttpRequest.BodyPublishers.ofByteArray(article("Preread short", text)), adminBasic()));

        assertThat(stored).isEqualTo(text);
    }

    @Test
    void aPushLongerThanTheReadAheadBoundIsStreamedAsBefore() throws Exception {
        String paragraph = "The committee met again on Tuesday to discuss the harbour budget. ";
        String end = UUID.randomUUID().toString();
        String text = paragraph.repeat(IngestBodyPreread.MAX_BYTES / paragraph.length() + 100) + end;
        byte[] body = article("Preread long", text);
        assertThat(body.length).isGreaterThan(IngestBodyPreread.MAX_BYTES);

        String stored = storedBody(push(HttpRequest.BodyPublishers.ofByteArray(body), adminBasic()));

        assertThat(stored).startsWith(paragraph.strip()).endsWith(end);
        assertThat(stored.length()).isGreaterThan(IngestBodyPreread.MAX_BYTES);
    }

    @Test
    void pushesOverHttp2AreStoredToo() throws Exception {
        // The JDK's default client upgrades a plain-HTTP connection to HTTP/2 (h2c), as the scale benchmark's does; a
        // body read ahead on an HTTP/2 stream failed every such push with a 500 once the REST layer took it over.
        HttpClient http2 = HttpClient.newHttpClient();
        HttpResponse<String> last = null;
        for (int i = 0; i < 3; i++) {
            String text = "An HTTP/2 push of the harbour report, " + UUID.randomUUID() + ".";
            last = http2.send(
                    HttpRequest.newBuilder(ingest)
                            .header("Content-Type", "application/json")
                            .header("Authorization", adminBasic())
                            .POST(HttpRequest.BodyPublishers.ofByteArray(article("Preread h2 " + i, text)))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(storedBody(last)).isEqualTo(text);
        }
        assertThat(last.version()).isEqualTo(HttpClient.Version.HTTP_2);
    }

    @Test
    void aChunkedPushIsStreamedAsBefore() throws Exception {
        String text = "A chunked push of the harbour report, " + UUID.randomUUID() + ".";
        byte[] body = article("Preread chunked", text);

        // an InputStream of unknown length goes out chunked
        String stored = storedBody(
                push(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)), adminBasic()));

        assertThat(stored).isEqualTo(text);
    }

    @Test
    void aPushWithoutCredentialsIsStillRefusedAndStoresNothing() throws Exception {
        long before = Archive.articleCount();

        HttpResponse<String> answer = push(
                HttpRequest.BodyPublishers.ofByteArray(article("Preread anonymous", "Nobody signed in sent this.")),
                null);

        assertThat(answer.statusCode()).isEqualTo(401);
        assertThat(Archive.articleCount()).isEqualTo(before);
    }
}
