package io.vigil.web.rule;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vigil.web.testing.Archive;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code /api/rules}: rules are validated before anything is saved, and read back as saved. */
@QuarkusTest
class RuleResourceTest {

    @BeforeEach
    void archiveIsReady() {
        Archive.awaitReady();
    }

    private static long ruleCount() {
        return given().get("/api/rules?limit=1")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getLong("total");
    }

    @Test
    void aRuleIsSavedWithDefaultsAndReadBack() {
        long channel = given().contentType(ContentType.JSON)
                .body(Map.of(
                        "type",
                        "webhook",
                        "name",
                        "rules-test-" + Pushes.unique(),
                        "config",
                        Map.of("url", "http://127.0.0.1:9/hook")))
                .post("/api/channels")
                .then()
                .statusCode(201)
                .extract()
                .jsonPath()
                .getLong("id");

        io.restassured.response.Response created = given().contentType(ContentType.JSON)
                .body(Map.of("query", "border fortification", "channels", List.of(channel), "delivery", "daily"))
                .post("/api/rules");
        created.then().statusCode(201);
        long id = created.jsonPath().getLong("id");
        assertThat(created.header("Location")).endsWith("/api/rules/" + id);

        given().get("/api/rules/" + id)
                .then()
                .statusCode(200)
                .body("name", equalTo("border fortification"))
                .body("query", equalTo("border fortification"))
                .body("type", equalTo("query"))
                .body("enabled", equalTo(true))
                .body("channels", equalTo(List.of((int) channel)))
                .body("delivery", equalTo("daily"))
                .body("notifyUpdates", equalTo(false))
                .body("createdAt", notNullValue())
                .body("updatedAt", notNullValue())
                .body("matchCount", equalTo(0))
                .body("alertCount", equalTo(0));
        assertThat(given().get("/api/rules?limit=500")
                        .then()
                        .extract()
                        .jsonPath()
                        .getList("items.id", Long.class))
                .contains(id);

        given().contentType(ContentType.JSON)
                .body(Map.of("name", "Border works", "channels", List.of(), "notifyUpdates", true))
                .put("/api/rules/" + id)
                .then()
                .statusCode(200)
                .body("name", equalTo("Border works"))
                .body("query", equalTo("border fortification"))
                .body("channels", equalTo(List.of()))
                .body("notifyUpdates", equalTo(true));
    }

    @Test
    void everyBadInputOfTheIssueIsRefusedWithItsPositionAndNothingIsSaved() {
        long before = ruleCount();
        Map<String, Integer> positions = new java.util.LinkedHashMap<>();
        positions.put("", 0);
        positions.put("   ", 0);
        positions.put("(border fortification", 0);
        positions.put("border) fortification", 6);
        positions.put("author:Smith", 0);
        positions.put("a*", 0);
        positions.put("border NEAR/0 wall", 12);
        positions.put("border NEAR/1000 wall", 12);
        positions.put("border AND", 10);
        positions.put("x ".repeat(1001), 2000);
        for (Map.Entry<String, Integer> bad : positions.entrySet()) {
            for (String path : List.of("/api/rules", "/api/rules/preview")) {
                given().contentType(ContentType.JSON)
                        .body(Map.of("query", bad.getKey()))
                        .post(path)
                        .then()
                        .statusCode(400)
                        .contentType(startsWith("application/problem+json"))
                        .body("field", equalTo("query"))
                        .body("position", equalTo(bad.getValue()))
                        .body("detail", org.hamcrest.Matchers.containsString("expected"));
            }
        }
        given().contentType(ContentType.JSON)
                .body(Map.of("query", "(unclosed", "type", "regex"))
                .post("/api/rules")
                .then()
                .statusCode(400)
                .body("field", equalTo("query"))
                .body("position", notNullValue());
        given().contentType(ContentType.JSON)
                .body(Map.of("query", "border", "type", "telepathy"))
                .post("/api/rules")
                .then()
                .statusCode(400)
                .body("field", equalTo("type"))
                .body("detail", org.hamcrest.Matchers.containsString("query"));
        given().contentType(ContentType.JSON)
                // weekly digests exist since issue 11.3; a delivery that does not exist is still refused
                .body(Map.of("query", "border", "delivery", "fortnightly"))
                .post("/api/rules")
                .then()
                .statusCode(400)
                .body("field", equalTo("delivery"));
        given().contentType(ContentType.JSON)
                .body(Map.of("query", "border", "channels", List.of(987_654_321L)))
                .post("/api/rules")
                .then()
                .statusCode(400)
                .body("field", equalTo("channels"));
        given().contentType(ContentType.JSON)
                .body(Map.of("query", "border", "name", "n".repeat(201)))
                .post("/api/rules")
                .then()
                .statusCode(400)
                .body("field", equalTo("name"));

        assertThat(ruleCount()).as("nothing was saved").isEqualTo(before);
    }

    @Test
    void aBadEditChangesNothing() {
        long id = Pushes.createRule("harbour strike");
        Map<String, Object> edit = new HashMap<>();
        edit.put("query", "harbour NEAR/0 strike");
        edit.put("name", "renamed");

        given().contentType(ContentType.JSON)
                .body(edit)
                .put("/api/rules/" + id)
                .then()
                .statusCode(400)
                .body("position", equalTo(13));

        given().get("/api/rules/" + id)
                .then()
                .body("query", equalTo("harbour strike"))
                .body("name", equalTo("harbour strike"));
        given().contentType(ContentType.JSON)
                .body(edit)
                .put("/api/rules/999999999")
                .then()
                .statusCode(404);
        given().contentType(ContentType.JSON)
                .body(Map.of("enabled", false))
                .put("/api/rules/999999999")
                .then()
                .statusCode(404);
        given().delete("/api/rules/999999999").then().statusCode(404);
    }
}
