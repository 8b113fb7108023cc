package io.vigil.web.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.vigil.web.testing.Archive;
import io.vigil.web.testing.AtOnce;
import io.vigil.web.testing.BrowserSession;
import io.vigil.web.testing.Users;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Rules, silences, channels and sources belong to the team, but each records who made it, and each user may make only
 * a share of the team's cap ({@code vigil.limits.*-per-user}): one account cannot fill the team's cap and block
 * everyone. The shares are set low here, the team's caps left at their defaults.
 */
@QuarkusTest
@TestProfile(PerUserCreationLimitsTest.SmallShares.class)
class PerUserCreationLimitsTest {

    public static class SmallShares implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "vigil.limits.rules-per-user", "2",
                    "vigil.limits.silences-per-user", "1",
                    "vigil.limits.channels-per-user", "1",
                    "vigil.limits.sources-per-user", "1");
        }
    }

    @Inject
    DataSource dataSource;

    @BeforeEach
    void archiveIsReady() {
        Archive.awaitReady();
    }

    private static RequestSpecification as(String user) {
        return Users.as(user).contentType(ContentType.JSON);
    }

    private static void assertRefusedNaming(Response answer, String key) {
        assertThat(answer.statusCode()).as(answer.asString()).isEqualTo(409);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.jsonPath().getString("title")).isEqualTo("Limit reached");
        assertThat(answer.jsonPath().getString("detail")).contains(key);
    }

    private static String word() {
        return "zq" + UUID.randomUUID().toString().replaceAll("[^a-f]", "");
    }

    private static int createdRule(String user, String query) {
        return as(user).body(Map.of("query", query))
                .post("/api/rules")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    @Test
    void anAnalystsRulesStopAtTheirShareWhileAnotherAnalystStillCreates() throws Exception {
        String analyst = Users.create("share", Role.ANALYST);
        String word = word();
        int first = createdRule(analyst, word + "a");
        createdRule(analyst, word + "b");

        Response third = as(analyst).body(Map.of("query", word + "c")).post("/api/rules");

        assertRefusedNaming(third, "vigil.limits.rules-per-user");
        assertThat(third.jsonPath().getString("detail")).startsWith("you have 2 rules");
        String other = Users.create("share-other", Role.ANALYST);
        int theirs = createdRule(other, word + "d");
        assertThat(creatorOf("rule", first)).isEqualTo(userId(analyst));
        assertThat(creatorOf("rule", theirs)).isEqualTo(userId(other));
        assertThat(as(analyst).get("/api/rules/" + theirs).jsonPath().getString("createdBy"))
                .as("the API shows who made a rule")
                .isEqualTo(other);
        as(analyst).delete("/api/rules/" + first).then().statusCode(204);
        createdRule(analyst, word + "c");
    }

    @Test
    void anApiTokenCreatesForItsUserAndSpendsTheirShare() throws Exception {
        String analyst = Users.create("tokened", Role.ANALYST);
        String token = as(analyst)
                .body(Map.of("name", "script"))
                .post("/api/tokens")
                .then()
                .statusCode(201)
                .extract()
                .path("token");
        String word = word();
        createdRule(analyst, word + "a");
        int byToken = given().noFilters()
                .header("Authorization", "Bearer " + token)
                .contentType(ContentType.JSON)
                .body(Map.of("query", word + "b"))
                .post("/api/rules")
                .then()
                .statusCode(201)
                .extract()
                .path("id");

        assertThat(creatorOf("rule", byToken)).isEqualTo(userId(analyst));
        assertRefusedNaming(
                given().noFilters()
                        .header("Authorization", "Bearer " + token)
                        .contentType(ContentType.JSON)
                        .body(Map.of("query", word + "c"))
                        .post("/api/rules"),
                "vigil.limits.rules-per-user");
    }

    @Test
    void rulesAskedForAtOnceStopExactlyAtTheShare() throws Exception {
        String analyst = Users.create("rushing", Role.ANALYST);
        String word = word();
        List<Integer> statuses = AtOnce.run(6, caller -> as(analyst)
                .body(Map.of("query", word + (char) ('a' + caller)))
                .post("/api/rules")
                .statusCode());
        assertThat(statuses).filteredOn(status -> status == 201).hasSize(2);
        assertThat(statuses).filteredOn(status -> status == 409).hasSize(4);
        assertThat(count("select count(*) from rule where created_by = ?", userId(analyst)))
                .isEqualTo(2);
    }

    @Test
    void theRulePageSpendsTheSameShare() throws Exception {
        String analyst = Users.create("editor", Role.ANALYST);
        String word = word();
        createdRule(analyst, word + "a");
        BrowserSession browser = BrowserSession.signIn(analyst, Users.PASSWORD);
        Response saved = browser.post("/rules", "query", word + "b", "name", "", "type", "query", "enabled", "true");
        assertThat(saved.statusCode()).as(saved.asString()).isIn(200, 303);
        assertThat(count("select count(*) from rule where created_by = ?", userId(analyst)))
                .isEqualTo(2);

        Response refused = browser.post("/rules", "query", word + "c", "name", "", "type", "query", "enabled", "true");

        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(refused.asString()).contains("Limit reached", "you have 2 rules", "vigil.limits.rules-per-user");
    }

    @Test
    void silencesChannelsAndSourcesStopAtEachUsersShare() throws Exception {
        String analyst = Users.create("hush", Role.ANALYST);
        String admin = Users.create("share-admin", Role.ADMIN);
        String otherAdmin = Users.create("share-admin-2", Role.ADMIN);
        String word = word();

        Map<String, Object> silence = Map.of(
                "query", word, "until", Instant.now().plus(1, ChronoUnit.DAYS).toString());
        int silenceId = as(analyst)
                .body(silence)
                .post("/api/silences")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        assertThat(creatorOf("silence", silenceId)).isEqualTo(userId(analyst));
        assertRefusedNaming(as(analyst).body(silence).post("/api/silences"), "vigil.limits.silences-per-user");
        as(admin).body(silence).post("/api/silences").then().statusCode(201);

        int channelId = as(admin)
                .body(channel("mine " + word))
                .post("/api/channels")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        assertThat(creatorOf("channel", channelId)).isEqualTo(userId(admin));
        assertRefusedNaming(
                as(admin).body(channel("mine 2 " + word)).post("/api/channels"), "vigil.limits.channels-per-user");
        as(otherAdmin)
                .body(channel("theirs " + word))
                .post("/api/channels")
                .then()
                .statusCode(201);

        int sourceId = as(admin)
                .body(source("mine " + word))
                .post("/api/sources")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        assertThat(creatorOf("source", sourceId)).isEqualTo(userId(admin));
        Response second = as(admin).body(source("mine 2 " + word)).post("/api/sources");
        assertRefusedNaming(second, "vigil.limits.sources-per-user");
        assertThat(second.jsonPath().getString("detail")).startsWith("you have 1 sources");
        as(otherAdmin)
                .body(source("theirs " + word))
                .post("/api/sources")
                .then()
                .statusCode(201);
    }

    @Test
    void anImportCreatesForTheImporterAndStopsAtTheirShare() throws Exception {
        String admin = Users.create("importer", Role.ADMIN);
        String word = word();
        Map<String, Object> document = Map.of(
                "kind",
                "vigil-configuration",
                "version",
                1,
                "sources",
                List.of(
                        Map.of(
                                "name",
                                "imported " + word,
                                "type",
                                "rss",
                                "enabled",
                                false,
                                "config",
                                Map.of("url", "https://a.example.org/" + word)),
                        Map.of(
                                "name",
                                "imported 2 " + word,
                                "type",
                                "rss",
                                "enabled",
                                false,
                                "config",
                                Map.of("url", "https://b.example.org/" + word))));

        Response refused = as(admin).body(document).post("/api/import");

        assertThat(refused.statusCode()).as(refused.asString()).isEqualTo(422);
        assertThat(refused.asString()).contains("vigil.limits.sources-per-user");
        assertThat(count("select count(*) from source where name like ?", "imported %" + word))
                .as("nothing of a refused import is applied")
                .isZero();

        Map<String, Object> one = Map.of(
                "kind",
                "vigil-configuration",
                "version",
                1,
                "sources",
                List.of(((List<?>) document.get("sources")).get(0)));
        as(admin).body(one).post("/api/import").then().statusCode(200);
        assertThat(count(
                        "select count(*) from source where name = ? and created_by = ?",
                        "imported " + word,
                        userId(admin)))
                .isEqualTo(1);
    }

    private static Map<String, Object> channel(String name) {
        return Map.of("type", "webhook", "name", name, "config", Map.of("url", "https://a.example.org/h"));
    }

    private static Map<String, Object> source(String name) {
        return Map.of(
                "type", "rss", "name", name, "enabled", false, "config", Map.of("url", "https://a.example.org/feed"));
    }

    private long userId(String username) throws SQLException {
        return count("select id from users where username = ?", username);
    }

    private Long creatorOf(String table, long id) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement =
                        connection.prepareStatement("select created_by from " + table + " where id = ?")) {
            statement.setLong(1, id);
            try (ResultSet row = statement.executeQuery()) {
                assertThat(row.next()).as(table + " " + id).isTrue();
                long creator = row.getLong(1);
                return row.wasNull() ? null : creator;
            }
        }
    }

    private long count(String sql, Object... parameters) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            try (ResultSet row = statement.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }
}
