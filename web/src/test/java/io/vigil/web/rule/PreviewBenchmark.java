package io.vigil.web.rule;

import static io.restassured.RestAssured.given;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.vigil.engine.extract.TextCleaner;
import io.vigil.engine.fingerprint.Fingerprint;
import io.vigil.engine.fingerprint.Fingerprinter;
import io.vigil.web.testing.Archive;
import jakarta.inject.Inject;
import java.io.BufferedReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Rule previews over a large archive: loads 100,000 articles (the BBC, Reuters and Wikipedia Current Events corpora,
 * repeated with varied headlines and paragraph order, spread over the last 120 days, fingerprinted, one story per
 * article) with raw batched inserts, then times {@code POST /api/rules/preview} through HTTP for realistic rules.
 * Prints p50 and max per rule; asserts nothing about time.
 *
 * <p>Requests carry a personal API token, as a script would; the rule editor's session cookie is as cheap. HTTP Basic
 * would add one bcrypt check of the password to every request (60–130 ms on the benchmark machine), which is the cost
 * of signing in, not of the preview.
 *
 * <p>Not part of the test run; {@code ./vigil bench preview} runs it (see docs/benchmarks.md). The article count is
 * {@code -Dvigil.bench.articles} (default 100,000).
 */
@QuarkusTest
@Tag("benchmark")
class PreviewBenchmark {

    private static final int BATCH = 1_000;
    private static final int RUNS = 7;

    private static final List<String> RULES = List.of(
            "border fortification",
            "oil prices",
            "government",
            "said",
            "\"interest rates\"",
            "Blair NEAR/5 election",
            "fortif*",
            "econom*",
            "US forces Iraq",
            "title:(Iraq OR Syria)",
            "(strike OR protest) -football",
            "Ukraine AND (drone* OR missile*)",
            "-the");

    @Inject
    AgroalDataSource dataSource;

    record CorpusArticle(String title, String body) {}

    @Test
    void previewTimesOverOneHundredThousandArticles() throws Exception {
        Archive.awaitReady();
        int target = Integer.getInteger("vigil.bench.articles", 100_000);
        List<CorpusArticle> corpus = new ArrayList<>();
        corpus.addAll(corpus("bbc_news_zitros.jsonl"));
        corpus.addAll(corpus("reuters21578.jsonl"));
        corpus.addAll(corpus("wikipedia_current_events_2025_2026.jsonl"));
        System.out.printf(
                "%nPreview benchmark: %d corpus articles, loading %d, %d cores, %s%n",
                corpus.size(), target, Runtime.getRuntime().availableProcessors(), Instant.now());
        long loadStart = System.nanoTime();
        load(corpus, target);
        System.out.printf("loaded %d articles in %.1f s%n", count(), (System.nanoTime() - loadStart) / 1e9);

        String token = apiToken();
        // Warm up the JIT and PostgreSQL's caches.
        for (int i = 0; i < 3; i++) {
            for (String rule : RULES) {
                preview(token, rule);
            }
        }
        System.out.printf(
                "%-36s %8s %8s %8s %9s %8s %8s %9s %10s%n",
                "rule", "p50 ms", "max ms", "cpu ms", "examined", "total", "trunc", "history", "alerts/day");
        for (String rule : RULES) {
            long[] millis = new long[RUNS];
            JsonPath answer = null;
            // CPU time of this JVM (server and client), a figure the other processes' load does not move much.
            long cpuStart = processCpuNanos();
            for (int run = 0; run < RUNS; run++) {
                long start = System.nanoTime();
                answer = preview(token, rule);
                millis[run] = Duration.ofNanos(System.nanoTime() - start).toMillis();
            }
            long cpuMillis = (processCpuNanos() - cpuStart) / RUNS / 1_000_000;
            Arrays.sort(millis);
            System.out.printf(
                    "%-36s %8d %8d %8d %9d %8d %8s %9d %10.2f%n",
                    rule,
                    millis[RUNS / 2],
                    millis[RUNS - 1],
                    cpuMillis,
                    answer.getInt("examined"),
                    answer.getInt("total"),
                    answer.getBoolean("truncated"),
                    answer.getInt("historyExamined"),
                    answer.getDouble("averageAlertsPerDay"));
        }
        System.out.println();
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean)
                        java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** A personal API token of the test admin (the test's default HTTP Basic sign-in makes it). */
    private static String apiToken() {
        return given().contentType(ContentType.JSON)
                .body(Map.of("name", "preview benchmark"))
                .post("/api/tokens")
                .then()
                .statusCode(201)
                .extract()
                .path("token");
    }

    private static JsonPath preview(String token, String rule) {
        return given().header("Authorization", "Bearer " + token)
                .contentType(ContentType.JSON)
                .body(Map.of("query", rule, "limit", 20))
                .post("/api/rules/preview")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    private static List<CorpusArticle> corpus(String file) throws Exception {
        Path shared = Path.of(System.getProperty("vigil.shared.dir", "../../shared"));
        Path path = shared.resolve("corpus").resolve(file);
        Assumptions.assumeTrue(Files.exists(path), "SKIPPED: " + path + " not found (the corpora live in ../shared)");
        ObjectMapper json = new ObjectMapper();
        List<CorpusArticle> articles = new ArrayList<>();
        try (BufferedReader lines = Files.newBufferedReader(path)) {
            String line;
            while ((line = lines.readLine()) != null) {
                JsonNode node = json.readTree(line);
                String title = node.path("title").asText("");
                String body = node.path("text").asText("");
                if (!title.isBlank() && !body.isBlank()) {
                    articles.add(new CorpusArticle(title.strip(), TextCleaner.normalizeBody(body)));
                }
            }
        }
        return articles;
    }

    /** Inserts {@code target} articles and as many stories with JDBC batches; indexes are rebuilt afterwards. */
    private void load(List<CorpusArticle> corpus, int target) throws Exception {
        Fingerprinter fingerprinter = new Fingerprinter();
        Fingerprint[] fingerprints = new Fingerprint[corpus.size()];
        Instant now = Instant.now();
        long spanSeconds = Duration.ofDays(120).toSeconds();
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(true);
            try (Statement ddl = connection.createStatement()) {
                // Building the GIN indexes once is far faster than maintaining them row by row.
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
                for (int from = 0; from < target; from += BATCH) {
                    int to = Math.min(target, from + BATCH);
                    String[] titles = new String[to - from];
                    Timestamp[] times = new Timestamp[to - from];
                    for (int i = from; i < to; i++) {
                        int base = i % corpus.size();
                        int copy = i / corpus.size();
                        titles[i - from] = copy == 0
                                ? corpus.get(base).title()
                                : corpus.get(base).title() + " (" + copy + ")";
                        // Newest articles are fetched last, as in a real archive; a spread of 120 days.
                        long age = spanSeconds - (spanSeconds * i / target);
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
                        Fingerprint fingerprint = fingerprints[base];
                        articles.setString(1, "outlet-" + (copy % 7));
                        articles.setString(2, "bench-" + i);
                        articles.setString(3, titles[i - from]);
                        articles.setString(4, copy == 0 ? article.body() : rotate(article.body(), copy));
                        articles.setTimestamp(5, times[i - from]);
                        articles.setTimestamp(6, times[i - from]);
                        articles.setString(7, fingerprint.contentHash() + "-" + i);
                        articles.setArray(8, connection.createArrayOf("integer", box(fingerprint.minHashes())));
                        articles.setArray(9, connection.createArrayOf("bigint", box(fingerprint.bands())));
                        articles.setLong(10, storyIds[i - from]);
                        articles.addBatch();
                    }
                    articles.executeBatch();
                    connection.commit();
                }
            }
            connection.setAutoCommit(true);
            try (Statement ddl = connection.createStatement()) {
                ddl.execute("create index article_search_idx on article using gin (search_vector)");
                ddl.execute("create index article_key_bands_idx on article_key using gin (sketch_bands)"
                        + " with (fastupdate = off)");
                ddl.execute("analyze article");
                ddl.execute("analyze article_key");
                ddl.execute("analyze story");
            }
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

    private long count() throws Exception {
        try (Connection connection = dataSource.getConnection();
                Statement query = connection.createStatement();
                ResultSet rows = query.executeQuery("select count(*) from article")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static Integer[] box(int[] values) {
        return Arrays.stream(values).boxed().toArray(Integer[]::new);
    }

    private static Long[] box(long[] values) {
        return Arrays.stream(values).boxed().toArray(Long[]::new);
    }
}
