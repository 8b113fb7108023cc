package io.vigil.web.retention;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vigil.web.testing.Archive;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Retention on the real database: with {@code vigil.archive.keep=P18M} old unreferenced articles go (with their match
 * rows, and their stories when emptied), while old articles an alert refers to, old pinned articles and new articles
 * stay, and the stories left keep counts that agree with their articles. Batches of 2 make a run take several.
 */
@QuarkusTest
@TestProfile(ArchiveRetentionTest.KeepEighteenMonths.class)
class ArchiveRetentionTest {

    public static class KeepEighteenMonths implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // the scheduled run stays out of the way: the test runs retention itself
            return Map.of(
                    "vigil.archive.keep", "P18M",
                    "vigil.archive.retention-batch", "2",
                    "vigil.archive.retention-every", "1000h");
        }
    }

    @Inject
    DataSource dataSource;

    @Inject
    ArchiveRetention retention;

    private final String tag = "retention-" + System.nanoTime();
    private final OffsetDateTime old = OffsetDateTime.now(ZoneOffset.UTC).minusMonths(19);
    private final OffsetDateTime recent = OffsetDateTime.now(ZoneOffset.UTC).minusMonths(17);

    @BeforeEach
    void archiveIsReady() {
        Archive.awaitReady();
    }

    @Test
    void oldUnreferencedArticlesGoAndReferencedPinnedAndNewOnesStay() throws Exception {
        long rule = insert("insert into rule (name, query) values (?, 'retention') returning id", tag);

        long mixed = story(3);
        long unreferenced = article(mixed, old);
        long alerted = article(mixed, old);
        long firstOfAlert = article(mixed, old);
        long alert = insert(
                "insert into alert (rule_id, story_id, title, first_article_id) values (?, ?, 'x', ?) returning id",
                rule,
                mixed,
                firstOfAlert);
        update("insert into alert_article (alert_id, article_id) values (?, ?)", alert, alerted);

        long forgotten = story(5);
        long[] forgottenArticles = new long[5];
        for (int i = 0; i < 5; i++) {
            forgottenArticles[i] = article(forgotten, old);
        }
        update(
                "insert into article_match (rule_id, article_id, matched_terms) values (?, ?, '{retention}')",
                rule,
                forgottenArticles[0]);

        long pinnedStory = story(2);
        long pinned = article(pinnedStory, old);
        long unpinned = article(pinnedStory, old);
        given().post("/api/articles/" + pinned + "/pin").then().statusCode(200);
        given().post("/api/articles/" + unpinned + "/pin").then().statusCode(200);
        given().delete("/api/articles/" + unpinned + "/pin")
                .then()
                .statusCode(200)
                .body("pinned", org.hamcrest.Matchers.is(false));
        // the article page's button: pin, then unpin again
        given().redirects()
                .follow(false)
                .formParam("pinned", "true")
                .post("/articles/" + unpinned + "/pin")
                .then()
                .statusCode(303);
        assertThat(count("select count(*) from article where id = ? and pinned_by = 'admin'", unpinned))
                .isEqualTo(1);
        given().redirects()
                .follow(false)
                .formParam("pinned", "false")
                .post("/articles/" + unpinned + "/pin")
                .then()
                .statusCode(303);
        given().post("/api/articles/999999999/pin").then().statusCode(404);
        assertThat(given().get("/articles/" + pinned)
                        .then()
                        .statusCode(200)
                        .extract()
                        .asString())
                .contains("Pinned by admin")
                .contains(">Unpin</button>");

        long youngStory = story(1);
        long young = article(youngStory, recent);

        // another instance holds the claim: this one deletes nothing and says so
        try (Connection other = dataSource.getConnection()) {
            other.setAutoCommit(false);
            try (PreparedStatement lock = other.prepareStatement("select pg_advisory_xact_lock(?)")) {
                lock.setLong(1, ArchiveRetention.LOCK_KEY);
                lock.execute();
            }
            ArchiveRetention.Outcome blocked = retention.apply();
            assertThat(blocked.claimed()).isFalse();
            assertThat(blocked.articles()).isZero();
            assertThat(exists("article", unreferenced)).isTrue();
            other.rollback();
        }

        ArchiveRetention.Outcome outcome = retention.apply();
        assertThat(outcome.claimed()).isTrue();
        // unreferenced + 5 forgotten + unpinned (other tests may leave old rows of their own)
        assertThat(outcome.articles()).isGreaterThanOrEqualTo(7);
        assertThat(outcome.batches()).isGreaterThanOrEqualTo(4);
        assertThat(outcome.stories()).isGreaterThanOrEqualTo(1);

        assertThat(exists("article", unreferenced)).isFalse();
        assertThat(exists("article", unpinned)).isFalse();
        for (long id : forgottenArticles) {
            assertThat(exists("article", id)).isFalse();
        }
        assertThat(count("select count(*) from article_match where article_id = ?", forgottenArticles[0]))
                .isZero();
        assertThat(exists("story", forgotten)).as("an emptied story is deleted").isFalse();

        assertThat(exists("article", alerted)).isTrue();
        assertThat(exists("article", firstOfAlert)).isTrue();
        assertThat(exists("article", pinned)).isTrue();
        assertThat(exists("article", young)).isTrue();
        assertThat(exists("alert", alert)).isTrue();
        for (long story : new long[] {mixed, pinnedStory, youngStory}) {
            assertThat(exists("story", story)).isTrue();
            assertThat(count("select article_count from story where id = ?", story))
                    .as("story %d counts its articles", story)
                    .isEqualTo(count("select count(*) from article where story_id = ?", story));
        }

        assertThat(retention.apply().articles())
                .as("a second run finds nothing of ours")
                .isZero();
        assertThat(exists("article", pinned)).isTrue();

        assertThat(given().get("/").then().statusCode(200).extract().asString())
                .contains("Articles older than <code>P18M</code> are deleted");
    }

    private long story(int articles) throws SQLException {
        return insert(
                "insert into story (title, article_count, first_seen_at, last_seen_at) values (?, ?, ?, ?) returning id",
                tag,
                articles,
                old,
                old);
    }

    private long article(long story, OffsetDateTime fetched) throws SQLException {
        return insert(
                """
                insert into article (source_name, external_id, title, body, fetched_at, content_hash, minhash,
                                     sketch_bands, story_id)
                values (?, ?, 'old news', 'body', ?, ?, '{}', '{}', ?) returning id""",
                tag,
                tag + System.nanoTime(),
                fetched,
                tag + System.nanoTime(),
                story);
    }

    private long insert(String sql, Object... values) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = prepare(connection, sql, values);
                ResultSet row = statement.executeQuery()) {
            row.next();
            return row.getLong(1);
        }
    }

    private void update(String sql, Object... values) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = prepare(connection, sql, values)) {
            statement.executeUpdate();
        }
    }

    private long count(String sql, long id) throws SQLException {
        return insert(sql, id);
    }

    private boolean exists(String table, long id) throws SQLException {
        return count("select count(*) from " + table + " where id = ?", id) == 1;
    }

    private static PreparedStatement prepare(Connection connection, String sql, Object... values) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        for (int i = 0; i < values.length; i++) {
            statement.setObject(i + 1, values[i]);
        }
        return statement;
    }
}
