package io.vigil.web.testing;

import io.vigil.engine.fingerprint.Fingerprint;
import io.vigil.engine.fingerprint.Fingerprinter;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * Benchmark support: fills an archive fast with raw JDBC batches, for benchmarks that need a large one (rule previews,
 * ingest at scale). The corpus is repeated as often as needed, each repeat with a numbered headline and its paragraphs
 * in another order under one of seven outlets; every article is fingerprinted, stands in a story of its own, and has
 * a time spread over the last 120 days, the newest stored last as in a real archive. The two GIN indexes are dropped
 * for the load and built once afterwards, which is far faster than maintaining them row by row.
 *
 * <p>Not thread-safe, and nothing else may store articles while it runs: the indexes are missing meanwhile.
 */
public final class ArchiveFiller {

    private static final int BATCH = 1_000;
    private static final Duration SPAN = Duration.ofDays(120);

    private ArchiveFiller() {}

    /**
     * Adds {@code count} articles made from {@code corpus} to the archive behind {@code connection} (a migrated Vigil
     * database), then vacuums and analyses it and takes a checkpoint, so what is measured next pays for neither the
     * load's statistics nor its dirty pages. Can be called again on the same archive: the articles' content hashes and
     * external ids carry their story's id, which is new each time.
     */
    public static void fill(Connection connection, List<CorpusArticle> corpus, int count) throws SQLException {
        if (corpus.isEmpty()) {
            throw new IllegalArgumentException("an archive cannot be filled from an empty corpus");
        }
        boolean autoCommit = connection.getAutoCommit();
        try {
            load(connection, corpus, count);
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }

    private static void load(Connection connection, List<CorpusArticle> corpus, int count) throws SQLException {
        Fingerprinter fingerprinter = new Fingerprinter();
        Fingerprint[] fingerprints = new Fingerprint[corpus.size()];
        Instant now = Instant.now();
        long spanSeconds = SPAN.toSeconds();
        connection.setAutoCommit(true);
        try (Statement ddl = connection.createStatement()) {
            ddl.execute("drop index if exists article_search_idx");
            ddl.execute("drop index if exists article_key_bands_idx");
        }
        connection.setAutoCommit(false);
        try (PreparedStatement stories = connection.prepareStatement(
                        "insert into story (id, title, article_count, first_seen_at, last_seen_at)"
                                + " values (?, ?, 1, ?, ?)");
                PreparedStatement reserve = connection.prepareStatement(
                        "select nextval('story_id_seq') from generate_series(1, " + BATCH + ")");
                PreparedStatement articles = connection.prepareStatement(
                        "insert into article (source_name, external_id, title, body, published_at, fetched_at,"
                                + " content_hash, minhash, sketch_bands, story_id)"
                                + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (int from = 0; from < count; from += BATCH) {
                int to = Math.min(count, from + BATCH);
                String[] titles = new String[to - from];
                Timestamp[] times = new Timestamp[to - from];
                for (int i = from; i < to; i++) {
                    int base = i % corpus.size();
                    int copy = i / corpus.size();
                    titles[i - from] = copy == 0
                            ? corpus.get(base).title()
                            : corpus.get(base).title() + " (" + copy + ")";
                    long age = spanSeconds - (spanSeconds * i / count);
                    times[i - from] = Timestamp.from(now.minusSeconds(age));
                }
                long[] storyIds = new long[to - from];
                try (ResultSet ids = reserve.executeQuery()) {
                    for (int i = 0; i < storyIds.length && ids.next(); i++) {
                        storyIds[i] = ids.getLong(1);
                    }
                }
                for (int i = 0; i < titles.length; i++) {
                    stories.setLong(1, storyIds[i]);
                    stories.setString(2, titles[i]);
                    stories.setTimestamp(3, times[i]);
                    stories.setTimestamp(4, times[i]);
                    stories.addBatch();
                }
                stories.executeBatch();
                for (int i = from; i < to; i++) {
                    int base = i % corpus.size();
                    int copy = i / corpus.size();
                    CorpusArticle article = corpus.get(base);
                    if (fingerprints[base] == null) {
                        fingerprints[base] = fingerprinter.of(article.title(), article.body());
                    }
                    // A repeat keeps its original's fingerprint: the same words, so the same story as far as
                    // near-copy detection goes, but a content hash of its own, so it is stored and not refused.
                    Fingerprint fingerprint = fingerprints[base];
                    articles.setString(1, "outlet-" + (copy % 7));
                    articles.setString(2, "bench-" + storyIds[i - from]);
                    articles.setString(3, titles[i - from]);
                    articles.setString(4, copy == 0 ? article.body() : rotate(article.body(), copy));
                    articles.setTimestamp(5, times[i - from]);
                    articles.setTimestamp(6, times[i - from]);
                    articles.setString(7, fingerprint.contentHash() + "-" + storyIds[i - from]);
                    articles.setArray(8, connection.createArrayOf("integer", box(fingerprint.minHashes())));
                    articles.setArray(9, connection.createArrayOf("bigint", box(fingerprint.bands())));
                    articles.setLong(10, storyIds[i - from]);
                    articles.addBatch();
                }
                articles.executeBatch();
                connection.commit();
            }
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(true);
            // Even after a failed load the archive gets its indexes back; the same definitions as the migrations'.
            try (Statement ddl = connection.createStatement()) {
                ddl.execute("create index if not exists article_search_idx on article using gin (search_vector)");
                ddl.execute("create index if not exists article_key_bands_idx on article_key using gin (sketch_bands)"
                        + " with (fastupdate = off)");
            }
        }
        try (Statement maintenance = connection.createStatement()) {
            maintenance.execute("vacuum (analyze) article");
            maintenance.execute("vacuum (analyze) article_key");
            maintenance.execute("vacuum (analyze) story");
            maintenance.execute("checkpoint");
        }
    }

    /** The paragraphs of a body, rotated: the same words in another order, as another outlet might run them. */
    private static String rotate(String body, int by) {
        String[] paragraphs = body.split("\n\n");
        if (paragraphs.length < 2) {
            return body;
        }
        String[] rotated = new String[paragraphs.length];
        for (int i = 0; i < paragraphs.length; i++) {
            rotated[i] = paragraphs[(i + by) % paragraphs.length];
        }
        return String.join("\n\n", rotated);
    }

    private static Integer[] box(int[] values) {
        return Arrays.stream(values).boxed().toArray(Integer[]::new);
    }

    private static Long[] box(long[] values) {
        return Arrays.stream(values).boxed().toArray(Long[]::new);
    }
}
