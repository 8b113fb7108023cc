package io.vigil.web.rule;

import static io.restassured.RestAssured.given;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.vigil.web.testing.Archive;
import io.vigil.web.testing.ArchiveFiller;
import io.vigil.web.testing.CorpusArticle;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;
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
 * {@code -Dvigil.bench.articles} (default 100,000); {@code -Dvigil.bench.rule=TEXT} times only the rules containing
 * TEXT, and {@code -Dvigil.bench.jfr=FILE} records a JFR profile of the timed previews into FILE.
 */
@QuarkusTest
@Tag("benchmark")
class PreviewBenchmark {

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

    @Test
    void previewTimesOverOneHundredThousandArticles() throws Exception {
        Archive.awaitReady();
        int target = Integer.getInteger("vigil.bench.articles", 100_000);
        List<CorpusArticle> corpus = new ArrayList<>();
        corpus.addAll(CorpusArticle.read("bbc_news_zitros.jsonl"));
        corpus.addAll(CorpusArticle.read("reuters21578.jsonl"));
        corpus.addAll(CorpusArticle.read("wikipedia_current_events_2025_2026.jsonl"));
        System.out.printf(
                "%nPreview benchmark: %d corpus articles, loading %d, %d cores, %s%n",
                corpus.size(), target, Runtime.getRuntime().availableProcessors(), Instant.now());
        long loadStart = System.nanoTime();
        try (Connection connection = dataSource.getConnection()) {
            ArchiveFiller.fill(connection, corpus, target);
        }
        System.out.printf("loaded %d articles in %.1f s%n", count(), (System.nanoTime() - loadStart) / 1e9);

        String token = apiToken();
        String only = System.getProperty("vigil.bench.rule", "");
        List<String> rules = RULES.stream().filter(rule -> rule.contains(only)).toList();
        // Warm up the JIT and PostgreSQL's caches.
        for (int i = 0; i < 3; i++) {
            for (String rule : rules) {
                preview(token, rule);
            }
        }
        String profile = System.getProperty("vigil.bench.jfr", "");
        Recording recording = null;
        if (!profile.isEmpty()) {
            // The timed previews only, not the load or the warm-up.
            recording = new Recording(Configuration.getConfiguration("profile"));
            recording.setDestination(Path.of(profile));
            recording.start();
        }
        System.out.printf(
                "%-36s %8s %8s %8s %9s %8s %8s %9s %10s%n",
                "rule", "p50 ms", "max ms", "cpu ms", "examined", "total", "trunc", "history", "alerts/day");
        for (String rule : rules) {
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
        if (recording != null) {
            recording.stop();
            recording.close();
            System.out.printf("profile of the timed previews in %s%n", profile);
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

    private long count() throws Exception {
        try (Connection connection = dataSource.getConnection();
                Statement query = connection.createStatement();
                ResultSet rows = query.executeQuery("select count(*) from article")) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
