package io.vigil.web.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.vigil.web.testing.Archive;
import io.vigil.web.testing.Users;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Migration V140 on an archive that had rules, a silence, a channel and a source before makers were recorded
 * ({@link TeamObjectsAtVersion135}): they keep no maker, count toward the team's caps and toward nobody's share, and a
 * user's deletion leaves what they made to the team.
 */
@QuarkusTest
@TestProfile(CreatorMigrationTest.TeamOfSix.class)
@QuarkusTestResource(value = TeamObjectsAtVersion135.class, restrictToAnnotatedClass = true)
class CreatorMigrationTest {

    public static class TeamOfSix implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("vigil.limits.rules", "6", "vigil.limits.rules-per-user", "2");
        }
    }

    @Inject
    DataSource dataSource;

    @BeforeEach
    void archiveIsReady() {
        Archive.awaitReady();
    }

    private static Response createRule(String user, String query) {
        return Users.as(user)
                .contentType(ContentType.JSON)
                .body(Map.of("query", query))
                .post("/api/rules");
    }

    @Test
    void oldObjectsRecordNoMakerAndCountTowardTheTeamOnly() throws Exception {
        assertThat(number("select count(*) from flyway_schema_history where version = '140' and success"))
                .isEqualTo(1);
        for (String table : new String[] {"rule", "silence", "channel", "source"}) {
            assertThat(number("select count(*) from " + table + " where created_by is not null"))
                    .as(table)
                    .isZero();
        }
        assertThat(number("select count(*) from rule")).isEqualTo(TeamObjectsAtVersion135.OLD_RULES);

        // three old rules and two of the analyst's: the analyst's share is full, the team's is not
        String analyst = Users.create("after-migration", Role.ANALYST);
        assertThat(createRule(analyst, "first").statusCode()).isEqualTo(201);
        assertThat(createRule(analyst, "second").statusCode()).isEqualTo(201);
        Response share = createRule(analyst, "third");
        assertThat(share.statusCode()).as(share.asString()).isEqualTo(409);
        assertThat(share.jsonPath().getString("detail")).contains("vigil.limits.rules-per-user");

        // the sixth rule fills the team's cap, old rules included
        String colleague = Users.create("colleague", Role.ANALYST);
        assertThat(createRule(colleague, "sixth").statusCode()).isEqualTo(201);
        Response team = createRule(colleague, "seventh");
        assertThat(team.statusCode()).as(team.asString()).isEqualTo(409);
        assertThat(team.jsonPath().getString("detail"))
                .startsWith("Vigil holds 6 rules")
                .contains("vigil.limits.rules");
    }

    @Test
    void deletingAUserLeavesWhatTheyMadeToTheTeam() throws Exception {
        String leaver = Users.create("leaver", Role.ANALYST);
        long id = Users.as(leaver)
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "query",
                        "kept",
                        "until",
                        Instant.now().plus(1, ChronoUnit.DAYS).toString()))
                .post("/api/silences")
                .then()
                .statusCode(201)
                .extract()
                .jsonPath()
                .getLong("id");
        assertThat(number("select count(*) from silence where id = " + id + " and created_by is not null"))
                .isEqualTo(1);

        execute("delete from users where username = '" + leaver + "'");

        assertThat(number("select count(*) from silence where id = " + id + " and created_by is null"))
                .isEqualTo(1);
    }

    private long number(String sql) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery(sql)) {
            row.next();
            return row.getLong(1);
        }
    }

    private void execute(String sql) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
