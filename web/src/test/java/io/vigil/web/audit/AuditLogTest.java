package io.vigil.web.audit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vigil.web.security.Role;
import io.vigil.web.testing.Archive;
import io.vigil.web.testing.SignedInAsAdmin;
import io.vigil.web.testing.Users;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Who changed what is recorded, with when and from where; admins read it, filtered; refused changes leave nothing. */
@QuarkusTest
class AuditLogTest {

    @BeforeEach
    void archiveIsReady() {
        Archive.awaitReady();
    }

    @Test
    void changesToRulesSilencesAndSourcesAreRecordedWithWhoWhenAndWhere() {
        String name = "Audited rule " + System.nanoTime();
        int rule = given().header("X-Forwarded-For", "203.0.113.7")
                .contentType(ContentType.JSON)
                .body(Map.of("name", name, "query", "harbour crane"))
                .post("/api/rules")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        given().contentType(ContentType.JSON)
                .body(Map.of("name", name, "query", "harbour crane", "enabled", false))
                .put("/api/rules/" + rule)
                .then()
                .statusCode(200);
        given().delete("/api/rules/" + rule).then().statusCode(204);

        var events = given().get("/api/audit?target=rule&targetId=" + rule)
                .then()
                .statusCode(200)
                .body("total", equalTo(3))
                .extract()
                .jsonPath();
        assertThat(events.getList("items.action")).containsExactly("rule.delete", "rule.update", "rule.create");
        assertThat(events.getList("items.actor", String.class)).containsOnly(SignedInAsAdmin.USER);
        assertThat(events.getList("items.targetName", String.class)).containsOnly(name);
        assertThat(events.getString("items[2].address")).isEqualTo("203.0.113.7");
        assertThat(events.getString("items[2].detail")).contains("harbour crane");
        assertThat(events.getString("items[0].at")).isNotBlank();

        given().get("/api/audit?action=rule&targetId=" + rule)
                .then()
                .body("items.action", everyItem(startsWith("rule.")))
                .body("total", equalTo(3));
        given().get("/api/audit?action=rule.update&targetId=" + rule).then().body("total", equalTo(1));
        given().get("/api/audit?limit=1&target=rule&targetId=" + rule)
                .then()
                .body("items.size()", equalTo(1))
                .body("total", equalTo(3));
    }

    @Test
    void aFeedsUrlIsACredentialWhoseMakingAndRevokingAreRecorded() {
        String name = "Audited feed " + System.nanoTime();
        int feed = given().contentType(ContentType.JSON)
                .body(Map.of("name", name))
                .post("/api/feeds")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        given().delete("/api/feeds/" + feed).then().statusCode(204);

        var events = given().get("/api/audit?target=feed&targetId=" + feed)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(events.getList("items.action")).containsExactly("feed.revoke", "feed.create");
        assertThat(events.getList("items.actor", String.class)).containsOnly(SignedInAsAdmin.USER);
        assertThat(events.getList("items.targetName", String.class)).containsOnly(name);
        assertThat(events.getString("items[1].detail")).isEqualTo("every alert").doesNotContain("vgf_");
    }

    @Test
    void aChannelUpdateNamesTheSettingsItChangedSecretsIncludedButNeverTheirValues() {
        String name = "Audited channel " + System.nanoTime();
        String first = "whsec_c2VjcmV0LWtleS1vZi10aGlydHktdHdvLWJ5dGVzISE=";
        String second = "whsec_YW5vdGhlci1rZXktb2YtdGhpcnR5LXR3by1ieXRlcyE=";
        int channel = given().contentType(ContentType.JSON)
                .body(Map.of(
                        "type",
                        "webhook",
                        "name",
                        name,
                        "config",
                        Map.of("url", "https://hooks.example.org/a", "secret", first)))
                .post("/api/channels")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        given().contentType(ContentType.JSON)
                .body(Map.of(
                        "type",
                        "webhook",
                        "name",
                        name,
                        "config",
                        Map.of("url", "https://hooks.example.org/a", "secret", second)))
                .put("/api/channels/" + channel)
                .then()
                .statusCode(200);
        given().contentType(ContentType.JSON)
                .body(Map.of("type", "webhook", "name", name, "config", Map.of("url", "https://hooks.example.org/a")))
                .put("/api/channels/" + channel)
                .then()
                .statusCode(200);

        var events = given().get("/api/audit?action=channel.update&targetId=" + channel)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(events.getList("items.detail", String.class))
                .containsExactly("webhook, enabled", "webhook, enabled; settings changed: secret");
        assertThat(events.prettify()).doesNotContain(second).doesNotContain(first);
    }

    @Test
    void aRefusedChangeLeavesNoRecord() {
        long before = given().get("/api/audit?action=rule.create")
                .then()
                .extract()
                .<Number>path("total")
                .longValue();
        given().contentType(ContentType.JSON)
                .body(Map.of("name", "broken", "query", "border ("))
                .post("/api/rules")
                .then()
                .statusCode(400);
        String viewer = Users.create("audited-viewer", Role.VIEWER);
        Users.as(viewer)
                .contentType(ContentType.JSON)
                .body(Map.of("name", "not mine", "query", "border"))
                .post("/api/rules")
                .then()
                .statusCode(403);
        given().get("/api/audit?action=rule.create").then().body("total", equalTo((int) before));
    }

    @Test
    void onlyAdminsReadTheLogAndBadFiltersNameTheirField() {
        String analyst = Users.create("curious", Role.ANALYST);
        Users.as(analyst)
                .get("/api/audit")
                .then()
                .statusCode(403)
                .body("detail", equalTo("this needs the admin role; you are an analyst"));
        given().noFilters().get("/api/audit").then().statusCode(401);
        for (List<String> bad : List.of(
                List.of("since", "yesterday"),
                List.of("until", "2026-13-01"),
                List.of("limit", "0"),
                List.of("offset", "-1"))) {
            given().get("/api/audit?" + bad.get(0) + "=" + bad.get(1))
                    .then()
                    .statusCode(400)
                    .contentType("application/problem+json")
                    .body("field", equalTo(bad.get(0)));
        }
    }

    @Test
    void theAuditPageShowsTheLogToAdmins() {
        String name = "Paged rule " + System.nanoTime();
        given().contentType(ContentType.JSON)
                .body(Map.of("name", name, "query", "lighthouse"))
                .post("/api/rules")
                .then()
                .statusCode(201);
        given().get("/audit?action=rule.create")
                .then()
                .statusCode(200)
                .body(containsString(name))
                .body(containsString("rule.create"));
        String viewer = Users.create("peeker", Role.VIEWER);
        Users.as(viewer).get("/audit").then().statusCode(403);
    }
}
