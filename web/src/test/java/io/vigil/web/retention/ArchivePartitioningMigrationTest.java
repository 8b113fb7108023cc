package io.vigil.web.retention;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.vigil.web.testing.Archive;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Migrations V100 (and those after it, V145's key on article_key too) on a filled archive: the database is migrated to version 90 and filled ({@link ArchiveAtVersion90})
 * before the application starts, and the application's own start-up migrates it to the latest version. Every row is
 * then what it was (md5 over its columns), every article has its key and sits in its month, ingest through the real
 * pipeline still refuses a second copy per outlet (of an article stored before the migration too), and retention with
 * {@code P3M} drops the old months whole while keeping the pinned articles and those alerts refer to.
 */
@QuarkusTest
@TestProfile(ArchivePartitioningMigrationTest.KeepThreeMonths.class)
@QuarkusTestResource(value = ArchiveAtVersion90.class, restrictToAnnotatedClass = true)
class ArchivePartitioningMigrationTest {

    public static class KeepThreeMonths implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // the scheduled run stays out of the way: the test runs retention itself
            return Map.of(
                    "vigil.archive.keep", "P3M",
                    "vigil.archive.retention-batch", "100",
                    "vigil.archive.retention-every", "1000h");
        }
    }

    /** The article columns as they were at version 90, in order. */
    private static final String ARTICLE_COLUMNS = "id, source_id, source_name, external_id, url, title, body,"
            + " published_at, fetched_at, language, content_hash, minhash, sketch_bands, story_id, metadata,"
            + " search_vector, pinned_at, pinned_by";

    @Inject
    DataSource dataSource;

    @Inject
    ArchiveRetention retention;

    @Inject
    ArchivePartitions partitions;

    @BeforeEach
    void archiveIsReady() {
        Archive.awaitReady();
    }

    @Test
    void theMigratedArchiveKeepsEveryRowRefusesCopiesAndRetiresOldMonthsWhole() throws Exception {
        assertThat(number("select count(*) from flyway_schema_history where version = '100' and success"))
                .isEqualTo(1);
        assertThat(number("select count(*) from v90.article")).isEqualTo(1403);

        // every row as it was, compared by an md5 over all its columns
        assertThat(digest(
                        "select " + ARTICLE_COLUMNS + " from public.article where id in (select id from v90.article)",
                        "id"))
                .isEqualTo(digest("select " + ARTICLE_COLUMNS + " from v90.article", "id"));
        Map<String, String> orders = Map.of(
                "article_match", "rule_id, article_id",
                "article_feature", "article_id, name",
                "alert", "id",
                "alert_article", "alert_id, article_id");
        for (Map.Entry<String, String> table : orders.entrySet()) {
            assertThat(digest("select * from public." + table.getKey(), table.getValue()))
                    .as(table.getKey())
                    .isEqualTo(digest("select * from v90." + table.getKey(), table.getValue()));
        }
        assertThat(digest("select * from public.story where id in (select id from v90.story)", "id"))
                .isEqualTo(digest("select * from v90.story", "id"));

        // every article has its key, agreeing with its row, and sits in the partition of the month it was fetched
        assertEveryArticleHasItsKey();
        assertThat(
                        number(
                                """
                        select count(*) from article a
                        where a.id in (select id from v90.article)
                          and (a.shelf <> date_trunc('month', a.fetched_at at time zone 'UTC')::date
                               or a.tableoid::regclass::text <> 'article_' || to_char(a.shelf, 'YYYY_MM'))
                        """))
                .isZero();
        LocalDate thisMonth = LocalDate.now(ZoneOffset.UTC).withDayOfMonth(1);
        for (int ahead = 0; ahead <= ArchivePartitions.MONTHS_AHEAD; ahead++) {
            assertThat(partitionExists(ArchivePartitions.name(thisMonth.plusMonths(ahead))))
                    .isTrue();
        }

        // ingest through the real pipeline: stored once per outlet, also against what was stored before
        String body = "Grain silos at the river port were filled to the brim after a record harvest, traders said,"
                + " and barges queued for a week to load wheat bound for the coast.";
        JsonPath first = push("Grain silos full after record harvest", body, "River Wire");
        assertThat(first.getBoolean("articles[0].duplicate")).isFalse();
        long stored = first.getLong("articles[0].id");
        JsonPath again = push("Grain silos full after record harvest", body, "River Wire");
        assertThat(again.getBoolean("articles[0].duplicate")).isTrue();
        assertThat(again.getLong("articles[0].id")).isEqualTo(stored);
        JsonPath elsewhere = push("Grain silos full after record harvest", body, "Coast Wire");
        assertThat(elsewhere.getBoolean("articles[0].duplicate")).isFalse();
        assertThat(elsewhere.getLong("articles[0].storyId")).isEqualTo(first.getLong("articles[0].storyId"));
        assertThat(number("select count(*) from article where shelf = ? and id = ?", thisMonth, stored))
                .as("a new article is shelved in the month it is stored")
                .isEqualTo(1);

        String[] old = ArchiveAtVersion90.oldWireArticle(1);
        long oldId = number(
                "select id from article where source_name = ? and external_id = 'old-wire-1'",
                ArchiveAtVersion90.OLD_WIRE);
        JsonPath oldCopy = push(old[0], old[1], ArchiveAtVersion90.OLD_WIRE);
        assertThat(oldCopy.getBoolean("articles[0].duplicate"))
                .as("an article stored before the migration is still found")
                .isTrue();
        assertThat(oldCopy.getLong("articles[0].id")).isEqualTo(oldId);
        assertThatThrownBy(() -> update(
                        """
                        insert into article (source_name, external_id, title, body, fetched_at, content_hash, minhash,
                                             sketch_bands, story_id)
                        select source_name, 'again', title, body, now(), content_hash, minhash, sketch_bands, story_id
                        from article where id = ?""",
                        oldId))
                .as("the database itself refuses a second copy per outlet, across months")
                .hasMessageContaining("article_once_per_outlet");
        // V145: that key leads with the hash, so it also serves placement's lookup by hash (the copy from Coast Wire
        // above joined River Wire's story through it), and the separate index on the hash is gone
        assertThat(text("select pg_get_indexdef('article_once_per_outlet'::regclass)"))
                .endsWith("(content_hash, source_name)");
        assertThat(text("select coalesce(to_regclass('article_key_hash_idx')::text, 'none')"))
                .isEqualTo("none");
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement()) {
            connection.setAutoCommit(false);
            statement.execute("set local enable_seqscan = off");
            statement.execute("set local enable_indexscan = off");
            StringBuilder plan = new StringBuilder();
            try (ResultSet rows = statement.executeQuery(
                    "explain select id from article_key where content_hash = '" + "0".repeat(64) + "'")) {
                while (rows.next()) {
                    plan.append(rows.getString(1)).append('\n');
                }
            }
            connection.rollback();
            assertThat(plan.toString()).contains("article_once_per_outlet");
        }

        // retention: the months before the period go whole, keeping what is pinned and what alerts refer to
        ArchiveRetention.Outcome outcome = retention.apply();
        assertThat(outcome.claimed()).isTrue();
        LocalDate periodMonth =
                OffsetDateTime.now(ZoneOffset.UTC).minusMonths(3).toLocalDate().withDayOfMonth(1);
        List<LocalDate> oldMonths = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("select distinct date_trunc('month', fetched_at at time zone"
                        + " 'UTC')::date from v90.article order by 1")) {
            while (rows.next()) {
                LocalDate month = rows.getObject(1, LocalDate.class);
                if (month.isBefore(periodMonth)) {
                    oldMonths.add(month);
                }
            }
        }
        assertThat(oldMonths).hasSizeGreaterThanOrEqualTo(3);
        assertThat(outcome.months()).containsAll(oldMonths);
        for (LocalDate month : oldMonths) {
            assertThat(partitionExists(ArchivePartitions.name(month)))
                    .as("month %s dropped", month)
                    .isFalse();
        }
        assertThat(partitionExists(ArchivePartitions.name(periodMonth))).isTrue();

        TreeSet<Long> expected = ids(
                """
                select a.id from v90.article a
                where a.fetched_at >= now() - interval '3 months' or a.pinned_at is not null
                   or exists (select 1 from v90.alert_article aa where aa.article_id = a.id)
                   or exists (select 1 from v90.alert al where al.first_article_id = a.id)
                """);
        assertThat(ids("select id from article where id in (select id from v90.article)"))
                .as("what retention keeps of the old archive")
                .isEqualTo(expected);
        assertThat(1403 - expected.size()).as("old articles deleted").isGreaterThan(500);
        assertThat(number(
                        """
                        select count(*) from article a
                        where a.id in (select id from v90.article) and a.fetched_at < ?
                          and (a.tableoid <> 'article_kept'::regclass or a.shelf <> '0001-01-01'
                               or a.pinned_at is null and not exists
                                   (select 1 from alert_article aa where aa.article_id = a.id)
                               and not exists (select 1 from alert al where al.first_article_id = a.id))
                        """,
                        periodMonth))
                .as("the kept articles of the dropped months are in article_kept, and only those")
                .isZero();
        assertThat(number("select count(*) from article_kept")).isPositive();
        assertThat(digest("select * from alert_article", "alert_id, article_id"))
                .as("no alert lost an article")
                .isEqualTo(digest("select * from v90.alert_article", "alert_id, article_id"));
        assertThat(number("select count(*) from alert")).isEqualTo(number("select count(*) from v90.alert"));
        assertThat(number("select count(*) from article_match m"
                        + " where not exists (select 1 from article a where a.id = m.article_id)"))
                .isZero();
        assertThat(number("select count(*) from article_match"))
                .isLessThan(number("select count(*) from v90.article_match"));
        assertEveryArticleHasItsKey();
        assertThat(
                        number(
                                """
                        select count(*) from story s
                        where s.article_count <> (select count(*) from article a where a.story_id = s.id)
                        """))
                .as("every story counts its articles")
                .isZero();
        assertThat(
                        number(
                                """
                        select count(*) from story s
                        where not exists (select 1 from article a where a.story_id = s.id)
                          and not exists (select 1 from alert al where al.story_id = s.id)
                        """))
                .as("stories left without articles and alerts are deleted")
                .isZero();
        assertThat(retention.apply().articles())
                .as("a second run finds nothing")
                .isZero();

        // the dropped article's key is gone with it, so its text may be stored again
        assertThat(push(old[0], old[1], ArchiveAtVersion90.OLD_WIRE).getBoolean("articles[0].duplicate"))
                .isFalse();
    }

    @Test
    void aRowStoredWhileItsMonthHadNoPartitionMovesThereWithItsReferences() throws Exception {
        LocalDate later = LocalDate.now(ZoneOffset.UTC).withDayOfMonth(1).plusMonths(8);
        long story = number("insert into story (title, article_count, first_seen_at, last_seen_at)"
                + " values ('later', 1, now(), now()) returning id");
        long article = number(
                """
                insert into article (source_name, external_id, title, body, fetched_at, content_hash, minhash,
                                     sketch_bands, story_id, shelf)
                values ('Later Wire', 'later', 'later', 'later', now(), md5(random()::text), '{1}', '{1}', ?, ?)
                returning id""",
                story, later);
        long rule = number("select min(id) from rule");
        long alert = number(
                "insert into alert (rule_id, story_id, title, first_article_id) values (?, ?, 'later', ?)"
                        + " returning id",
                rule,
                story,
                article);
        update("insert into alert_article (alert_id, article_id) values (?, ?)", alert, article);
        assertThat(text("select tableoid::regclass::text from article where id = ?", article))
                .isEqualTo("article_default");

        ArchivePartitions.Outcome outcome = partitions.ensure(later);

        assertThat(outcome.claimed()).isTrue();
        assertThat(outcome.made()).contains(later);
        assertThat(outcome.movedFromDefault()).isEqualTo(1);
        assertThat(text("select tableoid::regclass::text from article where id = ?", article))
                .isEqualTo(ArchivePartitions.name(later));
        assertThat(number("select count(*) from alert_article where article_id = ?", article))
                .isEqualTo(1);
        assertThat(number("select count(*) from article_key where id = ? and shelf = ?", article, later))
                .isEqualTo(1);
        assertThat(number("select count(*) from article_default")).isZero();
        assertThat(partitions.ensure(later).made())
                .as("a second run makes nothing")
                .isEmpty();

        // another instance holds the claim: this one leaves the work to it
        try (Connection other = dataSource.getConnection()) {
            other.setAutoCommit(false);
            try (PreparedStatement lock = other.prepareStatement("select pg_advisory_xact_lock(?)")) {
                lock.setLong(1, ArchivePartitions.LOCK_KEY);
                lock.execute();
            }
            assertThat(partitions.ensure(later.plusMonths(6)).claimed()).isFalse();
            other.rollback();
        }
        assertThat(partitionExists(ArchivePartitions.name(later.plusMonths(6)))).isFalse();

        String page = given().get("/").then().statusCode(200).extract().asString();
        assertThat(page)
                .containsPattern("<dd id=\"archive-months\">.*"
                        + ArchivePartitions.name(later).substring(8, 12) + "-"
                        + ArchivePartitions.name(later).substring(13) + " [0-9.]+ (kB|MB)")
                .containsPattern("kept [0-9.]+ (kB|MB)")
                .containsPattern("default [0-9.]+ (kB|MB)");
        long archiveBytes = number("select sum(pg_total_relation_size(relid)) from pg_partition_tree('article')");
        assertThat(archiveBytes).isGreaterThan(number("select pg_total_relation_size('article')"));
    }

    private void assertEveryArticleHasItsKey() throws SQLException {
        assertThat(
                        number(
                                """
                        select count(*) from article a
                        where not exists (select 1 from article_key k
                                          where k.id = a.id and k.shelf = a.shelf and k.source_name = a.source_name
                                            and k.content_hash = a.content_hash and k.story_id = a.story_id
                                            and k.title = a.title and k.minhash = a.minhash
                                            and k.sketch_bands = a.sketch_bands)
                        """))
                .as("articles without their key")
                .isZero();
        assertThat(number("select count(*) from article_key")).isEqualTo(number("select count(*) from article"));
    }

    private static JsonPath push(String title, String body, String source) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("title", title, "body", body, "source", source))
                .post("/api/ingest")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    /** An md5 over every column of every row {@code query} answers, in the order of {@code orderBy}. */
    private String digest(String query, String orderBy) throws SQLException {
        return text("select md5(coalesce(string_agg(md5(t::text), ',' order by " + orderBy + "), ''))" + " from ("
                + query + ") t");
    }

    private boolean partitionExists(String name) throws SQLException {
        return number(
                        "select count(*) from pg_inherits where inhparent = 'article'::regclass"
                                + " and inhrelid = to_regclass(?)",
                        name)
                == 1;
    }

    private TreeSet<Long> ids(String sql) throws SQLException {
        TreeSet<Long> ids = new TreeSet<>();
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                ids.add(rows.getLong(1));
            }
        }
        return ids;
    }

    private long number(String sql, Object... values) throws SQLException {
        return Long.parseLong(text(sql, values));
    }

    private String text(String sql, Object... values) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = prepare(connection, sql, values);
                ResultSet row = statement.executeQuery()) {
            row.next();
            return row.getString(1);
        }
    }

    private void update(String sql, Object... values) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = prepare(connection, sql, values)) {
            statement.executeUpdate();
        }
    }

    private static PreparedStatement prepare(Connection connection, String sql, Object... values) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        for (int i = 0; i < values.length; i++) {
            statement.setObject(i + 1, values[i]);
        }
        return statement;
    }
}
