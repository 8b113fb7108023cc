package io.vigil.web.database;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.greaterThan;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.vigil.web.testing.VigilProcess;
import io.vigil.web.testing.VigilScript;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * A first run: the packaged Vigil started with no datasource configured and no PostgreSQL at its default address comes
 * up on its embedded PostgreSQL — as root too, as CI runs it, through the system account {@code vigil-postgres} — says
 * so once, migrates, ingests the seeds, answers full-text search and the rule preview, is backed up while it runs and
 * restored while it does not, keeps its data and port across a restart, and recovers after being killed.
 */
class EmbeddedDatabaseIT {

    private static final Duration FIRST_START = Duration.ofMinutes(3);
    private static final String NOTICE = "Using the embedded PostgreSQL";

    @Test
    void aFirstRunWithoutADatabaseComesUpOnTheEmbeddedOneAndKeepsItsDataAcrossRestartsAndCrashes() throws Exception {
        Path seeds = Path.of(System.getProperty("vigil.seeds.dir", "../seeds"));
        try (VigilProcess vigil = VigilProcess.withoutDatabase(
                "it_embedded",
                Map.of("VIGIL_SOURCES_SEEDS_PATH", seeds.toAbsolutePath().toString()))) {
            vigil.launch();
            vigil.awaitReady(FIRST_START);
            Path state = vigil.workDirectory().resolve(".vigil");
            Path data = state.resolve("postgres");

            assertThat(log(vigil).stream().filter(line -> line.contains(NOTICE)))
                    .as("one line says the embedded PostgreSQL is used, and why")
                    .singleElement()
                    .asString()
                    .contains("WARN")
                    .contains(data.toAbsolutePath().toString())
                    .contains("QUARKUS_DATASOURCE_JDBC_URL is not set");
            assertThat(Files.getOwner(data).getName())
                    .as("PostgreSQL never runs as root")
                    .isEqualTo(ServerAccount.runsAsRoot() ? ServerAccount.DEDICATED : System.getProperty("user.name"));
            int port = Integer.parseInt(
                    Files.readString(state.resolve("postgres-port")).strip());
            assertThat(port).isNotEqualTo(5432);

            await("the seeds are ingested")
                    .atMost(Duration.ofSeconds(90))
                    .until(
                            () -> api(vigil)
                                    .get("/api/articles?limit=1")
                                    .then()
                                    .extract()
                                    .path("total"),
                            total -> ((Integer) total) == 8);
            api(vigil).get("/api/articles?q=border").then().statusCode(200).body("total", greaterThan(0));
            api(vigil)
                    .contentType(ContentType.JSON)
                    .body(Map.of("query", "iraq AND syria"))
                    .post("/api/rules/preview")
                    .then()
                    .statusCode(200)
                    .body("total", greaterThan(0));

            assertThat(api(vigil).get("/").then().statusCode(200).extract().asString())
                    .as("the dashboard marks the embedded database")
                    .contains("<strong class=\"embedded\">Embedded PostgreSQL</strong> 14.22")
                    .contains("configure a PostgreSQL server for production");

            try (Connection connection = embedded(state, port);
                    Connection other = embedded(state, port);
                    Statement statement = connection.createStatement()) {
                ResultSet stemmed = statement.executeQuery("select to_tsvector('english', 'fortifications')::text");
                stemmed.next();
                assertThat(stemmed.getString(1)).isEqualTo("'fortif':1");
                statement.execute("listen vigil_it");
                other.createStatement().execute("notify vigil_it, 'hello'");
                PGNotification[] notifications =
                        connection.unwrap(PGConnection.class).getNotifications(5000);
                assertThat(notifications)
                        .extracting(PGNotification::getParameter)
                        .containsExactly("hello");
            }

            Path backup = vigil.workDirectory().resolve("embedded.tar");
            Map<String, String> sameEnvironment =
                    Map.of("VIGIL_STATE_DIR", state.toString(), "PGHOST", "127.0.0.1", "PGPORT", closedPort(vigil));
            SystemCommand.Result made = VigilScript.run(sameEnvironment, "backup", backup.toString());
            assertThat(made.exitCode()).as(made.output()).isZero();
            assertThat(made.output()).contains("Backed up the embedded PostgreSQL");

            vigil.close();
            assertThat(data.resolve("postmaster.pid"))
                    .as("stopping Vigil stops its PostgreSQL")
                    .doesNotExist();

            SystemCommand.Result put = VigilScript.run(sameEnvironment, "restore", backup.toString(), "--replace");
            assertThat(put.exitCode()).as(put.output()).isZero();
            assertThat(put.output()).contains("into the embedded PostgreSQL");
            assertThat(data.resolve("postmaster.pid"))
                    .as("a restore stops the embedded PostgreSQL it started")
                    .doesNotExist();

            vigil.launch();
            vigil.awaitReady(FIRST_START);
            assertThat(Integer.parseInt(
                            Files.readString(state.resolve("postgres-port")).strip()))
                    .as("the port is remembered")
                    .isEqualTo(port);
            assertThat(api(vigil).get("/api/articles?limit=1").then().extract().<Integer>path("total"))
                    .as("the archive is kept across restarts")
                    .isEqualTo(8);

            vigil.kill();
            assertThat(data.resolve("postmaster.pid"))
                    .as("a killed Vigil leaves its PostgreSQL running")
                    .exists();
            vigil.launch();
            vigil.awaitReady(FIRST_START);
            assertThat(log(vigil)).anyMatch(line -> line.contains("did not stop cleanly left running"));
            assertThat(api(vigil).get("/api/articles?limit=1").then().extract().<Integer>path("total"))
                    .isEqualTo(8);
        }
    }

    /** The closed port the test gave Vigil as its default PostgreSQL address. */
    private static String closedPort(VigilProcess vigil) throws Exception {
        return vigil.environmentValue("PGPORT");
    }

    private static RequestSpecification api(VigilProcess vigil) {
        return given().baseUri(vigil.baseUrl());
    }

    private static Connection embedded(Path state, int port) throws Exception {
        Properties properties = new Properties();
        properties.setProperty("user", "postgres");
        properties.setProperty(
                "password", Files.readString(state.resolve("postgres-password")).strip());
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres", properties);
    }

    private static List<String> log(VigilProcess vigil) throws Exception {
        return Files.exists(vigil.log()) ? Files.readAllLines(vigil.log()) : List.of();
    }
}
