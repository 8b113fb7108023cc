package io.vigil.web.source;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vigil.web.testing.Archive;
import io.vigil.web.testing.Users;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class PushTokenResourceTest {

    @BeforeEach
    void archiveIsReady() {
        Archive.awaitReady();
    }

    static int pushSource(String name) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("type", "push", "name", name, "config", Map.of()))
                .post("/api/sources")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    static String issueToken(int sourceId) {
        return given().post("/api/sources/" + sourceId + "/token")
                .then()
                .statusCode(201)
                .header("Cache-Control", "no-store")
                .body("token", startsWith("vps_"))
                .body("sourceId", equalTo(sourceId))
                .body("createdAt", notNullValue())
                .extract()
                .path("token");
    }

    static String article(String title, String claimedSource) {
        return """
                {"title": "%s", "body": "%s was reported by the mail bridge on Tuesday morning.", "source": "%s"}
                """
                .formatted(title, title, claimedSource);
    }

    @Test
    void aPushWithTheTokenIsStoredUnderItsSourceWhateverItClaims() {
        int id = pushSource("Mail Bridge");
        String token = issueToken(id);

        given().header("Authorization", "Bearer " + token)
                .contentType(ContentType.JSON)
                .body(article("Customs Office Opens at the Border", "Somebody Else"))
                .post("/api/ingest")
                .then()
                .statusCode(200);
        given().header("X-Vigil-Source-Token", token)
                .contentType(ContentType.TEXT)
                .body(
                        """
                        Lighthouse Keeper Retires

                        The last lighthouse keeper on the coast retired on Friday after forty years.
                        """)
                .post("/api/ingest?source=Another+Name")
                .then()
                .statusCode(200);

        assertThat(given().get("/api/articles?q=customs")
                        .then()
                        .extract()
                        .jsonPath()
                        .getList("items.source"))
                .containsExactly("Mail Bridge");
        assertThat(given().get("/api/articles?q=lighthouse")
                        .then()
                        .extract()
                        .jsonPath()
                        .getList("items.source"))
                .containsExactly("Mail Bridge");
        given().get("/api/sources/" + id).then().body("pushTokenCreatedAt", notNullValue());
    }

    @Test
    void aReplacedOrRevokedTokenIsRefused() {
        int id = pushSource("Scraper Drop");
        String first = issueToken(id);
        String second = issueToken(id);

        given().header("Authorization", "Bearer " + first)
                .contentType(ContentType.JSON)
                .body(article("Old Token Story", "x"))
                .post("/api/ingest")
                .then()
                .statusCode(401)
                .contentType("application/problem+json")
                .body("detail", equalTo("the push token is unknown or was revoked"));
        given().header("Authorization", "Bearer " + second)
                .contentType(ContentType.JSON)
                .body(article("New Token Story", "x"))
                .post("/api/ingest")
                .then()
                .statusCode(200);

        given().delete("/api/sources/" + id + "/token").then().statusCode(204);
        given().delete("/api/sources/" + id + "/token").then().statusCode(204);

        given().header("X-Vigil-Source-Token", second)
                .contentType(ContentType.JSON)
                .body(article("Revoked Token Story", "x"))
                .post("/api/ingest")
                .then()
                .statusCode(401);
        given().get("/api/sources/" + id).then().body("pushTokenCreatedAt", nullValue());
        assertThat(given().get("/api/articles?q=token")
                        .then()
                        .extract()
                        .jsonPath()
                        .getList("items.title"))
                .containsExactly("New Token Story");
    }

    @Test
    void aPushWithoutATokenWorksAsBeforeAndOtherBearerTokensAreNotPushTokens() {
        given().header("Authorization", "Bearer vat_some_api_token")
                .contentType(ContentType.JSON)
                .body(article("Market Square Repaved", "Town Crier"))
                .post("/api/ingest")
                .then()
                .statusCode(200);

        assertThat(given().get("/api/articles?q=repaved")
                        .then()
                        .extract()
                        .jsonPath()
                        .getList("items.source"))
                .containsExactly("Town Crier");
    }

    @Test
    void tokensOfSourcesThatDoNotExistCannotBeMade() {
        given().post("/api/sources/999999/token").then().statusCode(404);
        given().delete("/api/sources/999999/token").then().statusCode(404);
    }

    private static long stored(String word) {
        return given().get("/api/articles?q=" + word)
                .then()
                .extract()
                .<Number>path("total")
                .longValue();
    }

    @Test
    void aPushTokenThatDoesNotResolveIsRefusedWhateverElseTheRequestCarries() {
        String[][] refused = {
            {"X-Vigil-Source-Token", ""},
            {"X-Vigil-Source-Token", "vps_"},
            {"X-Vigil-Source-Token", "VPS_x"},
            {"X-Vigil-Source-Token", "not-a-token"},
            {"Authorization", "Bearer vps_"},
            {"Authorization", "Bearer VPS_x"},
            {"Authorization", "bearer Vps_" + "A".repeat(43)},
        };
        for (String[] header : refused) {
            // the default filter adds the admin's own Basic credentials too: they must not rescue the request
            given().header(header[0], header[1])
                    .contentType(ContentType.JSON)
                    .body(article("Forged Reuters Story", "Reuters"))
                    .post("/api/ingest")
                    .then()
                    .statusCode(401)
                    .contentType("application/problem+json")
                    .body("detail", equalTo("the push token is unknown or was revoked"));
        }
        given().noFilters()
                .header("X-Vigil-Source-Token", "")
                .contentType(ContentType.JSON)
                .body(article("Forged Reuters Story", "Reuters"))
                .post("/api/ingest")
                .then()
                .statusCode(401);
        assertThat(stored("forged")).as("nothing refused is stored").isZero();
    }

    @Test
    void withoutAPushTokenPushingNeedsAnAnalyst() {
        String viewer = Users.create("push-viewer", io.vigil.web.security.Role.VIEWER);
        given().noFilters()
                .contentType(ContentType.JSON)
                .body(article("Anonymous Wire Story", "Reuters"))
                .post("/api/ingest")
                .then()
                .statusCode(401);
        Users.as(viewer)
                .contentType(ContentType.JSON)
                .body(article("Viewer Wire Story", "Reuters"))
                .post("/api/ingest")
                .then()
                .statusCode(403)
                .contentType("application/problem+json")
                .body("detail", equalTo("this needs the analyst role; you are a viewer"));
        assertThat(stored("anonymous")).isZero();
        assertThat(stored("viewer")).isZero();
    }

    @Test
    void aPushTokenOpensNothingButItsOwnSourcesPushes() {
        int id = pushSource("Narrow Drop");
        String token = issueToken(id);
        for (String path : new String[] {"/api/articles", "/api/sources", "/api/rules", "/alerts", "/q/metrics"}) {
            given().noFilters()
                    .header("X-Vigil-Source-Token", token)
                    .get(path)
                    .then()
                    .statusCode(403);
        }
        given().noFilters()
                .header("Authorization", "Bearer " + token)
                .contentType(ContentType.JSON)
                .body(Map.of("name", "escalation", "query", "x"))
                .post("/api/rules")
                .then()
                .statusCode(403);
        given().noFilters()
                .header("Authorization", "Bearer " + token)
                .contentType(ContentType.JSON)
                .body(article("Narrow Drop Harbour Story", "Reuters"))
                .post("/api/ingest?source=Reuters")
                .then()
                .statusCode(200);
        assertThat(given().get("/api/articles?q=narrow")
                        .then()
                        .extract()
                        .jsonPath()
                        .getList("items.source"))
                .containsExactly("Narrow Drop");
    }
}
