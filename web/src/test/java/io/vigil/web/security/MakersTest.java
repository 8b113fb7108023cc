package io.vigil.web.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.vigil.web.testing.Archive;
import io.vigil.web.testing.BrowserSession;
import io.vigil.web.testing.SignedInAsAdmin;
import io.vigil.web.testing.Users;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Channels, sources and silences say who made them (V140's {@code created_by}), in the API and on the pages, as rules
 * do: each counts against its maker's share of the team's cap, so anyone can see whose it is.
 */
@QuarkusTest
class MakersTest {

    @Inject
    DataSource dataSource;

    @BeforeEach
    void archiveIsReady() {
        Archive.awaitReady();
    }

    private static RequestSpecification as(String user) {
        return given().noFilters()
                .auth()
                .preemptive()
                .basic(user, Users.PASSWORD)
                .contentType(ContentType.JSON);
    }

    @Test
    void channelsSourcesAndSilencesNameTheirMakerInTheApiAndOnThePages() {
        String admin = Users.create("maker-admin", Role.ADMIN);
        String analyst = Users.create("maker-analyst", Role.ANALYST);
        String viewer = Users.create("maker-viewer", Role.VIEWER);
        String tag = Long.toString(System.nanoTime());

        int channel = as(admin)
                .body(Map.of(
                        "type", "webhook", "name", "made " + tag, "config", Map.of("url", "https://a.example.org/h")))
                .post("/api/channels")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        int source = as(admin)
                .body(Map.of(
                        "type",
                        "rss",
                        "name",
                        "made " + tag,
                        "enabled",
                        false,
                        "config",
                        Map.of("url", "https://a.example.org/feed")))
                .post("/api/sources")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        int rule = as(analyst)
                .body(Map.of("name", "made " + tag, "query", "made" + tag))
                .post("/api/rules")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        int silence = as(analyst)
                .body(Map.of(
                        "ruleId", rule, "until", Instant.now().plusSeconds(3600).toString(), "comment", "noisy"))
                .post("/api/silences")
                .then()
                .statusCode(201)
                .extract()
                .path("id");

        assertThat(as(viewer).get("/api/channels/" + channel).jsonPath().getString("createdBy"))
                .isEqualTo(admin);
        assertThat(as(viewer).get("/api/sources/" + source).jsonPath().getString("createdBy"))
                .isEqualTo(admin);
        assertThat(as(viewer)
                        .get("/api/silences?limit=500")
                        .jsonPath()
                        .getString("items.find { it.id == " + silence + " }.createdBy"))
                .isEqualTo(analyst);

        BrowserSession browser = BrowserSession.signIn(viewer, Users.PASSWORD);
        assertThat(browser.get("/channels").asString()).contains("made by " + admin);
        assertThat(browser.get("/sources").asString()).contains("made by " + admin);
        assertThat(browser.get("/rules/" + rule).asString()).contains("by " + analyst);
    }

    @Test
    void aChannelWhoseMakerIsGoneNamesNobody() throws Exception {
        String admin = Users.create("gone-admin", Role.ADMIN);
        String tag = Long.toString(System.nanoTime());
        int channel = as(admin)
                .body(Map.of(
                        "type", "webhook", "name", "orphan " + tag, "config", Map.of("url", "https://a.example.org/h")))
                .post("/api/channels")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        try (Connection connection = dataSource.getConnection();
                PreparedStatement delete = connection.prepareStatement("delete from users where username = ?")) {
            delete.setString(1, admin);
            assertThat(delete.executeUpdate()).isEqualTo(1);
        }

        assertThat(given().get("/api/channels/" + channel).jsonPath().getString("createdBy"))
                .isNull();
        String page = BrowserSession.signIn(SignedInAsAdmin.USER, SignedInAsAdmin.PASSWORD)
                .get("/channels")
                .asString();
        assertThat(page).contains("orphan " + tag).doesNotContain("made by " + admin);
    }
}
