package io.vigil.web.rule;

import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.vigil.engine.watch.NewestMatches;
import io.vigil.web.testing.Archive;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The two ways {@link NewestMatches} finds a preview's candidates (migration V8) against the real PostgreSQL: whichever
 * it takes, the answer is the one plain SQL gives, the newest matches by fetch time and then id.
 */
@QuarkusTest
class NewestMatchesDatabaseTest {

    private static final String OUTLET = "newest-matches-test";
    private static final int ARTICLES = 200;

    /** In every article of this test. */
    private static final String COMMON = "'quorvex':*";

    /** In the oldest 150 articles of this test: common, but missing from the newest 50. */
    private static final String OLD_ONLY = "'zeltrand':*";

    /** In the oldest three articles of this test. */
    private static final String RARE = "'mirthwane':*";

    @Inject
    AgroalDataSource dataSource;

    @BeforeEach
    void storeArticlesOneMinuteApartWithTwoSharingEachMinute() throws SQLException {
        Archive.awaitReady();
        Instant now = Instant.now();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement story = connection.prepareStatement(
                        "insert into story (title, article_count, first_seen_at, last_seen_at) values (?, 1, ?, ?)"
                                + " returning id");
                PreparedStatement article = connection.prepareStatement(
                        "insert into article (source_name, external_id, title, body, fetched_at, content_hash,"
                                + " minhash, sketch_bands, story_id) values (?, ?, ?, ?, ?, ?, '{}', '{}', ?)")) {
            for (int i = 0; i < ARTICLES; i++) {
                // Pairs share a fetch time, so the order within a pair is by id.
                Timestamp fetched = Timestamp.from(now.minus(Duration.ofMinutes(ARTICLES - i / 2)));
                String title = "Quorvex report " + i;
                String body = i < 3
                        ? "Quorvex, Zeltrand and Mirthwane met."
                        : i < 150 ? "Quorvex and Zeltrand met." : "Quorvex alone.";
                story.setString(1, title);
                story.setTimestamp(2, fetched);
                story.setTimestamp(3, fetched);
                long storyId;
                try (ResultSet id = story.executeQuery()) {
                    id.next();
                    storyId = id.getLong(1);
                }
                article.setString(1, OUTLET);
                article.setString(2, "newest-matches-" + i);
                article.setString(3, title);
                article.setString(4, body);
                article.setTimestamp(5, fetched);
                article.setString(6, "newest-matches-" + i);
                article.setLong(7, storyId);
                article.executeUpdate();
            }
            try (Statement analyze = connection.createStatement()) {
                // The choice between the two ways rests on the planner's estimates, which need statistics.
                analyze.execute("analyze article");
            }
        }
    }

    @AfterEach
    void removeTheArticles() throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement article =
                        connection.prepareStatement("delete from article where source_name = ? returning story_id");
                PreparedStatement story = connection.prepareStatement("delete from story where id = any(?)")) {
            article.setString(1, OUTLET);
            List<Long> stories = new ArrayList<>();
            try (ResultSet rows = article.executeQuery()) {
                while (rows.next()) {
                    stories.add(rows.getLong(1));
                }
            }
            story.setArray(1, connection.createArrayOf("bigint", stories.toArray()));
            story.executeUpdate();
        }
    }

    @Test
    void theWalkAndTheIndexGiveTheNewestMatchesInTheSameOrderAsPlainSql() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            for (String query : List.of(COMMON, OLD_ONLY, RARE)) {
                for (int limit : new int[] {1, 5, ARTICLES + 1}) {
                    List<Long> expected = plainSql(connection, query, limit);

                    assertThat(NewestMatches.byIndex(connection, query, limit)).isEqualTo(expected);
                    assertThat(NewestMatches.byWalk(connection, query, Integer.MAX_VALUE, limit))
                            .isEqualTo(expected);
                    assertThat(NewestMatches.find(connection, query, limit)).isEqualTo(expected);
                }
            }
        }
    }

    @Test
    void aWalkEndsWithItsWindow() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            // The newest 50 articles of this test lack the word, and any other test's are newer and lack it too.
            assertThat(NewestMatches.byWalk(connection, OLD_ONLY, 20, 2)).isEmpty();
        }
    }

    @Test
    void aCommonWordMissingFromTheNewestArticlesIsWalkedAndThenTakenFromTheIndex() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            long articles = count(connection, "select count(*) from article");
            long matches = plainSql(connection, OLD_ONLY, Integer.MAX_VALUE).size();
            // The planner's estimates are near these counts: the word is common enough to walk for, and the window
            // ends among the newest articles, which lack it (this test's are the oldest, other tests' all newer; how
            // many those are depends on the suite, so the window is compared with what is newer, not a fixed count).
            long newerThanTheWord;
            try (PreparedStatement newer = connection.prepareStatement(
                    "select count(*) from article where fetched_at > (select max(fetched_at) from article"
                            + " where search_vector @@ to_tsquery('simple', ?))")) {
                newer.setString(1, OLD_ONLY);
                try (ResultSet rows = newer.executeQuery()) {
                    rows.next();
                    newerThanTheWord = rows.getLong(1);
                }
            }
            assertThat(NewestMatches.route(matches, articles, 2))
                    .isInstanceOfSatisfying(NewestMatches.Route.Walk.class, walk -> assertThat(walk.window())
                            .isLessThan((int) newerThanTheWord));

            assertThat(NewestMatches.find(connection, OLD_ONLY, 2)).isEqualTo(plainSql(connection, OLD_ONLY, 2));
        }
    }

    private static List<Long> plainSql(Connection connection, String query, int limit) throws SQLException {
        try (PreparedStatement statement =
                connection.prepareStatement("select id from article where search_vector @@ to_tsquery('simple', ?)"
                        + " order by fetched_at desc, id desc limit ?")) {
            statement.setString(1, query);
            statement.setInt(2, limit);
            List<Long> ids = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    ids.add(rows.getLong(1));
                }
            }
            return ids;
        }
    }

    private static long count(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
