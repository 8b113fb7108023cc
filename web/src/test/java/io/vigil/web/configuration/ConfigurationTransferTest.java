package io.vigil.web.configuration;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vigil.alerts.channel.Channel;
import io.vigil.engine.watch.WatchRule;
import io.vigil.web.security.Role;
import io.vigil.web.security.User;
import io.vigil.web.testing.Archive;
import io.vigil.web.testing.Users;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Configuration as code: an export holds what an instance is configured with (no secret values, no passwords), and
 * importing it where that configuration is gone gives the same configuration back — the same rules routed to the same
 * channels, with the same secrets once supplied. A document with anything wrong is refused as a whole, every problem
 * listed, and nothing of it is applied.
 */
@QuarkusTest
class ConfigurationTransferTest {

    private final String tag = UUID.randomUUID().toString().substring(0, 8);

    @BeforeEach
    void archiveIsReady() {
        Archive.awaitReady();
    }

    private static long post(String path, Object body) {
        return given().contentType(ContentType.JSON)
                .body(body)
                .post(path)
                .then()
                .statusCode(201)
                .extract()
                .jsonPath()
                .getLong("id");
    }

    private static JsonObject export() {
        return new JsonObject(
                given().get("/api/export").then().statusCode(200).extract().asString());
    }

    private static JsonPath importing(JsonObject document, String query, int status) {
        return given().contentType(ContentType.JSON)
                .body(document.encode())
                .post("/api/import" + query)
                .then()
                .statusCode(status)
                .extract()
                .jsonPath();
    }

    private static JsonObject named(JsonObject document, String list, String key, String name) {
        return document.getJsonArray(list).stream()
                .map(JsonObject.class::cast)
                .filter(item -> name.equals(item.getString(key)))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + name + " in " + list));
    }

    /** The document with only this test's items, so other tests' configuration in the shared database is left out. */
    private JsonObject onlyOurs(JsonObject document) {
        JsonObject ours = document.copy();
        for (String list : List.of("sources", "channels", "rules", "users")) {
            String key = list.equals("users") ? "username" : "name";
            ours.put(
                    list,
                    new JsonArray(document.getJsonArray(list).stream()
                            .map(JsonObject.class::cast)
                            .filter(item -> item.getString(key).contains(tag))
                            .toList()));
        }
        ours.put(
                "silences",
                new JsonArray(document.getJsonArray("silences").stream()
                        .map(JsonObject.class::cast)
                        .filter(item -> item.getString("rule", "").contains(tag))
                        .toList()));
        ours.put(
                "secrets",
                new JsonArray(document.getJsonArray("secrets").stream()
                        .map(String.class::cast)
                        .filter(name -> name.contains(tag.toUpperCase(java.util.Locale.ROOT)))
                        .toList()));
        ours.remove("exportedAt");
        return ours;
    }

    @Test
    void anExportImportedWhereItsConfigurationIsGoneGivesTheSameConfigurationBack() {
        String secret = "whsec_"
                + java.util.Base64.getEncoder()
                        .encodeToString(UUID.randomUUID().toString().getBytes());
        long channel = post(
                "/api/channels",
                Map.of(
                        "type",
                        "webhook",
                        "name",
                        "ops " + tag,
                        "config",
                        Map.of("url", "https://hooks.example.org/" + tag, "secret", secret)));
        long source = post(
                "/api/sources",
                Map.of(
                        "type",
                        "rss",
                        "name",
                        "Wire " + tag,
                        "config",
                        Map.of("url", "https://news.example/" + tag + ".xml")));
        long rule = post(
                "/api/rules",
                Map.of(
                        "name",
                        "Floods " + tag,
                        "query",
                        "flood AND (river OR dam)",
                        "routes",
                        List.of(Map.of("channelId", channel, "delivery", "daily")),
                        "escalation",
                        Map.of("outlets", 3, "within", "PT2H")));
        String until = Instant.now()
                .plus(2, ChronoUnit.DAYS)
                .truncatedTo(ChronoUnit.SECONDS)
                .toString();
        long silence =
                post("/api/silences", Map.of("ruleId", rule, "query", "drill", "until", until, "comment", "exercise"));
        String analyst = Users.create("analyst-" + tag, Role.ANALYST);
        int previewBefore = given().contentType(ContentType.JSON)
                .body(Map.of("query", "flood AND (river OR dam)"))
                .post("/api/rules/preview")
                .then()
                .statusCode(200)
                .extract()
                .path("total");

        JsonObject exported = export();
        assertThat(exported.getString("kind")).isEqualTo("vigil-configuration");
        assertThat(exported.getInteger("version")).isEqualTo(1);
        assertThat(exported.encode())
                .doesNotContain(secret)
                .doesNotContain("password_hash")
                .doesNotContain("$2a$");
        String placeholder = named(exported, "channels", "name", "ops " + tag)
                .getJsonObject("config")
                .getString("secret");
        assertThat(placeholder).startsWith("${CHANNEL_OPS_").endsWith("_SECRET}");
        assertThat(exported.getJsonArray("secrets").getList())
                .contains(placeholder.substring(2, placeholder.length() - 1));
        assertThat(named(exported, "rules", "name", "Floods " + tag)
                        .getJsonArray("routes")
                        .getJsonObject(0)
                        .getMap())
                .containsEntry("channel", "ops " + tag)
                .containsEntry("delivery", "daily");
        assertThat(named(exported, "users", "username", analyst).getString("role"))
                .isEqualTo("analyst");

        JsonObject ours = onlyOurs(exported);
        JsonPath again = importing(ours, "", 200);
        assertThat(again.getList("items.outcome", String.class)).containsOnly("unchanged");

        // the configuration is gone, as in a fresh instance
        for (String gone : List.of(
                "/api/silences/" + silence,
                "/api/rules/" + rule,
                "/api/channels/" + channel,
                "/api/sources/" + source)) {
            given().delete(gone).then().statusCode(204);
        }
        QuarkusTransaction.requiringNew().run(() -> User.delete("username", analyst));

        JsonObject withSecret = ours.copy()
                .put("secretValues", new JsonObject().put(placeholder.substring(2, placeholder.length() - 1), secret));
        JsonPath applied = importing(withSecret, "", 200);
        assertThat(applied.getBoolean("applied")).isTrue();
        assertThat(applied.getList("items.outcome", String.class)).containsOnly("created");
        assertThat(applied.getList("items.kind", String.class))
                .containsExactly("source", "channel", "rule", "silence", "user");

        assertThat(onlyOurs(export())).isEqualTo(ours);
        Channel restored = QuarkusTransaction.requiringNew()
                .call(() -> Channel.findByName("ops " + tag).orElseThrow());
        assertThat(io.quarkus.arc.Arc.container()
                        .instance(io.vigil.engine.secret.Secrets.class)
                        .get()
                        .opened(restored.config))
                .as("stored sealed, and the same secret once opened")
                .containsEntry("secret", secret);
        long restoredRoute = QuarkusTransaction.requiringNew()
                .call(() -> WatchRule.<WatchRule>find("name", "Floods " + tag)
                        .firstResult()
                        .routes()
                        .get(0)
                        .channelId());
        assertThat(restoredRoute).isEqualTo(restored.id);
        assertThat((int) given().contentType(ContentType.JSON)
                        .body(Map.of(
                                "query",
                                named(export(), "rules", "name", "Floods " + tag)
                                        .getString("query")))
                        .post("/api/rules/preview")
                        .then()
                        .statusCode(200)
                        .extract()
                        .path("total"))
                .isEqualTo(previewBefore);
    }

    @Test
    void aDocumentWithProblemsIsRefusedAsAWholeWithEveryProblemListedAndNothingApplied() {
        JsonObject document = new JsonObject()
                .put("kind", "vigil-configuration")
                .put("version", 1)
                .put(
                        "sources",
                        new JsonArray()
                                .add(new JsonObject()
                                        .put("name", "Odd " + tag)
                                        .put("type", "carrier-pigeon")
                                        .put("config", new JsonObject())))
                .put(
                        "channels",
                        new JsonArray()
                                .add(new JsonObject()
                                        .put("name", "hook " + tag)
                                        .put("type", "webhook")
                                        .put(
                                                "config",
                                                new JsonObject()
                                                        .put("url", "https://hooks.example.org/x")
                                                        .put("secret", "${MISSING_SECRET}"))))
                .put(
                        "rules",
                        new JsonArray()
                                .add(new JsonObject().put("name", "Fine " + tag).put("query", "harbour"))
                                .add(new JsonObject()
                                        .put("name", "Broken " + tag)
                                        .put("query", "(harbour AND"))
                                .add(new JsonObject()
                                        .put("name", "Routed " + tag)
                                        .put("query", "ferry")
                                        .put(
                                                "routes",
                                                new JsonArray()
                                                        .add(new JsonObject()
                                                                .put("channel", "hook " + tag)
                                                                .put("delivery", "daily")))));

        JsonPath refused = importing(document, "", 422);

        assertThat(refused.getBoolean("applied")).isFalse();
        assertThat(refused.getList("problems.name", String.class))
                .containsExactlyInAnyOrder("Odd " + tag, "hook " + tag, "Broken " + tag, "Routed " + tag);
        assertThat(refused.getString("detail"))
                .contains("carrier-pigeon")
                .contains("MISSING_SECRET")
                .contains("no channel named 'hook " + tag + "'");
        assertThat(QuarkusTransaction.requiringNew().call(() -> WatchRule.count("name", "Fine " + tag)))
                .as("the valid rule in a refused document is not applied")
                .isZero();

        JsonObject twice = new JsonObject()
                .put("kind", "vigil-configuration")
                .put("version", 2)
                .put(
                        "rules",
                        new JsonArray()
                                .add(new JsonObject().put("name", "Same " + tag).put("query", "a"))
                                .add(new JsonObject().put("name", "Same " + tag).put("query", "b")));
        JsonPath whole = importing(twice, "", 422);
        assertThat(whole.getList("problems.field", String.class)).containsExactly("version", "rules[1].name");
    }

    /**
     * Two rules of one query were two rules of one name, and the export naming both could not be imported back ("the
     * document names rule … twice"): now the second is numbered, a name another rule has is refused, and the export
     * imports back unchanged.
     */
    @Test
    void rulesOfOneQueryGetNamesOfTheirOwnSoTheirExportImportsBack() {
        String query = "namesake " + tag;
        long first = post("/api/rules", Map.of("query", query));
        long second = post("/api/rules", Map.of("query", query));
        assertThat(given().get("/api/rules/" + first).jsonPath().getString("name"))
                .isEqualTo(query);
        assertThat(given().get("/api/rules/" + second).jsonPath().getString("name"))
                .isEqualTo(query + " (2)");

        for (var refused : List.of(
                given().contentType(ContentType.JSON)
                        .body(Map.of("name", query, "query", "other"))
                        .post("/api/rules"),
                given().contentType(ContentType.JSON)
                        .body(Map.of("name", query))
                        .put("/api/rules/" + second))) {
            assertThat(refused.statusCode()).as(refused.asString()).isEqualTo(400);
            assertThat(refused.jsonPath().getString("field")).isEqualTo("name");
            assertThat(refused.jsonPath().getString("detail")).contains("another rule is named");
        }

        JsonPath report = importing(onlyOurs(export()), "?dryRun=true", 200);
        assertThat(report.getList("items.outcome", String.class)).containsExactly("unchanged", "unchanged");
    }

    @Test
    void aDryRunReportsWhatWouldChangeAndChangesNothing() {
        JsonObject document = new JsonObject()
                .put("kind", "vigil-configuration")
                .put("version", 1)
                .put(
                        "rules",
                        new JsonArray()
                                .add(new JsonObject().put("name", "Dry " + tag).put("query", "drought")));

        JsonPath report = importing(document, "?dryRun=true", 200);

        assertThat(report.getBoolean("applied")).isFalse();
        assertThat(report.getList("items.outcome", String.class)).containsExactly("created");
        assertThat(QuarkusTransaction.requiringNew().call(() -> WatchRule.count("name", "Dry " + tag)))
                .isZero();
    }

    @Test
    void anImportCannotTakeAwayTheImportingAdminsOwnAdminRole() {
        String admin = Users.create("self-" + tag, Role.ADMIN);
        JsonObject document = new JsonObject()
                .put("kind", "vigil-configuration")
                .put("version", 1)
                .put(
                        "users",
                        new JsonArray()
                                .add(new JsonObject().put("username", admin).put("role", "viewer")));

        String report = Users.as(admin)
                .contentType(ContentType.JSON)
                .body(document.encode())
                .post("/api/import")
                .then()
                .statusCode(422)
                .extract()
                .asString();

        assertThat(report).contains("your own admin role");
        assertThat(QuarkusTransaction.requiringNew()
                        .call(() -> User.named(admin).orElseThrow().role))
                .as("the same rule as on the users page: another admin must")
                .isEqualTo("admin");
    }

    @Test
    void anImportNeverLinksAnExistingAccountToAnotherProviderIdentity() {
        String local = Users.create("linked-" + tag, Role.ANALYST);
        JsonObject document = new JsonObject()
                .put("kind", "vigil-configuration")
                .put("version", 1)
                .put(
                        "users",
                        new JsonArray()
                                .add(new JsonObject()
                                        .put("username", local)
                                        .put("role", "analyst")
                                        .put("oidcSubject", "someone-elses-subject-" + tag)));

        JsonPath report = importing(document, "", 422);

        assertThat(report.getString("field")).isEqualTo("oidcSubject");
        assertThat(QuarkusTransaction.requiringNew()
                        .call(() -> User.named(local).orElseThrow().oidcSubject))
                .as("whoever holds that provider account would sign in as %s", local)
                .isNull();
    }

    @Test
    void anImportedUsernameMustFitTheSamePatternAsOnTheUsersPage() {
        String lookAlike = "\u0430dmin-" + tag; // a Cyrillic first letter
        JsonObject document = new JsonObject()
                .put("kind", "vigil-configuration")
                .put("version", 1)
                .put(
                        "users",
                        new JsonArray()
                                .add(new JsonObject().put("username", lookAlike).put("role", "admin")));

        JsonPath report = importing(document, "", 422);

        assertThat(report.getString("field")).isEqualTo("username");
        assertThat(QuarkusTransaction.requiringNew().call(() -> User.named(lookAlike)))
                .isEmpty();
    }

    @Test
    void onlyAnAdminExportsOrImports() {
        String analyst = Users.create("nosy-" + tag, Role.ANALYST);
        Users.as(analyst).get("/api/export").then().statusCode(403);
        Users.as(analyst)
                .contentType(ContentType.JSON)
                .body("{}")
                .post("/api/import")
                .then()
                .statusCode(403);
    }
}
