package io.vigil.web.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.vigil.engine.extract.TextCleaner;
import io.vigil.engine.fingerprint.Fingerprint;
import io.vigil.engine.fingerprint.Fingerprinter;
import io.vigil.engine.ingest.DocumentOutcome;
import io.vigil.engine.ingest.Durability;
import io.vigil.engine.ingest.IngestPipeline;
import io.vigil.engine.ingest.IngestSettings;
import io.vigil.engine.ingest.SourceRef;
import io.vigil.spi.source.RawDocument;
import io.vigil.web.testing.Archive;
import jakarta.inject.Inject;
import java.io.BufferedReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Ingest throughput: articles per second through the whole pipeline (extract, fingerprint, story lookup, store; a pulled
 * source's documents in batches, a push alone) into PostgreSQL, beside the raw batched-INSERT rate of the same rows into a copy of the
 * article table with the same indexes, measured in the same run. Prints figures; asserts nothing about time.
 *
 * <p>Not part of the test run; {@code ./vigil bench ingest} runs it (see docs/benchmarks.md).
 */
@QuarkusTest
@Tag("benchmark")
class IngestBenchmark {

    private static final int RAW_BATCH = 500;

    @Inject
    IngestPipeline pipeline;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    IngestSettings settings;

    record CorpusArticle(String id, String title, String body) {}

    private static List<CorpusArticle> corpus(String file, int limit) throws Exception {
        Path shared = Path.of(System.getProperty("vigil.shared.dir", "../../shared"));
        Path path = shared.resolve("corpus").resolve(file);
        Assumptions.assumeTrue(Files.exists(path), "SKIPPED: " + path + " not found (the corpora live in ../shared)");
        ObjectMapper json = new ObjectMapper();
        List<CorpusArticle> articles = new ArrayList<>();
        try (BufferedReader lines = Files.newBufferedReader(path)) {
            String line;
            while ((line = lines.readLine()) != null && articles.size() < limit) {
                JsonNode node = json.readTree(line);
                String title = node.path("title").asText("");
                String body = node.path("text").asText("");
                if (!title.isBlank() && !body.isBlank()) {
                    articles.add(new CorpusArticle(node.path("id").asText(), title, body));
                }
            }
        }
        return articles;
    }

    @Test
    void ingestThroughputAgainstRawBatchedInserts() throws Exception {
        Archive.awaitReady();
        int limit = Integer.getInteger("vigil.bench.articles", 25_000);
        List<CorpusArticle> articles = new ArrayList<>(corpus("bbc_news_zitros.jsonl", limit));
        articles.addAll(corpus("reuters21578.jsonl", limit - articles.size()));
        System.out.printf(
                "%nIngest benchmark: %d articles (BBC + Reuters), %d cores, %s%n",
                articles.size(), Runtime.getRuntime().availableProcessors(), Instant.now());

        // Warm up the JIT and the connection pool on a slice that is then stored again as duplicates.
        for (CorpusArticle article : articles.subList(0, Math.min(300, articles.size()))) {
            pipeline.ingest(
                    RawDocument.text("warm-" + article.id(), article.title(), article.body()),
                    new SourceRef(null, "warmup"));
        }

        // Alternate the two paths over the same stream so both see the same mix of articles: a pulled source's
        // documents are stored in batches (as the source runner does), a push is stored alone and acknowledged.
        int batch = settings.batchDocuments();
        long[] nanos = new long[2];
        int[] counts = new int[2];
        long stored = 0;
        for (int from = 0; from < articles.size(); from += batch) {
            List<CorpusArticle> slice = articles.subList(from, Math.min(from + batch, articles.size()));
            boolean pulled = (from / batch) % 2 == 0;
            Durability durability = pulled ? Durability.REPLAYABLE : Durability.ACKNOWLEDGED;
            long start = System.nanoTime();
            if (pulled) {
                List<RawDocument> documents = slice.stream()
                        .map(article -> RawDocument.text(article.id(), article.title(), article.body()))
                        .toList();
                for (DocumentOutcome outcome :
                        pipeline.ingestAll(documents, new SourceRef(null, "bench"), durability)) {
                    if (outcome instanceof DocumentOutcome.Stored ok) {
                        stored += ok.outcome().newCount();
                    }
                }
            } else {
                for (CorpusArticle article : slice) {
                    stored += pipeline.ingest(
                                    RawDocument.text(article.id(), article.title(), article.body()),
                                    new SourceRef(null, "bench"),
                                    durability)
                            .newCount();
                }
            }
            nanos[durability.ordinal()] += System.nanoTime() - start;
            counts[durability.ordinal()] += slice.size();
        }
        double pipelineSeconds = (nanos[0] + nanos[1]) / 1e9;
        double replayableRate =
                counts[Durability.REPLAYABLE.ordinal()] / (nanos[Durability.REPLAYABLE.ordinal()] / 1e9);
        double acknowledgedRate =
                counts[Durability.ACKNOWLEDGED.ordinal()] / (nanos[Durability.ACKNOWLEDGED.ordinal()] / 1e9);

        double rawRate = rawBatchedInsertRate(articles);

        System.out.printf("pipeline: %d articles (%d new) in %.1f s%n", articles.size(), stored, pipelineSeconds);
        System.out.printf(
                "  pulled sources (batches of %d, replayable commit): %.0f articles/s%n", batch, replayableRate);
        System.out.printf("  pushes (acknowledged, synchronous commit): %.0f articles/s%n", acknowledgedRate);
        double pipelineRate = replayableRate;
        System.out.printf(
                "raw batched INSERT (batches of %d, same rows, same indexes): %.0f rows/s%n", RAW_BATCH, rawRate);
        System.out.printf(
                "ratio pulled / raw = %.2f, pushed / raw = %.2f%n%n",
                pipelineRate / rawRate, acknowledgedRate / rawRate);
    }

    /** Inserts the same rows, fingerprinted beforehand, with JDBC batches into a copy of the article table. */
    private double rawBatchedInsertRate(List<CorpusArticle> articles) throws Exception {
        Fingerprinter fingerprinter = new Fingerprinter();
        List<Fingerprint> fingerprints = new ArrayList<>();
        List<String> bodies = new ArrayList<>();
        for (CorpusArticle article : articles) {
            String body = TextCleaner.normalizeBody(article.body());
            bodies.add(body);
            fingerprints.add(fingerprinter.of(article.title(), body));
        }
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(true);
            try (Statement ddl = connection.createStatement()) {
                ddl.execute("drop table if exists bench_article");
                ddl.execute("create table bench_article (like article including all)");
                // Since V100 an article is a row and its key (article_key, written by a trigger on article): the raw
                // rate writes both, with the same indexes.
                ddl.execute("drop table if exists bench_article_key");
                ddl.execute("create table bench_article_key (like article_key including all)");
                ddl.execute("insert into story (title, article_count, first_seen_at, last_seen_at)"
                        + " values ('bench', 0, now(), now())");
            }
            long storyId;
            try (Statement query = connection.createStatement();
                    var rows = query.executeQuery("select max(id) from story")) {
                rows.next();
                storyId = rows.getLong(1);
            }
            connection.setAutoCommit(false);
            long start = System.nanoTime();
            try (PreparedStatement insert = connection.prepareStatement(
                            "insert into bench_article (source_name, external_id, title, body, fetched_at, content_hash,"
                                    + " minhash, sketch_bands, story_id, metadata) values (?, ?, ?, ?, ?, ?, ?, ?, ?, '{}'::jsonb)");
                    PreparedStatement key = connection.prepareStatement(
                            "insert into bench_article_key (id, source_name, content_hash, shelf, story_id, title,"
                                    + " minhash, sketch_bands) values (?, 'bench', ?, current_date, ?, ?, ?, ?)")) {
                for (int i = 0; i < articles.size(); i++) {
                    Fingerprint fingerprint = fingerprints.get(i);
                    insert.setString(1, "bench");
                    insert.setString(2, articles.get(i).id());
                    insert.setString(3, articles.get(i).title());
                    insert.setString(4, bodies.get(i));
                    insert.setTimestamp(5, Timestamp.from(Instant.now()));
                    insert.setString(6, fingerprint.contentHash() + "-" + i);
                    insert.setArray(7, connection.createArrayOf("integer", box(fingerprint.minHashes())));
                    insert.setArray(8, connection.createArrayOf("bigint", box(fingerprint.bands())));
                    insert.setLong(9, storyId);
                    insert.addBatch();
                    key.setLong(1, i);
                    key.setString(2, fingerprint.contentHash() + "-" + i);
                    key.setLong(3, storyId);
                    key.setString(4, articles.get(i).title());
                    key.setArray(5, connection.createArrayOf("integer", box(fingerprint.minHashes())));
                    key.setArray(6, connection.createArrayOf("bigint", box(fingerprint.bands())));
                    key.addBatch();
                    if ((i + 1) % RAW_BATCH == 0) {
                        insert.executeBatch();
                        key.executeBatch();
                        connection.commit();
                    }
                }
                insert.executeBatch();
                key.executeBatch();
                connection.commit();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            try (Statement ddl = connection.createStatement()) {
                ddl.execute("drop table bench_article");
                ddl.execute("drop table bench_article_key");
                connection.commit();
            }
            return articles.size() / seconds;
        }
    }

    private static Integer[] box(int[] values) {
        Integer[] boxed = new Integer[values.length];
        for (int i = 0; i < values.length; i++) {
            boxed[i] = values[i];
        }
        return boxed;
    }

    private static Long[] box(long[] values) {
        Long[] boxed = new Long[values.length];
        for (int i = 0; i < values.length; i++) {
            boxed[i] = values[i];
        }
        return boxed;
    }
}
