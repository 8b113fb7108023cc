package io.vigil.web.configuration;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vigil.engine.watch.WatchRule;
import io.vigil.web.testing.Archive;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./vigil export} and {@code ./vigil import} as the shell runs them ({@link ImportCommand}), against this running
 * Vigil with an admin's API token: the export is written to a file, a changed file is applied, a broken one is refused
 * with its problems on stderr and exit code 1, and secrets come from the environment.
 */
@QuarkusTest
class ImportCommandTest {

    @TestHTTPResource("/")
    URI base;

    @TempDir
    Path folder;

    private final String tag = UUID.randomUUID().toString().substring(0, 8);
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void archiveIsReady() {
        Archive.awaitReady();
    }

    private Map<String, String> environment(String... more) {
        String token = given().contentType(ContentType.JSON)
                .body(Map.of("name", "cli " + tag))
                .post("/api/tokens")
                .then()
                .statusCode(201)
                .extract()
                .path("token");
        Map<String, String> environment =
                new java.util.HashMap<>(Map.of("VIGIL_URL", base.toString(), "VIGIL_TOKEN", token));
        for (int i = 0; i + 1 < more.length; i += 2) {
            environment.put(more[i], more[i + 1]);
        }
        return environment;
    }

    private int run(Map<String, String> environment, String... args) {
        out.reset();
        err.reset();
        return ImportCommand.run(
                List.of(args),
                environment,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void aFileThatIsNotADocumentOrAVigilThatDoesNotAnswerIsToldInAWord() throws Exception {
        Map<String, String> environment = environment();
        Path missing = folder.resolve("nowhere.json");
        assertThat(run(environment, "import", missing.toString())).isEqualTo(1);
        assertThat(err.toString()).contains("there is no file " + missing);

        Path broken = Files.writeString(folder.resolve("broken.json"), "{\n  kind: 1\n}\n");
        assertThat(run(environment, "import", broken.toString())).isEqualTo(1);
        assertThat(err.toString())
                .contains(broken + " is not JSON (line 2, column 3)")
                .doesNotContain("REDACTED")
                .doesNotContain("Exception");

        Path list = Files.writeString(folder.resolve("list.json"), "[]\n");
        assertThat(run(environment, "import", list.toString())).isEqualTo(1);
        assertThat(err.toString())
                .contains(list + " is not a configuration document")
                .doesNotContain("Exception");

        Map<String, String> nobody = new java.util.HashMap<>(environment);
        nobody.put("VIGIL_URL", "http://127.0.0.1:9");
        assertThat(run(nobody, "export")).isEqualTo(1);
        assertThat(err.toString())
                .contains("nothing answers at http://127.0.0.1:9")
                .doesNotContain("null");
    }

    @Test
    void theShellExportsToAFileAndAppliesAChangedOneWithSecretsFromTheEnvironment() throws Exception {
        Map<String, String> environment = environment();
        Path file = folder.resolve("vigil-config.json");

        assertThat(run(environment, "export", file.toString()))
                .as(err.toString())
                .isZero();
        String exported = Files.readString(file);
        assertThat(exported).contains("\"kind\" : \"vigil-configuration\"");

        String secretName = "CHANNEL_HOOK_" + tag.toUpperCase(java.util.Locale.ROOT) + "_SECRET";
        JsonObject document = new JsonObject(exported);
        document.getJsonArray("channels")
                .add(new JsonObject()
                        .put("name", "hook " + tag)
                        .put("type", "webhook")
                        .put(
                                "config",
                                new JsonObject()
                                        .put("url", "https://hooks.example.org/shell")
                                        .put("secret", "${" + secretName + "}")));
        document.getJsonArray("rules")
                .add(new JsonObject()
                        .put("name", "Shell " + tag)
                        .put("query", "storm AND coast")
                        .put(
                                "routes",
                                new JsonArray()
                                        .add(new JsonObject()
                                                .put("channel", "hook " + tag)
                                                .put("delivery", "hourly"))));
        document.getJsonArray("secrets").add(secretName);
        String changed = document.encodePrettily();
        Path edited = folder.resolve("edited.json");
        Files.writeString(edited, changed);

        assertThat(run(environment, "import", edited.toString()))
                .as(out + " / " + err)
                .isEqualTo(1);
        assertThat(err.toString()).contains("Refused, nothing was applied").contains(secretName);

        Map<String, String> withSecret = new java.util.HashMap<>(environment);
        String secret = "whsec_"
                + java.util.Base64.getEncoder().encodeToString(("env-" + tag + "-" + UUID.randomUUID()).getBytes());
        withSecret.put(secretName, secret);
        assertThat(run(withSecret, "import", edited.toString(), "--dry-run"))
                .as(err.toString())
                .isZero();
        assertThat(out.toString()).contains("created rule 'Shell " + tag + "'").contains("Dry run");
        assertThat(QuarkusTransaction.requiringNew().call(() -> WatchRule.count("name", "Shell " + tag)))
                .isZero();

        assertThat(run(withSecret, "import", edited.toString()))
                .as(err.toString())
                .isZero();
        assertThat(out.toString())
                .contains("created channel 'hook " + tag + "'")
                .contains("created rule 'Shell " + tag + "'")
                .contains("Applied.");
        var stored = QuarkusTransaction.requiringNew()
                .call(() -> io.vigil.alerts.channel.Channel.findByName("hook " + tag)
                        .orElseThrow()
                        .config);
        assertThat(io.quarkus.arc.Arc.container()
                        .instance(io.vigil.engine.secret.Secrets.class)
                        .get()
                        .opened(stored)
                        .get("secret"))
                .isEqualTo(secret);
    }

    @Test
    void withoutATokenTheShellSaysWhatIsMissing() {
        assertThat(run(Map.of("VIGIL_URL", base.toString()), "export")).isEqualTo(2);
        assertThat(err.toString()).contains("VIGIL_TOKEN");
        assertThat(run(Map.of(), "import")).isEqualTo(2);
        assertThat(err.toString()).contains("usage");
    }
}
