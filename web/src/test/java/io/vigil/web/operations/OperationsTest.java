package io.vigil.web.operations;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vigil.web.testing.Archive;
import io.vigil.web.testing.WebhookReceiver;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Operations made visible: the dashboard's panel (version, database, archive growth, outbox backlog with its oldest
 * notification), and {@code /q/metrics} as {@code docs/operations.md} lists it and {@code docker/grafana-dashboard.json}
 * charts it — every metric the dashboard uses exists, and every Vigil metric is documented.
 */
@QuarkusTest
class OperationsTest {

    private static final Path REPOSITORY = Path.of(System.getProperty("vigil.repository.dir", ".."));
    private static final Pattern METRIC = Pattern.compile("\\b((?:vigil|jvm|process|http_server)_[a-z0-9_]+)\\b");

    @BeforeEach
    void archiveIsReady() {
        Archive.awaitReady();
    }

    @Test
    void theDashboardShowsVersionDatabaseArchiveAndTheWaitingNotifications() throws Exception {
        // a receiver that holds each request: the notification stays in the outbox while the test looks
        try (WebhookReceiver holding = WebhookReceiver.slow(Duration.ofSeconds(30))) {
            int channel = createsEverythingTheMetricsCount(holding);
            try {
                await("a notification waits in the outbox")
                        .atMost(Duration.ofSeconds(30))
                        .untilAsserted(() -> assertThat(given().get("/")
                                        .then()
                                        .statusCode(200)
                                        .extract()
                                        .asString())
                                .contains("waiting</span>, the oldest since"));
            } finally {
                holding.release();
                given().delete("/api/channels/" + channel);
            }
        }
        String page = given().get("/").then().statusCode(200).extract().asString();
        assertThat(page)
                .contains("<h2 id=\"operations\">Operations</h2>")
                .contains("<dt>Vigil</dt>\n    <dd>0.")
                .containsPattern(
                        "PostgreSQL [0-9.]+ server at <code>localhost:5432/[a-z0-9_]+</code> · [0-9.]+ (kB|MB)")
                .doesNotContain("Embedded PostgreSQL")
                .containsPattern("[0-9]+ articles · [0-9.]+ (kB|MB) · [0-9]+ today")
                .contains("aria-label=\"Articles per day, last 14 days\"");
    }

    @Test
    void everyMetricOfTheGrafanaDashboardExistsAndEveryVigilMetricIsDocumented() throws Exception {
        try (WebhookReceiver receiver = WebhookReceiver.answering(200)) {
            createsEverythingTheMetricsCount(receiver);
            await("a delivery is counted").atMost(Duration.ofSeconds(30)).until(() -> metrics()
                    .contains("vigil_deliveries_total"));
        }
        await("the operations gauges are measured")
                .atMost(Duration.ofSeconds(60))
                .until(() -> !metrics().contains("vigil_database_size_bytes NaN"));
        String metrics = metrics();
        Set<String> exposed = metrics.lines()
                .filter(line -> !line.startsWith("#") && !line.isBlank())
                .map(line -> line.split("[{ ]", 2)[0])
                .collect(Collectors.toCollection(TreeSet::new));

        JsonNode dashboard = new ObjectMapper()
                .readTree(REPOSITORY.resolve("docker/grafana-dashboard.json").toFile());
        assertThat(dashboard.path("panels").size()).isGreaterThan(10);
        Set<String> charted = new TreeSet<>();
        for (JsonNode panel : dashboard.path("panels")) {
            for (JsonNode target : panel.path("targets")) {
                Matcher matcher = METRIC.matcher(target.path("expr").asText());
                while (matcher.find()) {
                    charted.add(matcher.group(1));
                }
            }
        }
        assertThat(charted).as("the dashboard charts Vigil's own metrics").anyMatch(name -> name.startsWith("vigil_"));
        assertThat(exposed)
                .as("every metric the Grafana dashboard uses is in /q/metrics")
                .containsAll(charted);

        String documentation = Files.readString(REPOSITORY.resolve("docs/operations.md"));
        List<String> families = metrics.lines()
                .filter(line -> line.startsWith("# TYPE vigil_"))
                .map(line -> line.split(" ")[2])
                .distinct()
                .toList();
        assertThat(families).isNotEmpty();
        assertThat(families)
                .as("docs/operations.md lists every Vigil metric")
                .allMatch(family -> documentation.contains("`" + family + "`"));
    }

    /** A rule, a webhook channel to {@code receiver}, a matching push and a source that fails to fetch. */
    private static int createsEverythingTheMetricsCount(WebhookReceiver receiver) {
        int channel = given().contentType(ContentType.JSON)
                .body(Map.of(
                        "type", "webhook", "name", "ops " + System.nanoTime(), "config", Map.of("url", receiver.url())))
                .post("/api/channels")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        String word = "operationsword" + System.nanoTime() % 100000;
        int rule = given().contentType(ContentType.JSON)
                .body(Map.of("name", "ops " + word, "query", word, "channels", List.of(channel)))
                .post("/api/rules")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        // a new rule reaches live matching within a second or so: push until it has matched
        await("the rule alerts")
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> {
                    given().contentType(ContentType.JSON)
                            .body(Map.of(
                                    "title", "A report about " + word + " " + System.nanoTime(),
                                    "body", "The " + word + " was seen today, " + System.nanoTime() + "."))
                            .post("/api/ingest")
                            .then()
                            .statusCode(200);
                    return given().get("/api/alerts?ruleId=" + rule)
                                    .then()
                                    .extract()
                                    .<Integer>path("total")
                            > 0;
                });
        int source = given().contentType(ContentType.JSON)
                .body(Map.of(
                        "type",
                        "rss",
                        "name",
                        "ops broken " + System.nanoTime(),
                        "enabled",
                        false,
                        "config",
                        Map.of("url", "http://127.0.0.1:9/operations-" + System.nanoTime() + ".xml")))
                .post("/api/sources")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        given().post("/api/sources/" + source + "/fetch");
        // the failed fetch is counted; the source would only clutter other tests' source lists
        given().delete("/api/sources/" + source).then().statusCode(204);
        return channel;
    }

    private static String metrics() {
        return given().get("/q/metrics").then().statusCode(200).extract().asString();
    }
}
