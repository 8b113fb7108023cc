package io.vigil.web.ingest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.vigil.web.testing.Archive;
import io.vigil.web.testing.AtOnce;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@TestProfile(PushRateTest.ThreeAMinute.class)
class PushRateTest {

    public static class ThreeAMinute implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("vigil.limits.pushes-per-token", "3");
        }
    }

    @BeforeEach
    void archiveIsReady() {
        Archive.awaitReady();
    }

    @Test
    void aPushTokenPushesAtMostItsDocumentsAMinuteOnEveryInstanceAndIsToldWhenToComeBack() {
        String token = pushToken("Rate Drop A");
        String other = pushToken("Rate Drop B");
        for (int i = 0; i < 3; i++) {
            push(token, "Harbour crane " + i + " restored " + System.nanoTime())
                    .then()
                    .statusCode(200);
        }
        Response refused = push(token, "Harbour crane refused " + System.nanoTime());
        refused.then()
                .statusCode(429)
                .contentType("application/problem+json")
                .body("detail", containsString("vigil.limits.pushes-per-token"));
        assertThat(Integer.parseInt(refused.header("Retry-After"))).isBetween(1, 60);
        // a batch counts its lines, and is refused whole while the minute is full
        given().noFilters()
                .header("X-Vigil-Source-Token", token)
                .contentType("application/x-ndjson")
                .body((article("Batch line one " + System.nanoTime()) + "\n\n" + article("Batch line two"))
                        .getBytes(StandardCharsets.UTF_8))
                .post("/api/ingest")
                .then()
                .statusCode(429);
        // another source's token has a minute of its own, and the first push of a minute goes whatever its size
        String batch = String.join(
                "\n",
                article("Ferry one " + System.nanoTime()),
                article("Ferry two " + System.nanoTime()),
                article("Ferry three " + System.nanoTime()),
                article("Ferry four " + System.nanoTime()));
        given().noFilters()
                .header("X-Vigil-Source-Token", other)
                .contentType("application/x-ndjson")
                .body(batch.getBytes(StandardCharsets.UTF_8))
                .post("/api/ingest")
                .then()
                .statusCode(200);
        push(other, "Ferry five " + System.nanoTime()).then().statusCode(429);
        // an analyst's push is not a token's
        given().contentType(ContentType.JSON)
                .body(Map.of("title", "Analyst pushes " + System.nanoTime(), "body", "An analyst pushed it."))
                .post("/api/ingest")
                .then()
                .statusCode(200);
    }

    @Test
    void pushesAtTheSameMomentAreCountedOnceEach() {
        String token = pushToken("Rate Drop C");
        List<Integer> statuses = AtOnce.run(8, i -> push(token, "Quay " + i + " reopened " + System.nanoTime())
                .statusCode());
        assertThat(statuses).filteredOn(status -> status == 200).hasSize(3);
        assertThat(statuses).filteredOn(status -> status == 429).hasSize(5);
    }

    private static Response push(String token, String title) {
        return given().noFilters()
                .header("X-Vigil-Source-Token", token)
                .contentType(ContentType.JSON)
                .body(article(title))
                .post("/api/ingest");
    }

    private static String article(String title) {
        return "{\"title\":\"" + title + "\",\"body\":\"The crane at the harbour was restored on Monday: " + title
                + ".\"}";
    }

    private static String pushToken(String name) {
        int source = given().contentType(ContentType.JSON)
                .body(Map.of("type", "push", "name", name + " " + System.nanoTime(), "config", Map.of()))
                .post("/api/sources")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        return given().post("/api/sources/" + source + "/token")
                .then()
                .statusCode(201)
                .extract()
                .path("token");
    }
}
