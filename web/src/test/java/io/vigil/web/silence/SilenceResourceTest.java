package io.vigil.web.silence;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vigil.web.testing.Archive;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class SilenceResourceTest {

    @BeforeEach
    void archiveIsReady() {
        Archive.awaitReady();
    }

    @Test
    void aQuerySilenceIsListedAsActiveUntilItIsLifted() {
        int id = given().contentType(ContentType.JSON)
                .body(Map.of(
                        "query", "celebrity AND wedding",
                        "until", Instant.now().plusSeconds(600).toString(),
                        "comment", "not our beat"))
                .post("/api/silences")
                .then()
                .statusCode(201)
                .body("active", equalTo(true))
                .body("comment", equalTo("not our beat"))
                .extract()
                .path("id");

        given().get("/api/silences?active=true&limit=500")
                .then()
                .statusCode(200)
                .body("items.find { it.id == " + id + " }.query", equalTo("celebrity AND wedding"));
        given().delete("/api/silences/" + id).then().statusCode(204);
        given().delete("/api/silences/" + id).then().statusCode(404);
    }

    @Test
    void aSilenceMustMuteSomethingUntilALaterTime() {
        refused(Map.of("until", Instant.now().plusSeconds(600).toString()), "ruleId");
        refused(Map.of("query", "storm"), "until");
        refused(Map.of("query", "storm", "until", Instant.now().minusSeconds(60).toString()), "until");
        refused(
                Map.of(
                        "ruleId",
                        987654321,
                        "until",
                        Instant.now().plusSeconds(600).toString()),
                "ruleId");
    }

    @Test
    void aCommentOverTwoThousandCharactersIsRefusedAndNothingIsStored() {
        String query = "comment-bound-" + System.nanoTime();
        given().contentType(ContentType.JSON)
                .body(Map.of(
                        "query", query,
                        "until", Instant.now().plusSeconds(600).toString(),
                        "comment", "x".repeat(100_000)))
                .post("/api/silences")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("field", equalTo("comment"))
                .body("detail", containsString("the limit is 2000 characters"));
        given().get("/api/silences?limit=500")
                .then()
                .statusCode(200)
                .body("items.findAll { it.query == '" + query + "' }.size()", equalTo(0));

        given().contentType(ContentType.JSON)
                .body(Map.of(
                        "query", query,
                        "until", Instant.now().plusSeconds(600).toString(),
                        "comment", "y".repeat(2_000)))
                .post("/api/silences")
                .then()
                .statusCode(201)
                .body("comment.length()", equalTo(2_000));
    }

    @Test
    void aQueryThatDoesNotCompileIsRefusedWithItsPosition() {
        given().contentType(ContentType.JSON)
                .body(Map.of(
                        "query",
                        "(storm AND",
                        "until",
                        Instant.now().plusSeconds(600).toString()))
                .post("/api/silences")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("field", equalTo("query"))
                .body("position", notNullValue());
    }

    private static void refused(Map<String, Object> silence, String field) {
        given().contentType(ContentType.JSON)
                .body(silence)
                .post("/api/silences")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("field", equalTo(field));
    }
}
