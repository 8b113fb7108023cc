package io.vigil.web.http;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.vigil.web.testing.Archive;
import io.vigil.web.testing.BrowserSession;
import io.vigil.web.testing.SignedInAsAdmin;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A value PostgreSQL cannot hold — a NUL character in a text, a date beyond {@code timestamptz} — is the caller's
 * mistake whichever way it comes (a JSON field, a form field, a query parameter): 400 and nothing stored, never a 500
 * or a 503 that says the database is down. A pushed headline with control characters is stored without them.
 */
@QuarkusTest
class UnstorableValueTest {

    private static final String NUL = "a\u0000b";

    private final String tag = UUID.randomUUID().toString().substring(0, 8);

    @BeforeEach
    void archiveIsReady() {
        Archive.awaitReady();
    }

    private static void assertRefusedAsTheCallersMistake(Response response, String what) {
        assertThat(response.statusCode()).as(what + ": " + response.asString()).isEqualTo(400);
        assertThat(response.asString()).as(what).contains("cannot be stored");
    }

    private static Response postJson(String path, Object body) {
        return given().contentType(ContentType.JSON).body(body).post(path);
    }

    /** A NUL in a name is refused before it reaches the database: a name is one line ({@code OneLineNamesTest}). */
    private static void assertRefusedAsNoName(Response response, String what) {
        assertThat(response.statusCode()).as(what + ": " + response.asString()).isEqualTo(400);
        assertThat(response.asString()).as(what).contains("must be one line");
    }

    @Test
    void aNulCharacterInAJsonFieldIsRefusedWith400() {
        assertRefusedAsNoName(postJson("/api/rules", Map.of("name", NUL, "query", "nul")), "rule name");
        assertRefusedAsNoName(
                postJson("/api/sources", Map.of("type", "push", "name", NUL, "config", Map.of())), "source name");
        assertRefusedAsNoName(postJson("/api/tokens", Map.of("name", NUL)), "token name");
        assertRefusedAsNoName(postJson("/api/feeds", Map.of("name", NUL)), "feed name");
        assertRefusedAsNoName(
                postJson("/api/ingest", Map.of("title", "Nul source " + tag, "body", "body " + tag, "source", NUL)),
                "pushed article's outlet");
    }

    @Test
    void aNulCharacterInAQueryParameterIsRefusedWith400() {
        assertRefusedAsTheCallersMistake(given().queryParam("outlet", NUL).get("/api/alerts"), "alerts by outlet");
        assertRefusedAsTheCallersMistake(given().queryParam("actor", NUL).get("/api/audit"), "audit by actor");
    }

    @Test
    void aNulCharacterInAFormFieldIsRefusedWith400() {
        BrowserSession admin = BrowserSession.signIn(SignedInAsAdmin.USER, SignedInAsAdmin.PASSWORD);
        Response response = admin.post("/rules", "name", NUL, "query", "nul " + tag, "type", "query");
        assertThat(response.statusCode()).as(response.asString()).isEqualTo(400);
    }

    @Test
    void aDateBeyondWhatPostgresqlHoldsIsRefusedWith400() {
        // a silence this far ahead is refused before PostgreSQL, by vigil.limits.silence-max (SilenceResourceTest)
        Response farSilence =
                postJson("/api/silences", Map.of("query", "far " + tag, "until", "+294277-01-01T00:00:00Z"));
        assertThat(farSilence.statusCode()).as(farSilence.asString()).isEqualTo(400);
        assertThat(farSilence.jsonPath().getString("field")).isEqualTo("until");
        assertRefusedAsTheCallersMistake(
                postJson(
                        "/api/ingest",
                        Map.of(
                                "title",
                                "Far " + tag,
                                "body",
                                "far body " + tag,
                                "publishedAt",
                                // far ahead is refused before (IngestResourceTest); far back reaches PostgreSQL
                                "-999999999-01-01T00:00:00Z")),
                "pushed article published in the year -999999999");
        assertRefusedAsTheCallersMistake(
                given().queryParam("since", "+294277-01-01T00:00:00Z").get("/api/alerts"), "alerts since 294277");
        assertRefusedAsTheCallersMistake(
                given().queryParam("until", "+294277-01-01T00:00:00Z").get("/api/audit"), "audit until 294277");
    }

    @Test
    void aPushedHeadlineIsStoredWithoutItsControlCharacters() {
        Response pushed = postJson(
                "/api/ingest", Map.of("title", "Nul\u0000head\u0007line " + tag, "body", "nul headline body " + tag));
        assertThat(pushed.statusCode()).as(pushed.asString()).isEqualTo(200);
        long id = pushed.jsonPath().getLong("articles[0].id");
        assertThat(given().get("/api/articles/" + id).jsonPath().getString("title"))
                .isEqualTo("Nul head line " + tag);
    }
}
