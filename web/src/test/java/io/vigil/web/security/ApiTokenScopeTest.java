package io.vigil.web.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.vigil.web.testing.Archive;
import io.vigil.web.testing.Users;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** API tokens may end by themselves and may be read-only; a bad request for one says which field is wrong. */
@QuarkusTest
class ApiTokenScopeTest {

    @Inject
    DataSource database;

    @BeforeEach
    void archiveIsReady() {
        Archive.awaitReady();
    }

    private static io.restassured.response.Response issue(String username, Map<String, Object> request) {
        return Users.as(username).contentType(ContentType.JSON).body(request).post("/api/tokens");
    }

    private static RequestSpecification bearer(String token) {
        return given().noFilters().header("Authorization", "Bearer " + token);
    }

    @Test
    void aReadOnlyTokenReadsAndPreviewsButIsRefusedEveryWrite() {
        String analyst = Users.create("reader-bot", Role.ANALYST);
        String token = issue(analyst, Map.of("name", "dashboard", "readOnly", true))
                .then()
                .statusCode(201)
                .body("readOnly", equalTo(true))
                .extract()
                .path("token");

        bearer(token).get("/api/articles").then().statusCode(200);
        bearer(token)
                .contentType(ContentType.JSON)
                .body(Map.of("query", "border"))
                .post("/api/rules/preview")
                .then()
                .statusCode(200);
        bearer(token)
                .contentType(ContentType.JSON)
                .body(Map.of("name", "not allowed", "query", "border"))
                .post("/api/rules")
                .then()
                .statusCode(403)
                .body("detail", equalTo("this API token is read-only: it may not change anything"));
        bearer(token)
                .contentType(ContentType.JSON)
                .body(Map.of("title", "Read-only push", "body", "A read-only token pushes nothing."))
                .post("/api/ingest")
                .then()
                .statusCode(403);
        bearer(token)
                .contentType(ContentType.JSON)
                .body(Map.of("name", "a way out"))
                .post("/api/tokens")
                .then()
                .statusCode(403); // a read-only token cannot mint a full one
        long id = Users.as(analyst)
                .get("/api/tokens")
                .then()
                .extract()
                .<Number>path("items[0].id")
                .longValue();
        bearer(token).delete("/api/tokens/" + id).then().statusCode(403);
        bearer(token).get("/api/articles").then().statusCode(200);
    }

    @Test
    void aTokenCannotMakeCredentialsThatWouldOutliveIt() {
        String analyst = Users.create("script-owner", Role.ANALYST);
        String token = issue(analyst, Map.of("name", "nightly script"))
                .then()
                .statusCode(201)
                .extract()
                .path("token");

        bearer(token)
                .contentType(ContentType.JSON)
                .body(Map.of("name", "a way to stay"))
                .post("/api/tokens")
                .then()
                .statusCode(403)
                .contentType("application/problem+json")
                .body("detail", org.hamcrest.Matchers.startsWith("an API token cannot make API tokens"));
        bearer(token)
                .contentType(ContentType.JSON)
                .body(Map.of("name", "a feed to keep reading"))
                .post("/api/feeds")
                .then()
                .statusCode(403)
                .body("detail", org.hamcrest.Matchers.startsWith("an API token cannot make feed URLs"));
        Users.as(analyst).get("/api/tokens").then().statusCode(200).body("total", equalTo(1));
        Users.as(analyst).get("/api/feeds").then().statusCode(200).body("total", equalTo(0));

        // The token still does its work, and its owner, signed in with the password, still makes both.
        bearer(token).get("/api/tokens").then().statusCode(200).body("total", equalTo(1));
        bearer(token)
                .contentType(ContentType.JSON)
                .body(Map.of("name", "allowed", "query", "border"))
                .post("/api/rules")
                .then()
                .statusCode(201);
        issue(analyst, Map.of("name", "second script")).then().statusCode(201);
        Users.as(analyst)
                .contentType(ContentType.JSON)
                .body(Map.of("name", "reader"))
                .post("/api/feeds")
                .then()
                .statusCode(201);
    }

    @Test
    void aTokenStopsWorkingWhenItExpires() throws Exception {
        String viewer = Users.create("expiring", Role.VIEWER);
        Instant inAWeek = Instant.now().plus(7, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        var issued = issue(viewer, Map.of("name", "week", "expiresAt", inAWeek.toString()))
                .then()
                .statusCode(201)
                .body("expiresAt", equalTo(inAWeek.toString()))
                .extract();
        String token = issued.path("token");
        bearer(token).get("/api/articles").then().statusCode(200);

        try (var connection = database.getConnection();
                var statement = connection.prepareStatement(
                        "update api_token set expires_at = now() - interval '1 second' where id = ?")) {
            statement.setLong(1, issued.<Number>path("id").longValue());
            assertThat(statement.executeUpdate()).isEqualTo(1);
        }
        bearer(token)
                .get("/api/articles")
                .then()
                .statusCode(401)
                .body("detail", equalTo("the API token is unknown, expired or revoked"));
        String never = issue(viewer, Map.of("name", "forever"))
                .then()
                .statusCode(201)
                .body("expiresAt", nullValue())
                .body("readOnly", equalTo(false))
                .extract()
                .path("token");
        bearer(never).get("/api/articles").then().statusCode(200);
    }

    @Test
    void aBadTokenRequestNamesItsFieldAndLeavesNoToken() {
        String viewer = Users.create("careless", Role.VIEWER);
        Map<String, Object> past = new HashMap<>(Map.of("name", "late", "expiresAt", "2020-01-01T00:00:00Z"));
        issue(viewer, past).then().statusCode(400).body("field", equalTo("expiresAt"));
        issue(viewer, Map.of("name", "garbled", "expiresAt", "next tuesday"))
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("field", equalTo("expiresAt"));
        issue(viewer, Map.of("name", "far", "expiresAt", "2099-01-01T00:00:00Z"))
                .then()
                .statusCode(400)
                .body("field", equalTo("expiresAt"));
        issue(viewer, Map.of("name", " ")).then().statusCode(400).body("field", equalTo("name"));
        Users.as(viewer).get("/api/tokens").then().statusCode(200).body("total", equalTo(0));
    }
}
