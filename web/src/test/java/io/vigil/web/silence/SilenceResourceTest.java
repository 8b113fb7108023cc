package io.vigil.web.silence;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vigil.web.testing.Archive;
import io.vigil.web.testing.BrowserSession;
import io.vigil.web.testing.SignedInAsAdmin;
import java.time.Duration;
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

    @Test
    void aSilenceEndsAtMostNinetyDaysAheadOnEveryPath() {
        String query = "bound-" + System.nanoTime();
        Instant tooLate = Instant.now().plus(Duration.ofDays(91));
        given().contentType(ContentType.JSON)
                .body(Map.of("query", query, "until", "9999-12-31T00:00:00Z"))
                .post("/api/silences")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("field", equalTo("until"))
                .body("detail", containsString("at most 90 days ahead (vigil.limits.silence-max)"));
        refused(Map.of("query", query, "until", tooLate.toString()), "until");
        given().contentType(ContentType.JSON)
                .body(Map.of(
                        "query",
                        query,
                        "until",
                        Instant.now().plus(Duration.ofDays(89)).toString()))
                .post("/api/silences")
                .then()
                .statusCode(201);

        int ruleId = given().contentType(ContentType.JSON)
                .body(Map.of("name", "silence bound " + query, "query", query))
                .post("/api/rules")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        BrowserSession browser = BrowserSession.signIn(SignedInAsAdmin.USER, SignedInAsAdmin.PASSWORD);
        browser.post("/rules/" + ruleId + "/silences", "hours", String.valueOf(24 * 91), "comment", "for ever")
                .then()
                .statusCode(400)
                .body(containsString("at most 90 days ahead"));
        browser.post("/rules/" + ruleId + "/silences", "hours", "2147483647", "comment", "for ever")
                .then()
                .statusCode(400);

        String document = new JsonObject()
                .put("kind", "vigil-configuration")
                .put("version", 1)
                .put(
                        "silences",
                        new JsonArray()
                                .add(new JsonObject()
                                        .put("query", query + " imported")
                                        .put("until", tooLate.toString())))
                .encode();
        given().contentType(ContentType.JSON)
                .body(document)
                .post("/api/import")
                .then()
                .statusCode(422)
                .body("field", equalTo("until"));

        given().get("/api/silences?limit=500")
                .then()
                .statusCode(200)
                .body("items.findAll { it.query?.startsWith('" + query + "') }.size()", equalTo(1))
                .body("items.findAll { it.ruleId == " + ruleId + " }.size()", equalTo(0));
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
