package io.vigil.web.retention;

import io.vigil.engine.extract.TextCleaner;
import io.vigil.engine.fingerprint.Fingerprint;
import io.vigil.engine.fingerprint.Fingerprinter;
import io.vigil.web.testing.DatabaseAtVersion;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;

/**
 * Test support: the test database as an archive from before partitioning, at version 90, filled with articles over
 * seven months with stories, matches, features, alerts, alert articles and pins. A copy of every filled table goes to schema
 * {@code v90}, for the test to compare with what the application's own migration (at start-up) makes of them.
 *
 * <p>The articles are fetched 5, 35, … 185 days ago (up to 23 hours more), never within three days of "three months
 * ago", so a retention of {@code P3M} keeps or deletes each one whatever the day the test runs.
 */
public class ArchiveAtVersion90 extends DatabaseAtVersion {

    /** The outlet of the articles with real fingerprints, which a push of the same text must find. */
    static final String OLD_WIRE = "Old Wire";

    /** The title and body of the {@code index}-th article with a real fingerprint. */
    static String[] oldWireArticle(int index) {
        return new String[] {
            "Harbour cranes stand idle in week " + index,
            "Dock workers at the northern harbour kept the cranes idle for a week number " + index
                    + " while talks over night shifts went on. The port authority said ships were waiting offshore"
                    + " and cargo was diverted to the southern terminal."
        };
    }

    public ArchiveAtVersion90() {
        super("90");
    }

    @Override
    protected void fill(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("insert into rule (name, query) values ('partition one', 'x'), ('partition two', 'y')");
            statement.execute("insert into story (title, article_count, first_seen_at, last_seen_at)"
                    + " select 'story ' || g, 0, now(), now() from generate_series(1, 200) g");
            statement.execute(
                    """
                    insert into article (source_name, external_id, url, title, body, published_at, fetched_at, language,
                                         content_hash, minhash, sketch_bands, story_id, metadata)
                    select 'outlet' || (g % 7), 'ext' || g, case when g % 4 > 0 then 'https://example.org/' || g end,
                           'title ' || g, 'body text number ' || g,
                           case when g % 3 = 0 then now() - make_interval(days => 200) end,
                           now() - make_interval(days => 5 + 30 * (g % 7), hours => g % 24),
                           case when g % 2 = 0 then 'en' end,
                           md5(g::text), array[g, g + 1, g + 2], array[g::bigint % 5000, (g::bigint * 7) % 5000],
                           (select min(id) from story) + g % 200, jsonb_build_object('n', g::text)
                    from generate_series(1, 1400) g
                    """);
        }
        OffsetDateTime oldWireFetched = OffsetDateTime.now(ZoneOffset.UTC).minusDays(125);
        Fingerprinter fingerprinter = new Fingerprinter();
        try (PreparedStatement story = connection.prepareStatement(
                        "insert into story (title, article_count, first_seen_at, last_seen_at) values (?, 1, ?, ?)"
                                + " returning id");
                PreparedStatement article = connection.prepareStatement(
                        """
                        insert into article (source_name, external_id, title, body, fetched_at, content_hash, minhash,
                                             sketch_bands, story_id)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?)
                        """)) {
            for (int index = 0; index < 3; index++) {
                String[] text = oldWireArticle(index);
                story.setString(1, text[0]);
                story.setObject(2, oldWireFetched);
                story.setObject(3, oldWireFetched);
                long storyId;
                try (var row = story.executeQuery()) {
                    row.next();
                    storyId = row.getLong(1);
                }
                Fingerprint fingerprint = fingerprinter.of(text[0], TextCleaner.normalizeBody(text[1]));
                article.setString(1, OLD_WIRE);
                article.setString(2, "old-wire-" + index);
                article.setString(3, text[0]);
                article.setString(4, text[1]);
                article.setObject(5, oldWireFetched);
                article.setString(6, fingerprint.contentHash());
                article.setArray(
                        7,
                        connection.createArrayOf(
                                "integer",
                                Arrays.stream(fingerprint.minHashes()).boxed().toArray(Integer[]::new)));
                article.setArray(
                        8,
                        connection.createArrayOf(
                                "bigint",
                                Arrays.stream(fingerprint.bands()).boxed().toArray(Long[]::new)));
                article.setLong(9, storyId);
                article.executeUpdate();
            }
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute(
                    """
                    update story s set article_count = c.n, first_seen_at = c.first, last_seen_at = c.last
                    from (select story_id, count(*) n, min(fetched_at) first, max(fetched_at) last
                          from article group by story_id) c
                    where c.story_id = s.id
                    """);
            statement.execute("insert into article_match (rule_id, article_id, matched_terms, score)"
                    + " select (select min(id) from rule), id, array['x'], 0.5 from article where id % 10 = 0");
            statement.execute("insert into article_feature (article_id, name, value)"
                    + " select id, 'emb', decode(md5(id::text), 'hex') from article where id % 20 = 0");
            statement.execute(
                    """
                    insert into alert (rule_id, story_id, title, first_article_id, feedback)
                    select distinct on (a.story_id) (select min(id) from rule), a.story_id, 'alert ' || a.story_id,
                           a.id, case when a.id % 100 = 0 then 'relevant' else 'unjudged' end
                    from article a where a.id % 50 = 0 order by a.story_id, a.id
                    """);
            statement.execute("insert into alert_article (alert_id, article_id) select al.id, a.id"
                    + " from alert al join article a on a.story_id = al.story_id and a.id % 3 = 0");
            statement.execute("update article set pinned_at = now() - interval '1 day', pinned_by = 'ann'"
                    + " where id % 97 = 0");
            statement.execute("create schema v90");
            for (String table :
                    new String[] {"article", "story", "article_match", "article_feature", "alert", "alert_article"}) {
                statement.execute("create table v90." + table + " as select * from public." + table);
            }
        }
    }
}
