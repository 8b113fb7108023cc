package io.vigil.web.http;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.vigil.web.testing.Archive;
import io.vigil.web.testing.BrowserSession;
import io.vigil.web.testing.SignedInAsAdmin;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A name is one line, however it arrives: names go into log lines, the plain-text part of e-mails, chat headings and
 * the audit log, where a line break let whoever names a rule, a source, a channel or a pushed article's outlet add a
 * line of their choosing ({@code Read the alert: https://evil.example}, or a forged log line).
 */
@QuarkusTest
class OneLineNamesTest {

    private static final List<String> LINE_BREAKERS = List.of("\n", "\r", "\u0085", "\u2028", "\u001b[31m");

    private final String tag = UUID.randomUUID().toString().substring(0, 8);

    @BeforeEach
    void archiveIsReady() {
        Archive.awaitReady();
    }

    private static Response postJson(String path, Object body) {
        return given().contentType(ContentType.JSON).body(body).post(path);
    }

    private static void assertRefused(Response response, String field, String what) {
        assertThat(response.statusCode()).as(what + ": " + response.asString()).isEqualTo(400);
        assertThat(response.jsonPath().getString("field")).as(what).isEqualTo(field);
        assertThat(response.jsonPath().getString("detail")).as(what).contains("must be one line");
    }

    @Test
    void everyNameWithALineBreakOrControlCharacterIsRefused() {
        for (String breaker : LINE_BREAKERS) {
            String name = "Wire " + tag + breaker + "Read the alert: https://evil.example/";
            String what = "a name holding U+" + String.format("%04X", (int) breaker.charAt(0));
            assertRefused(postJson("/api/rules", Map.of("name", name, "query", "wire " + tag)), "name", what);
            assertRefused(
                    postJson("/api/sources", Map.of("type", "push", "name", name, "config", Map.of())), "name", what);
            assertRefused(
                    postJson(
                            "/api/channels",
                            Map.of("type", "email", "name", name, "config", Map.of("to", "ops@example.org"))),
                    "name",
                    what);
            assertRefused(postJson("/api/tokens", Map.of("name", name)), "name", what);
            assertRefused(postJson("/api/feeds", Map.of("name", name)), "name", what);
            assertRefused(
                    postJson("/api/ingest", Map.of("title", "Wire " + tag, "body", "body " + tag, "source", name)),
                    "source",
                    what);
        }
        assertThat(given().queryParam("q", tag).get("/api/articles").jsonPath().getInt("total"))
                .as("nothing pushed was stored")
                .isZero();
        assertThat(given().get("/api/rules").asString()).doesNotContain(tag);
        assertThat(given().get("/api/sources").asString()).doesNotContain(tag);
        assertThat(given().get("/api/channels").asString()).doesNotContain(tag);
    }

    @Test
    void aNameWithALineBreakIsRefusedOnTheFormsToo() {
        BrowserSession admin = BrowserSession.signIn(SignedInAsAdmin.USER, SignedInAsAdmin.PASSWORD);
        Response response = admin.post("/rules", "name", "Wire\r\n" + tag, "query", "wire " + tag, "type", "query");
        assertThat(response.statusCode()).as(response.asString()).isEqualTo(400);
        assertThat(response.asString()).contains("must be one line");
    }

    @Test
    void aRuleNamedByItsSeveralLineTextGetsItOnOneLine() {
        Response created = postJson("/api/rules", Map.of("query", "wire " + tag + "\nOR\r\ncable " + tag));
        assertThat(created.statusCode()).as(created.asString()).isEqualTo(201);
        assertThat(created.jsonPath().getString("name")).isEqualTo("wire " + tag + " OR cable " + tag);
    }

    @Test
    void spacesInsideANameAreKept() {
        Response created = postJson("/api/rules", Map.of("name", "Wire \u00a0 " + tag, "query", "wire " + tag));
        assertThat(created.statusCode()).as(created.asString()).isEqualTo(201);
        assertThat(created.jsonPath().getString("name")).isEqualTo("Wire \u00a0 " + tag);
    }
}
