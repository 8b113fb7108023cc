package io.vigil.web.plugin;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.vigil.spi.SpiVersion;
import io.vigil.web.testing.Archive;
import io.vigil.web.testing.FeedServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;

/**
 * The example plugin of docs/plugins.md, built by the main build from {@code examples/jsonfeed-source}, installed as a
 * user would — the folder its packaging helper made, its jar and its own JSON library (Gson), copied into
 * {@code plugins/jsonfeed/} — next to a broken plugin, one built for another SPI and a second copy of itself.
 * Vigil starts, lists it with its form, reports the other two, and reads a JSON Feed through it end to end.
 */
@QuarkusTest
@TestProfile(ThirdPartyPluginTest.ExamplePluginInstalled.class)
class ThirdPartyPluginTest {

    /**
     * A plugins folder with the example plugin, a copy of it (a duplicate type), a plugin that cannot load and one
     * built for another SPI version.
     */
    public static class ExamplePluginInstalled implements QuarkusTestProfile {
        /** A plugin jar whose service names a class it does not hold, declaring {@code spiVersion}. */
        static void brokenPlugin(Path folder, String spiVersion) throws IOException {
            Files.createDirectories(folder);
            Manifest manifest = new Manifest();
            manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
            manifest.getMainAttributes().putValue(SpiVersion.MANIFEST_ATTRIBUTE, spiVersion);
            try (JarOutputStream out = new JarOutputStream(
                    Files.newOutputStream(folder.resolve(folder.getFileName() + ".jar")), manifest)) {
                out.putNextEntry(new JarEntry("META-INF/services/io.vigil.spi.Plugin"));
                out.write("com.example.MissingPlugin\n".getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
        }

        @Override
        public Map<String, String> getConfigOverrides() {
            try {
                // The folder the example's packaging helper made: its jar and its own library (Gson).
                Path packaged = Path.of(
                        System.getProperty(
                                "vigil.example.plugin.folder",
                                "../examples/jsonfeed-source/target/vigil-jsonfeed-source-1.0.0-vigil-plugin/plugins/jsonfeed"));
                if (!Files.isRegularFile(packaged.resolve("vigil-jsonfeed-source-1.0.0.jar"))) {
                    throw new IllegalStateException("the example plugin is not packaged: " + packaged.toAbsolutePath()
                            + " is missing; run ./mvnw -pl examples/jsonfeed-source install (the full build does)");
                }
                Path plugins = Files.createTempDirectory("vigil-plugins");
                for (String name : List.of("jsonfeed", "jsonfeed-copy")) {
                    Files.createDirectories(plugins.resolve(name));
                    try (var files = Files.list(packaged)) {
                        for (Path file : files.toList()) {
                            Files.copy(file, plugins.resolve(name).resolve(file.getFileName()));
                        }
                    }
                }
                brokenPlugin(plugins.resolve("broken"), SpiVersion.CURRENT);
                brokenPlugin(plugins.resolve("future"), "2.0");
                return Map.of("vigil.sources.plugins-path", plugins.toString());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    static final String FEED =
            """
            {
              "version": "https://jsonfeed.org/version/1.1",
              "title": "Desert Dispatch",
              "language": "en",
              "items": [
                {
                  "id": "dispatch-1",
                  "url": "https://dispatch.example/2025/03/well-reopens",
                  "title": "Village Well Reopens After Repairs",
                  "content_text": "The village well reopened on Tuesday after a month of repairs.\\n\\nEngineers replaced the pump and lined the shaft with stone.",
                  "date_published": "2025-03-11T09:00:00Z"
                },
                {
                  "id": "dispatch-2",
                  "url": "https://dispatch.example/2025/03/caravan-route",
                  "title": "Caravan Route Marked With New Cairns",
                  "content_html": "<p>Volunteers marked the old caravan route with new cairns this week.</p><p>The route had been lost to drifting sand.</p>",
                  "date_published": "2025-03-12T09:00:00Z"
                }
              ]
            }
            """;

    @Test
    void theInstalledPluginIsListedWithItsFormAndTheBrokenOnesAreReported() {
        Archive.awaitReady(); // the admin the requests sign in as exists once the archive is ready
        JsonPath plugins =
                given().get("/api/plugins").then().statusCode(200).extract().jsonPath();

        Map<String, Object> jsonfeed = plugins.getMap("items.find { it.type == 'jsonfeed' }");
        assertThat(jsonfeed).containsEntry("kind", "source").containsEntry("label", "JSON Feed");
        assertThat((String) jsonfeed.get("origin")).endsWith("jsonfeed");
        assertThat(plugins.getList("items.find { it.type == 'jsonfeed' }.config.name", String.class))
                .containsExactly("url", "max-items");
        assertThat(plugins.getBoolean("items.find { it.type == 'jsonfeed' }.config.find { it.name == 'url' }.required"))
                .isTrue();
        assertThat(plugins.getList("items.type", String.class)).contains("rss", "folder");
        List<String> problems = plugins.getList("problems", String.class);
        assertThat(problems)
                .hasSize(3)
                .anySatisfy(p -> assertThat(p)
                        .contains("jsonfeed-copy")
                        .contains("'jsonfeed'")
                        .contains("already"))
                .anySatisfy(p -> assertThat(p).contains("broken").contains("com.example.MissingPlugin"))
                .anySatisfy(p -> assertThat(p)
                        .contains("future")
                        .contains("was built for SPI 2.0, but this Vigil provides SPI " + SpiVersion.CURRENT));

        String page = given().get("/plugins").then().statusCode(200).extract().asString();
        assertThat(page)
                .contains("<h1>Plugins</h1>")
                .contains("<code>jsonfeed</code>")
                .contains("was built for SPI 2.0")
                .contains("com.example.MissingPlugin");
    }

    @Test
    void aJsonFeedSourceFetchesArticlesEndToEnd() throws Exception {
        Archive.awaitReady();
        try (FeedServer server = new FeedServer()) {
            server.serve("/feed.json", "application/feed+json", FEED);
            int id = given().contentType(ContentType.JSON)
                    .body(Map.of(
                            "type",
                            "jsonfeed",
                            "name",
                            "Desert Dispatch",
                            "config",
                            Map.of("url", server.url("/feed.json")),
                            "enabled",
                            false))
                    .post("/api/sources")
                    .then()
                    .statusCode(201)
                    .body("intervalSeconds", equalTo(900))
                    .extract()
                    .path("id");

            given().post("/api/sources/" + id + "/fetch")
                    .then()
                    .statusCode(200)
                    .body("newArticles", equalTo(2))
                    .body("error", equalTo(null));
            given().post("/api/sources/" + id + "/fetch").then().statusCode(200).body("newArticles", equalTo(0));

            JsonPath articles =
                    given().get("/api/articles?q=cairns").then().extract().jsonPath();
            assertThat(articles.getList("items.title", String.class)).contains("Caravan Route Marked With New Cairns");
            assertThat(articles.getList("items.source", String.class)).contains("Desert Dispatch");
            assertThat(given().get("/api/articles?q=well")
                            .then()
                            .extract()
                            .jsonPath()
                            .getList("items.url", String.class))
                    .contains("https://dispatch.example/2025/03/well-reopens");
            given().get("/api/sources/" + id)
                    .then()
                    .body("health.lastSuccessAt", notNullValue())
                    .body("health.lastError", nullValue());
        }
    }
}
