package io.vigil.web.secret;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vigil.engine.secret.SealedValues;
import io.vigil.engine.secret.SecretsKeys;
import io.vigil.spi.testkit.StandardWebhooksVerifier;
import io.vigil.web.security.Role;
import io.vigil.web.testing.Archive;
import io.vigil.web.testing.Users;
import io.vigil.web.testing.WebhookReceiver;
import jakarta.inject.Inject;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Secrets at rest and in view, against the real database and a real webhook receiver: what the channel table holds,
 * what each role reads in the API and the pages, and how a rotated webhook secret signs.
 */
@QuarkusTest
class SecretsAtRestTest {

    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject
    AgroalDataSource dataSource;

    @Inject
    StoredSecrets stored;

    private String viewer;
    private String analyst;

    @BeforeEach
    void users() {
        Archive.awaitReady();
        viewer = Users.create("secrets-viewer", Role.VIEWER);
        analyst = Users.create("secrets-analyst", Role.ANALYST);
    }

    @Test
    void storesTheWebhookSecretSealedAndDeliversWithIt() throws Exception {
        String secret = newSecret(32);
        try (WebhookReceiver receiver = WebhookReceiver.answering()) {
            receiver.verifyingWith(secret);
            long id = createWebhook("sealed hook", receiver.url(), secret);

            String row = configRow(id);
            assertThat(row).contains("vigil-sealed:v1:").doesNotContain(secret).doesNotContain(secret.substring(6));

            given().post("/api/channels/" + id + "/test").then().statusCode(200).body("delivered", equalTo(true));
            assertThat(receiver.received()).singleElement().satisfies(request -> assertThat(request.signatureProblem())
                    .isNull());
        }
    }

    @Test
    void aPlaintextSecretSavedBeforeSealingIsStillReadAndSealedByTheStartUpStep() throws Exception {
        String secret = newSecret(32);
        try (WebhookReceiver receiver = WebhookReceiver.answering()) {
            receiver.verifyingWith(secret);
            long id = createWebhook("legacy hook", receiver.url(), newSecret(32));
            writeSecretColumn(id, secret); // as a Vigil before sealing stored it

            assertThat(configRow(id)).contains(secret);
            given().post("/api/channels/" + id + "/test").then().statusCode(200).body("delivered", equalTo(true));

            stored.resealAll();

            assertThat(configRow(id)).doesNotContain(secret).contains("vigil-sealed:v1:");
            given().post("/api/channels/" + id + "/test").then().statusCode(200).body("delivered", equalTo(true));
            assertThat(receiver.received()).hasSize(2).allSatisfy(request -> assertThat(request.signatureProblem())
                    .isNull());
        }
    }

    @Test
    void aSecretSealedUnderAnotherKeyFailsClearlyNamingTheKey() throws Exception {
        byte[] otherKey = new byte[32];
        RANDOM.nextBytes(otherKey);
        SecretsKeys other = new SecretsKeys(otherKey, null);
        try (WebhookReceiver receiver = WebhookReceiver.answering()) {
            long id = createWebhook("foreign key hook", receiver.url(), newSecret(32));
            writeSecretColumn(id, new SealedValues(other).seal(newSecret(32)));

            given().post("/api/channels/" + id + "/test")
                    .then()
                    .statusCode(200)
                    .body("delivered", equalTo(false))
                    .body(
                            "error",
                            startsWith("the setting secret cannot be read: the value was sealed under secrets key "
                                    + other.currentId()));
            assertThat(receiver.received()).isEmpty();
            assertThat(stored.resealAll().unreadable())
                    .anySatisfy(what -> assertThat(what).startsWith("channel 'foreign key hook "));
            // Left behind, it would be named at every start of the test application.
            given().delete("/api/channels/" + id).then().statusCode(204);
        }
    }

    @Test
    void credentialUrlsAreWholeForAdminsAndMaskedForViewersAndAnalysts() {
        String hook = "https://hooks.example.org/services/T0001/B0001/slackStyleSecretPath";
        long channel = createWebhook("masked hook", hook, newSecret(32));
        String feed = "https://reader:hunter2@feeds.example.org/feed.xml?token=abc123secret&lang=en";
        long source = createSource("masked feed", feed);

        given().get("/api/channels/" + channel).then().statusCode(200).body("config.url", equalTo(hook));
        Users.as(viewer)
                .get("/api/channels/" + channel)
                .then()
                .statusCode(200)
                .body("config.url", equalTo("https://hooks.example.org/•••"));
        assertThat(Users.as(analyst).get("/api/channels?limit=500").asString()).doesNotContain("slackStyleSecretPath");
        given().get("/api/sources/" + source).then().statusCode(200).body("config.url", equalTo(feed));
        Users.as(analyst)
                .get("/api/sources/" + source)
                .then()
                .statusCode(200)
                .body("config.url", equalTo("https://•••@feeds.example.org/feed.xml?token=•••&lang=en"));
        assertThat(Users.as(viewer).get("/api/sources?limit=500").asString())
                .doesNotContain("hunter2")
                .doesNotContain("abc123secret");
        assertThat(Users.as(analyst).get("/api/sources/opml").asString())
                .contains("feeds.example.org")
                .doesNotContain("hunter2")
                .doesNotContain("abc123secret");
        assertThat(given().get("/api/sources/opml").asString()).contains("abc123secret");

        String viewerPage = Users.as(viewer)
                .get("/channels")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        String adminPage =
                given().get("/channels").then().statusCode(200).extract().asString();
        assertThat(viewerPage).contains("https://hooks.example.org/•••").doesNotContain("slackStyleSecretPath");
        assertThat(adminPage).contains("slackStyleSecretPath").contains("/channels/" + channel + "/rotate-secret");
    }

    @Test
    void aFailedFetchRecordsItsErrorWithTheUrlCredentialsMaskedForEveryone() throws Exception {
        // nothing listens on port 1: the fetch fails, and the failure names the URL it could not reach
        String feed = "http://reader:hunter2@127.0.0.1:1/feed.xml?token=abc123secret&lang=en";
        long source = createSource("failing feed", feed);

        given().post("/api/sources/" + source + "/fetch").then().statusCode(200);

        String stored;
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement("select last_error from source where id = ?")) {
            select.setLong(1, source);
            try (ResultSet rows = select.executeQuery()) {
                assertThat(rows.next()).isTrue();
                stored = rows.getString(1);
            }
        }
        assertThat(stored)
                .contains("127.0.0.1")
                .contains("token=•••")
                .doesNotContain("hunter2")
                .doesNotContain("abc123secret");
        String api = Users.as(analyst)
                .get("/api/sources/" + source)
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertThat(api).contains("lastError").doesNotContain("hunter2").doesNotContain("abc123secret");
        String page = Users.as(analyst)
                .get("/sources")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertThat(page).contains("failing feed").doesNotContain("hunter2").doesNotContain("abc123secret");
        String adminsError =
                given().get("/api/sources/" + source).then().extract().path("health.lastError");
        assertThat(adminsError).isEqualTo(stored);
    }

    @Test
    void aMaskedUrlSentBackByAnAdminKeepsTheSavedUrlAndSecret() throws Exception {
        String secret = newSecret(32);
        try (WebhookReceiver receiver = WebhookReceiver.answering()) {
            receiver.verifyingWith(secret);
            String url = receiver.url() + "?token=keepme";
            long id = createWebhook("kept hook", url, secret);
            String masked =
                    Users.as(viewer).get("/api/channels/" + id).then().extract().path("config.url");
            assertThat(masked).isNotEqualTo(url).contains("•••");

            given().contentType(ContentType.JSON)
                    .body(Map.of("type", "webhook", "name", "kept hook", "config", Map.of("url", masked, "secret", "")))
                    .put("/api/channels/" + id)
                    .then()
                    .statusCode(200)
                    .body("config.url", equalTo(url));

            given().post("/api/channels/" + id + "/test").then().statusCode(200).body("delivered", equalTo(true));
            assertThat(receiver.received()).singleElement().satisfies(request -> assertThat(request.signatureProblem())
                    .isNull());
        }
    }

    @Test
    void aWebhookSecretShorterThanTwentyFourBytesIsRefusedNamingTheField() {
        given().contentType(ContentType.JSON)
                .body(Map.of(
                        "type",
                        "webhook",
                        "name",
                        "short secret hook",
                        "config",
                        Map.of("url", "https://hooks.example.org/short", "secret", newSecret(16))))
                .post("/api/channels")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("field", equalTo("config.secret"))
                .body("detail", startsWith("the secret holds 16 bytes"));

        assertThat(given().get("/api/channels?limit=500").asString()).doesNotContain("short secret hook");
    }

    @Test
    void duringARotationBothSecretsSignAndAfterTheOverlapOnlyTheNewOne() throws Exception {
        String old = newSecret(32);
        try (WebhookReceiver receiver = WebhookReceiver.answering()) {
            long id = createWebhook("rotated hook", receiver.url(), old);

            var rotation = given().contentType(ContentType.JSON)
                    .body(Map.of("overlap", "PT1H"))
                    .post("/api/channels/" + id + "/rotate-secret")
                    .then()
                    .statusCode(200)
                    .body("secret", startsWith("whsec_"))
                    .extract();
            String fresh = rotation.path("secret");
            Instant until = Instant.parse(rotation.path("previousSecretUntil"));
            assertThat(until).isAfter(Instant.now().plusSeconds(3000));
            assertThat(configRow(id)).doesNotContain(fresh).doesNotContain(old);

            given().post("/api/channels/" + id + "/test").then().statusCode(200).body("delivered", equalTo(true));
            WebhookReceiver.Received during = receiver.received().get(0);
            assertThat(during.header("webhook-signature").split(" ")).hasSize(2);
            assertThat(verify(fresh, during)).isNull();
            assertThat(verify(old, during)).isNull();

            endOverlap(id);
            given().post("/api/channels/" + id + "/test").then().statusCode(200).body("delivered", equalTo(true));
            WebhookReceiver.Received after = receiver.received().get(1);
            assertThat(after.header("webhook-signature").split(" ")).hasSize(1);
            assertThat(verify(fresh, after)).isNull();
            assertThat(verify(old, after)).isEqualTo("no signature matches");

            given().queryParam("action", "channel.secret.rotate")
                    .queryParam("targetId", String.valueOf(id))
                    .get("/api/audit")
                    .then()
                    .statusCode(200)
                    .body("items[0].action", equalTo("channel.secret.rotate"))
                    .body("items[0].detail", startsWith("new signing secret; the old one also signs until"));
            Users.as(analyst)
                    .contentType(ContentType.JSON)
                    .body(Map.of())
                    .post("/api/channels/" + id + "/rotate-secret")
                    .then()
                    .statusCode(403);
        }
    }

    private static String verify(String secret, WebhookReceiver.Received request) {
        return new StandardWebhooksVerifier(secret)
                .problem(
                        request.header("webhook-id"),
                        request.header("webhook-timestamp"),
                        request.header("webhook-signature"),
                        request.body(),
                        Instant.now());
    }

    private static String newSecret(int bytes) {
        byte[] key = new byte[bytes];
        RANDOM.nextBytes(key);
        return "whsec_" + Base64.getEncoder().encodeToString(key);
    }

    private static long createWebhook(String name, String url, String secret) {
        Map<String, String> config = new HashMap<>(Map.of("url", url, "secret", secret));
        int id = given().contentType(ContentType.JSON)
                .body(Map.of("type", "webhook", "name", name + " " + System.nanoTime(), "config", config))
                .post("/api/channels")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        return id;
    }

    private static long createSource(String name, String url) {
        int id = given().contentType(ContentType.JSON)
                .body(Map.of(
                        "type",
                        "rss",
                        "name",
                        name + " " + System.nanoTime(),
                        "enabled",
                        false,
                        "config",
                        Map.of("url", url)))
                .post("/api/sources")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        return id;
    }

    private String configRow(long id) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select =
                        connection.prepareStatement("select config::text from channel where id = ?")) {
            select.setLong(1, id);
            try (ResultSet row = select.executeQuery()) {
                assertThat(row.next()).isTrue();
                return row.getString(1);
            }
        }
    }

    /** Writes the secret column behind the platform's back; a new updated_at makes every notifier cache notice. */
    private void writeSecretColumn(long id, String value) throws SQLException {
        update(
                id,
                "update channel set config = jsonb_set(config, '{secret}', to_jsonb(?::text)),"
                        + " updated_at = now() where id = ?",
                value);
    }

    private void endOverlap(long id) throws SQLException {
        update(
                id,
                "update channel set config = jsonb_set(config, '{previous-secret-until}', to_jsonb(?::text)),"
                        + " updated_at = now() where id = ?",
                Instant.now().minusSeconds(1).toString());
    }

    private void update(long id, String sql, String value) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement update = connection.prepareStatement(sql)) {
            update.setString(1, value);
            update.setLong(2, id);
            assertThat(update.executeUpdate()).isEqualTo(1);
        }
    }
}
