package io.vigil.web.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vigil.web.testing.TcpForwarder;
import io.vigil.web.testing.VigilProcess;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Starts the packaged Vigil while its PostgreSQL is unreachable: it must come up, say so in one clear log line without
 * a stack trace, report not-ready, and become ready by itself once the database appears.
 */
class DatabaseOutageIT {

    private static final String DATABASE = VigilProcess.databaseName("it_outage");

    @Test
    void startsWithoutItsDatabaseSaysSoOnceAndRecoversWhenItAppears() throws Exception {
        try (Connection admin =
                        DriverManager.getConnection("jdbc:postgresql://localhost:5432/postgres", "postgres", "");
                Statement statement = admin.createStatement()) {
            statement.execute("drop database if exists " + DATABASE + " with (force)");
            statement.execute("create database " + DATABASE);
        }
        // The database "comes up" when the forwarder starts listening on the port Vigil was told to use.
        int databasePort = VigilProcess.freePort();
        try (TcpForwarder database = new TcpForwarder(databasePort, new InetSocketAddress("127.0.0.1", 5432));
                VigilProcess vigil = VigilProcess.withDatabaseUrl(
                        DATABASE,
                        "jdbc:postgresql://127.0.0.1:" + databasePort + "/" + DATABASE,
                        Map.of("VIGIL_DATABASE_RETRY_EVERY", "PT1S"))) {
            vigil.launch();
            HttpClient client = HttpClient.newHttpClient();

            await("Vigil answers while its database is down")
                    .atMost(Duration.ofSeconds(90))
                    .ignoreExceptions()
                    .until(() -> status(client, vigil.baseUrl() + "/q/health/live") == 200);
            HttpResponse<String> notReady = get(client, vigil.baseUrl() + "/q/health/ready");
            assertThat(notReady.statusCode()).isEqualTo(503);
            assertThat(checks(notReady))
                    .as("anyone sees which checks are down, each as its name and status only")
                    .contains(
                            Map.of("name", "Database connections health check", "status", "DOWN"),
                            Map.of("name", "archive", "status", "DOWN"))
                    .allSatisfy(check -> assertThat(check.keySet()).containsOnly("name", "status"));
            assertThat(notReady.body())
                    .as("nothing of why: no driver's error, address or database user")
                    .doesNotContain(String.valueOf(databasePort))
                    .doesNotContain("127.0.0.1")
                    .doesNotContain("postgres")
                    .doesNotContain(DATABASE);
            // credentials cannot be checked without the database: that is a 503 (try later), not a 401 or a 500
            HttpResponse<String> signedIn = client.send(
                    HttpRequest.newBuilder(URI.create(vigil.baseUrl() + "/api/articles"))
                            .header(
                                    "Authorization",
                                    "Basic "
                                            + java.util.Base64.getEncoder()
                                                    .encodeToString((io.vigil.web.testing.SignedInAsAdmin.USER + ":"
                                                                    + io.vigil.web.testing.SignedInAsAdmin.PASSWORD)
                                                            .getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                            .timeout(Duration.ofSeconds(60))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(signedIn.statusCode()).isEqualTo(503);
            assertThat(signedIn.headers().firstValue("Content-Type")).contains("application/problem+json");
            await("the outage is logged").atMost(Duration.ofSeconds(30)).until(() -> logLines(vigil).stream()
                    .anyMatch(line -> line.contains("Cannot open the archive")));

            database.open();

            vigil.awaitReady(Duration.ofSeconds(60));
            assertThat(vigil.isAlive()).isTrue();
            List<String> log = logLines(vigil);
            assertThat(log.stream().filter(line -> line.contains("Cannot open the archive")))
                    .as("the outage is reported once, not on every retry")
                    .hasSize(1);
            assertThat(log.stream()
                            .filter(line -> line.contains("Cannot open the archive"))
                            .findFirst()
                            .orElseThrow())
                    .contains("127.0.0.1:" + databasePort)
                    .contains("retrying");
            assertThat(log).as("no stack trace in the log").noneMatch(line -> line.startsWith("\tat "));
            assertThat(log).anyMatch(line -> line.contains("reachable now"));
            assertThat(log.stream().filter(line -> line.contains("Health check 'Database connections health check'")))
                    .as("the datasource check's error is logged once when it goes down, once when it is up again,"
                            + " however often it was asked in between")
                    .hasSize(2)
                    .satisfiesExactly(
                            down -> assertThat(down).contains("is DOWN").contains(String.valueOf(databasePort)),
                            up -> assertThat(up).contains("is UP again"));
            HttpResponse<String> ready = get(client, vigil.baseUrl() + "/q/health/ready");
            assertThat(ready.statusCode()).isEqualTo(200);
            assertThat(checks(ready))
                    .contains(
                            Map.of("name", "Database connections health check", "status", "UP"),
                            Map.of("name", "archive", "status", "UP"));
        }
    }

    private static int status(HttpClient client, String url) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    private static HttpResponse<String> get(HttpClient client, String url) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static List<Map<String, Object>> checks(HttpResponse<String> health) {
        return io.restassured.path.json.JsonPath.from(health.body()).getList("checks");
    }

    private static List<String> logLines(VigilProcess vigil) throws Exception {
        return Files.exists(vigil.log()) ? Files.readAllLines(vigil.log()) : List.of();
    }
}
