package io.vigil.web.bench;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vigil.engine.extract.TextCleaner;
import io.vigil.web.bus.KafkaBroker;
import io.vigil.web.testing.Archive;
import jakarta.inject.Inject;
import java.io.BufferedReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Throughput through the Kafka article bus (docs/benchmarks.md, "Kafka bus"): NDJSON pushes of real news to an
 * application with {@code vigil.bus=kafka} against a real KRaft broker in this JVM, with the benchmark rules live.
 * Prints the rate at which pushes were accepted (the broker acknowledged every line) and the rate at which the
 * consumers stored and matched them end to end. Run with {@code ./vigil bench kafka}
 * ({@code -Dvigil.bench.articles=N}, default 2,000; {@code -Dvigil.bench.rules=N}, default 1,000).
 */
@QuarkusTest
@Tag("benchmark")
@TestProfile(KafkaBusBenchmark.OnKafka.class)
@QuarkusTestResource(value = KafkaBroker.class, restrictToAnnotatedClass = true)
class KafkaBusBenchmark {

    /** Its own profile, so the broker's settings reach only this application. */
    public static class OnKafka implements QuarkusTestProfile {}

    private static final int LINES = 500;
    private static final int CLIENTS = 2;

    @Inject
    DataSource dataSource;

    @Test
    void pushesThroughTheBus() throws Exception {
        Archive.awaitReady();
        int count = Integer.getInteger("vigil.bench.articles", 2_000);
        List<String> lines =
                corpusLines(count, "Kafka Bench " + UUID.randomUUID().toString().substring(0, 8));
        Assumptions.assumeTrue(lines.size() == count, "the corpora hold too few articles");
        List<String> bodies = new ArrayList<>();
        for (int from = 0; from < lines.size(); from += LINES) {
            bodies.add(String.join("\n", lines.subList(from, Math.min(lines.size(), from + LINES))));
        }
        // Warm-up: one small batch through every step, so the rates are not about the first request.
        given().contentType("application/x-ndjson")
                .body(String.join("\n", corpusLines(50, "Kafka Warm-up " + UUID.randomUUID()))
                        .getBytes(StandardCharsets.UTF_8))
                .post("/api/ingest")
                .then()
                .statusCode(202);
        // The warm-up's articles are stored before the count starts.
        await().atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofMillis(50))
                .until(KafkaBusBenchmark::consumed);
        long storedBefore = articles();

        long started = System.nanoTime();
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        List<Future<Integer>> answers = new ArrayList<>();
        for (String body : bodies) {
            answers.add(clients.submit(() -> given().contentType("application/x-ndjson")
                    .body(body.getBytes(StandardCharsets.UTF_8))
                    .post("/api/ingest")
                    .then()
                    .statusCode(202)
                    .extract()
                    .<Integer>path("accepted")));
        }
        int accepted = 0;
        for (Future<Integer> answer : answers) {
            accepted += answer.get();
        }
        long acceptedAt = System.nanoTime();
        clients.shutdown();
        await("the consumers finish")
                .atMost(Duration.ofMinutes(10))
                .pollInterval(Duration.ofMillis(50))
                .until(KafkaBusBenchmark::consumed);
        long storedAt = System.nanoTime();
        long stored = articles() - storedBefore;

        double acceptSeconds = (acceptedAt - started) / 1e9;
        double storeSeconds = (storedAt - started) / 1e9;
        System.out.printf(
                "%nKafka bus benchmark, %s, %d cores, load average %s, %d rules, %d consumer(s), %d partitions%n",
                java.time.Instant.now(),
                Runtime.getRuntime().availableProcessors(),
                loadAverage(),
                Integer.getInteger("vigil.bench.rules", 0),
                KafkaBroker.CONSUMERS,
                KafkaBroker.PARTITIONS);
        System.out.printf(
                "NDJSON batches of %d from %d clients: %d accepted in %.2f s (%.0f articles/s accepted);"
                        + " all consumed (stored or found to be copies) after %.2f s (%.0f articles/s end to end;"
                        + " %d new articles)%n",
                LINES,
                CLIENTS,
                accepted,
                acceptSeconds,
                accepted / acceptSeconds,
                storeSeconds,
                accepted / storeSeconds,
                stored);
    }

    private static boolean consumed() throws Exception {
        return KafkaBroker.consumedToEnd("vigil");
    }

    private long articles() throws Exception {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement("select count(*) from article");
                ResultSet row = select.executeQuery()) {
            row.next();
            return row.getLong(1);
        }
    }

    /** {@code count} NDJSON lines of BBC and Reuters articles, each under its own outlet name of this run. */
    private static List<String> corpusLines(int count, String outlet) throws Exception {
        ObjectMapper json = new ObjectMapper();
        List<String> lines = new ArrayList<>();
        for (String file : List.of("bbc_news_zitros.jsonl", "reuters21578.jsonl")) {
            Path path = Path.of(System.getProperty("vigil.shared.dir", "../../shared"), "corpus", file);
            Assumptions.assumeTrue(
                    Files.exists(path), "SKIPPED: " + path + " not found (the corpora live in ../shared)");
            try (BufferedReader reader = Files.newBufferedReader(path)) {
                String line;
                while ((line = reader.readLine()) != null && lines.size() < count) {
                    JsonNode node = json.readTree(line);
                    String title = node.path("title").asText("").strip();
                    String body = TextCleaner.normalizeBody(node.path("text").asText(""));
                    if (!title.isBlank() && !body.isBlank()) {
                        lines.add(json.writeValueAsString(Map.of("title", title, "body", body, "source", outlet)));
                    }
                }
            }
        }
        return lines;
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (Exception e) {
            return "unknown";
        }
    }
}
