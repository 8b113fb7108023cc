package io.vigil.web.source;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vigil.web.testing.Archive;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class SourceResourceTest {

    @BeforeEach
    void archiveIsReady() {
        Archive.awaitReady();
    }

    @Test
    void aFolderSourceFetchesNewFilesAndShowsSkippedOnesOnItsHealth() throws Exception {
        Path folder = Files.createTempDirectory("vigil-source-test");
        Files.writeString(
                folder.resolve("one.txt"),
                """
                Rail Link Reopens After Floods

                The rail link between the two cities reopened on Sunday after a week of repairs.

                Engineers said the embankment had been rebuilt with stone.
                """);
        Files.write(folder.resolve("broken.txt"), new byte[] {(byte) 0xFF, (byte) 0xFE, 0, 0, 1, 2});
        Files.writeString(folder.resolve("empty.txt"), "");

        int id = given().contentType(ContentType.JSON)
                .body(Map.of(
                        "type",
                        "folder",
                        "name",
                        "flood-desk",
                        // disabled: only this test's "fetch now" runs it, never the scheduler in between
                        "enabled",
                        false,
                        "interval",
                        "1h",
                        "config",
                        Map.of("path", folder.toString())))
                .post("/api/sources")
                .then()
                .statusCode(201)
                .body("intervalSeconds", equalTo(3600))
                .extract()
                .path("id");

        given().post("/api/sources/" + id + "/fetch")
                .then()
                .statusCode(200)
                .body("newArticles", equalTo(1))
                .body("skipped.'broken.txt'", equalTo("not UTF-8 text"))
                .body("skipped.'empty.txt'", equalTo("empty"));

        Files.writeString(
                folder.resolve("two.txt"),
                """
                Port Workers End Strike

                Port workers ended a three-day strike on Monday after a pay deal.
                """);
        given().post("/api/sources/" + id + "/fetch").then().statusCode(200).body("newArticles", equalTo(1));

        given().get("/api/sources/" + id)
                .then()
                .statusCode(200)
                .body("health.status", equalTo("disabled"))
                .body("health.lastError", org.hamcrest.Matchers.nullValue())
                .body("health.skipped.item", org.hamcrest.Matchers.hasItems("broken.txt", "empty.txt"));
        assertThat(given().get("/api/articles?q=strike")
                        .then()
                        .extract()
                        .jsonPath()
                        .getList("items.title", String.class))
                .contains("Port Workers End Strike");
    }

    @Test
    void aSourceThatFailsShowsTheReasonAndLeavesOthersAlone() {
        int id = given().contentType(ContentType.JSON)
                .body(Map.of(
                        "type",
                        "folder",
                        "name",
                        "gone",
                        "enabled",
                        false,
                        "config",
                        Map.of("path", System.getProperty("java.io.tmpdir") + "/no/such/folder/anywhere")))
                .post("/api/sources")
                .then()
                .statusCode(201)
                .extract()
                .path("id");

        given().post("/api/sources/" + id + "/fetch")
                .then()
                .statusCode(200)
                .body("error", containsString("does not exist"));
        given().get("/api/sources/" + id)
                .then()
                .body("health.lastError", containsString("does not exist"))
                .body("health.consecutiveFailures", equalTo(1));
    }

    @Test
    void invalidSourcesAreRefusedWithTheFieldAtFault() {
        given().contentType(ContentType.JSON)
                .body(Map.of("type", "carrier-pigeon", "name", "x", "config", Map.of()))
                .post("/api/sources")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("field", equalTo("type"))
                .body("detail", containsString("folder"));
        given().contentType(ContentType.JSON)
                .body(Map.of("type", "folder", "name", "no-path", "config", Map.of()))
                .post("/api/sources")
                .then()
                .statusCode(400)
                .body("field", equalTo("config.path"));
        given().contentType(ContentType.JSON)
                .body(Map.of("type", "folder", "name", "typo", "config", Map.of("path", "/tmp", "pth", "x")))
                .post("/api/sources")
                .then()
                .statusCode(400)
                .body("detail", containsString("pth"));
        given().contentType(ContentType.JSON)
                .body(Map.of("type", "folder", "name", "seeds", "config", Map.of("path", "/tmp")))
                .post("/api/sources")
                .then()
                .statusCode(400)
                .body("field", equalTo("name"));
        given().contentType(ContentType.JSON)
                .body(Map.of("type", "folder", "name", "fast", "interval", "1s", "config", Map.of("path", "/tmp")))
                .post("/api/sources")
                .then()
                .statusCode(400)
                .body("field", equalTo("interval"));
        given().contentType(ContentType.JSON)
                .body(Map.of("type", "folder", "name", "fast", "config", Map.of("path", "/tmp", "interval", "1h")))
                .post("/api/sources")
                .then()
                .statusCode(400)
                .body("field", equalTo("config.interval"))
                .body("detail", containsString("interval"));
    }

    @Test
    void aPathTheFileSystemCannotNameIsA400NamingTheFieldWhenSavedOrTried() {
        Map<String, Object> withNul =
                Map.of("type", "folder", "name", "nul path", "config", Map.of("path", "/tmp/seeds\u0000/../../etc"));
        for (String endpoint : new String[] {"/api/sources", "/api/sources/test"}) {
            given().contentType(ContentType.JSON)
                    .body(withNul)
                    .post(endpoint)
                    .then()
                    .statusCode(400)
                    .contentType("application/problem+json")
                    .body("field", equalTo("config.path"))
                    .body("detail", containsString("not a path this system can use"));
        }
        given().get("/api/sources").then().statusCode(200).body(not(containsString("nul path")));
    }

    @Test
    void aSettingOverTenThousandCharactersIsRefusedNamingIt() {
        given().contentType(ContentType.JSON)
                .body(Map.of(
                        "type",
                        "folder",
                        "name",
                        "long pattern",
                        "config",
                        Map.of("path", "/tmp", "pattern", "*".repeat(100_000) + ".txt")))
                .post("/api/sources")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("field", equalTo("config.pattern"))
                .body("detail", containsString("the limit is 10000 characters"));
        given().get("/api/sources").then().statusCode(200).body(not(containsString("long pattern")));
    }

    @Test
    void aFolderOutsideTheFolderRootsIsRefusedAndNotSaved() throws Exception {
        given().contentType(ContentType.JSON)
                .body(Map.of("type", "folder", "name", "system files", "config", Map.of("path", "/etc")))
                .post("/api/sources")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("field", equalTo("config.path"))
                .body("detail", containsString("outside the folders Vigil may read"));
        // A link inside a root that leads out is judged by where it leads.
        Path link = Files.createTempDirectory("vigil-roots").resolve("etc-link");
        Files.createSymbolicLink(link, Path.of("/etc"));
        given().contentType(ContentType.JSON)
                .body(Map.of(
                        "type", "folder", "name", "linked system files", "config", Map.of("path", link.toString())))
                .post("/api/sources")
                .then()
                .statusCode(400)
                .body("field", equalTo("config.path"));
        given().get("/api/sources").then().statusCode(200).body(not(containsString("system files")));
    }

    @Test
    void deletingASourceRemovesItButKeepsItsArticles() {
        int id = given().contentType(ContentType.JSON)
                .body(Map.of("type", "folder", "name", "temporary", "config", Map.of("path", "/tmp")))
                .post("/api/sources")
                .then()
                .statusCode(201)
                .extract()
                .path("id");

        given().delete("/api/sources/" + id).then().statusCode(204);
        given().get("/api/sources/" + id).then().statusCode(404).body(not(hasKey("stack")));
        given().delete("/api/sources/" + id).then().statusCode(404);
    }
}
