package io.vigil.web.backup;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.vigil.web.database.SystemCommand;
import io.vigil.web.testing.VigilProcess;
import io.vigil.web.testing.VigilScript;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;

/**
 * {@code ./vigil backup} of a populated Vigil on a PostgreSQL server and {@code ./vigil restore} into a fresh database:
 * the restored Vigil answers the same for articles, stories, rules and channels, and has the secrets key back. A
 * restore is refused while Vigil runs on the target, into a database that is not empty (unless replacing), and from a
 * newer schema than this Vigil's, naming both versions.
 */
class BackupRestoreIT {

    private static final List<String> CHECKED =
            List.of("/api/articles?limit=100", "/api/stories?limit=100", "/api/rules", "/api/channels");

    @Test
    void aRestoredBackupAnswersAsTheOriginalAndBadRestoresAreRefused() throws Exception {
        Path seeds = Path.of(System.getProperty("vigil.seeds.dir", "../seeds")).toAbsolutePath();
        Map<String, String> before = new LinkedHashMap<>();
        Path backup;
        // A secrets key as ./vigil start writes one: the base64 of 32 bytes, and a line end.
        byte[] key = (io.vigil.engine.secret.SecretsKeys.generate() + "\n").getBytes(StandardCharsets.UTF_8);
        try (VigilProcess original = VigilProcess.withFreshDatabase(
                "it_backup_original", Map.of("VIGIL_SOURCES_SEEDS_PATH", seeds.toString()))) {
            Path state = original.workDirectory().resolve(".vigil");
            Files.createDirectories(state);
            Files.write(state.resolve("secrets-key"), key);
            original.start();
            await("the seeds are ingested").atMost(Duration.ofSeconds(90)).until(() -> api(original)
                    .get("/api/articles?limit=1")
                    .then()
                    .extract()
                    .<Integer>path("total")
                    .equals(8));
            api(original)
                    .contentType(ContentType.JSON)
                    .body(Map.of(
                            "type",
                            "webhook",
                            "name",
                            "desk",
                            "config",
                            Map.of(
                                    "url",
                                    "http://127.0.0.1:9/hook",
                                    "secret",
                                    "whsec_c2VjcmV0LWtleS1vZi10aGlydHktdHdvLWJ5dGVzISE=")))
                    .post("/api/channels")
                    .then()
                    .statusCode(201);
            api(original)
                    .contentType(ContentType.JSON)
                    .body(Map.of("name", "border", "query", "border wall"))
                    .post("/api/rules")
                    .then()
                    .statusCode(201);
            for (String path : CHECKED) {
                before.put(
                        path,
                        api(original).get(path).then().statusCode(200).extract().asString());
            }

            backup = original.workDirectory().resolve("vigil.tar");
            SystemCommand.Result made = VigilScript.run(environment(original), "backup", backup.toString());
            assertThat(made.exitCode()).as(made.output()).isZero();
            assertThat(made.output()).contains("schema version").contains("holds the secrets key");
            assertThat(Files.getPosixFilePermissions(backup)).hasSize(2); // rw------- : it holds the key
        }

        try (VigilProcess restored = VigilProcess.withFreshDatabase("it_backup_restored", Map.of())) {
            SystemCommand.Result put = VigilScript.run(environment(restored), "restore", backup.toString());
            assertThat(put.exitCode()).as(put.output()).isZero();
            assertThat(restored.workDirectory().resolve(".vigil/secrets-key")).hasBinaryContent(key);

            restored.start();
            for (String path : CHECKED) {
                assertThat(api(restored)
                                .get(path)
                                .then()
                                .statusCode(200)
                                .extract()
                                .asString())
                        .as(path + " answers as before the backup")
                        .isEqualTo(before.get(path));
            }

            SystemCommand.Result whileRunning = VigilScript.run(environment(restored), "restore", backup.toString());
            assertThat(whileRunning.exitCode()).isEqualTo(1);
            assertThat(whileRunning.output()).contains("Vigil is running on").contains("stop it before restoring");

            restored.close();
            SystemCommand.Result intoUsed = VigilScript.run(environment(restored), "restore", backup.toString());
            assertThat(intoUsed.exitCode()).isEqualTo(1);
            assertThat(intoUsed.output()).contains("is not empty").contains("--replace");

            SystemCommand.Result replaced =
                    VigilScript.run(environment(restored), "restore", backup.toString(), "--replace");
            assertThat(replaced.exitCode()).as(replaced.output()).isZero();
            assertThat(restored.workDirectory().resolve(".vigil/backups"))
                    .as("what a restore replaces is backed up first")
                    .isNotEmptyDirectory();
        }

        Path newer = backup.resolveSibling("newer.tar");
        withSchemaVersion(backup, newer, "999");
        try (VigilProcess older = VigilProcess.withFreshDatabase("it_backup_newer", Map.of())) {
            SystemCommand.Result refused = VigilScript.run(environment(older), "restore", newer.toString());
            assertThat(refused.exitCode()).isEqualTo(1);
            assertThat(refused.output())
                    .contains("The backup's schema is version 999")
                    .containsPattern("this Vigil knows versions up to \\d+");
        }
    }

    private static Map<String, String> environment(VigilProcess vigil) {
        return Map.of(
                "QUARKUS_DATASOURCE_JDBC_URL", vigil.databaseUrl(),
                "VIGIL_STATE_DIR", vigil.workDirectory().resolve(".vigil").toString());
    }

    private static RequestSpecification api(VigilProcess vigil) {
        return given().baseUri(vigil.baseUrl());
    }

    /** A copy of {@code source} whose manifest claims {@code version}: a backup made by a newer Vigil. */
    private static void withSchemaVersion(Path source, Path target, String version) throws Exception {
        try (InputStream in = Files.newInputStream(source);
                TarArchiveInputStream tar = new TarArchiveInputStream(in);
                OutputStream out = Files.newOutputStream(target);
                TarArchiveOutputStream copy = new TarArchiveOutputStream(out)) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                byte[] content = tar.readAllBytes();
                if (entry.getName().equals("vigil-backup.properties")) {
                    content = new String(content, StandardCharsets.UTF_8)
                            .replaceAll("schemaVersion=.*", "schemaVersion=" + version)
                            .getBytes(StandardCharsets.UTF_8);
                }
                TarArchiveEntry changed = new TarArchiveEntry(entry.getName());
                changed.setSize(content.length);
                copy.putArchiveEntry(changed);
                copy.write(content);
                copy.closeArchiveEntry();
            }
            copy.finish();
        }
    }
}
