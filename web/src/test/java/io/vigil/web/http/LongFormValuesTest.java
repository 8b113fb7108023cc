package io.vigil.web.http;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.vigil.web.testing.Archive;
import io.vigil.web.testing.BrowserSession;
import io.vigil.web.testing.SignedInAsAdmin;
import java.util.Collections;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A value a page's form may hold is taken in by the form, whatever its script: the HTTP layer's limit on one form
 * field (Vert.x: 2,048 bytes, counted percent-encoded) answered a bare JSON 413 and lost what was typed, so a rule of
 * 90 Ukrainian words, within the rule's own limits, could not be saved from the editor.
 */
@QuarkusTest
class LongFormValuesTest {

    private final String tag = UUID.randomUUID().toString().substring(0, 8);

    private BrowserSession admin;

    @BeforeEach
    void signIn() {
        Archive.awaitReady();
        admin = BrowserSession.signIn(SignedInAsAdmin.USER, SignedInAsAdmin.PASSWORD);
    }

    @Test
    void aRuleInCyrillicWithinTheRuleLimitsIsSavedFromTheEditor() {
        // 90 words, under 1,000 characters: 7 kB percent-encoded
        String query = "rule" + tag + " ("
                + IntStream.range(0, 89).mapToObj(i -> "Україна" + i).collect(Collectors.joining(" OR ")) + ")";
        assertThat(query.length()).isLessThan(2_000);

        Response saved = admin.post("/rules", "name", "Україна " + tag, "query", query, "type", "query");

        assertThat(saved.statusCode()).as(saved.asString()).isEqualTo(303);
        assertThat(given().get("/api/rules?limit=500").jsonPath().getList("items.query"))
                .contains(query);
    }

    @Test
    void aRuleOverItsLimitIsToldOnThePageWithTheRuleKept() {
        String query = "правило" + tag + " " + String.join(" ", Collections.nCopies(300, "Україна"));

        Response refused = admin.post("/rules", "name", "", "query", query, "type", "query");

        assertThat(refused.statusCode()).as(refused.asString()).isEqualTo(400);
        assertThat(refused.contentType()).startsWith("text/html");
        assertThat(refused.asString()).contains("the limit is 2000").contains(query);
    }

    @Test
    void aSourceSettingOfSeveralLongLinesIsSavedFromTheSourceForm() {
        String headers = IntStream.range(0, 3)
                .mapToObj(i -> "X-Key-" + i + ": " + "k".repeat(1_000))
                .collect(Collectors.joining("\n"));

        Response saved = admin.post(
                "/sources",
                "type",
                "rss",
                "name",
                "Headers " + tag,
                "config.url",
                "http://127.0.0.1:9/feed-" + tag + ".xml",
                "config.headers",
                headers,
                "interval",
                "1h",
                "enabled",
                "false");

        assertThat(saved.statusCode()).as(saved.asString()).isEqualTo(303);
        assertThat(given().get("/api/sources?limit=500").jsonPath().getList("items.name"))
                .contains("Headers " + tag);
    }
}
