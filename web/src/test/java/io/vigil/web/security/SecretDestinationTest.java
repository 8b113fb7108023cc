package io.vigil.web.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vigil.web.testing.Archive;
import io.vigil.web.testing.BrowserSession;
import io.vigil.web.testing.FeedServer;
import io.vigil.web.testing.SignedInAsAdmin;
import io.vigil.web.testing.TelegramBotApi;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Secrets are write-only, so an edit must not be able to send a saved one somewhere else: a channel or source moved to
 * another origin (scheme, host, port) keeps none of its saved secrets, through the API, the import and the forms
 * (save and dry run). Moving within the same origin keeps them, as before.
 */
@QuarkusTest
class SecretDestinationTest {

    private static final String PASSWORD = "Feed-Password-" + UUID.randomUUID();
    private static final String COOKIE = "sid=Cookie-" + UUID.randomUUID();
    private static final String HEADER = "Header-" + UUID.randomUUID();
    private static final String BASIC =
            Base64.getEncoder().encodeToString(("reader:" + PASSWORD).getBytes(StandardCharsets.UTF_8));

    @BeforeEach
    void archiveIsReady() {
        Archive.awaitReady();
    }

    @Test
    void aChannelMovedToAnotherHostNeedsItsTokenTypedAgain() throws Exception {
        try (TelegramBotApi saved = new TelegramBotApi();
                TelegramBotApi elsewhere = new TelegramBotApi()) {
            String name = "Telegram " + UUID.randomUUID();
            long channel = given().contentType(ContentType.JSON)
                    .body(Map.of(
                            "type",
                            "telegram",
                            "name",
                            name,
                            "config",
                            Map.of("botToken", TelegramBotApi.TOKEN, "chatId", "-100", "apiUrl", saved.apiUrl())))
                    .post("/api/channels")
                    .then()
                    .statusCode(201)
                    .extract()
                    .<Integer>path("id")
                    .longValue();

            given().contentType(ContentType.JSON)
                    .body(Map.of(
                            "type",
                            "telegram",
                            "name",
                            name,
                            "config",
                            Map.of("chatId", "-100", "apiUrl", elsewhere.apiUrl())))
                    .put("/api/channels/" + channel)
                    .then()
                    .statusCode(400)
                    .body("field", equalTo("config.botToken"))
                    .body("detail", containsString("type it again"));
            // The import, which leaves a secret it is not given to the saved value, is held to the same rule.
            given().contentType(ContentType.JSON)
                    .body(Map.of(
                            "kind",
                            "vigil-configuration",
                            "version",
                            1,
                            "channels",
                            List.of(Map.of(
                                    "name",
                                    name,
                                    "type",
                                    "telegram",
                                    "config",
                                    Map.of(
                                            "botToken",
                                            "${TG_TOKEN}",
                                            "chatId",
                                            "-100",
                                            "apiUrl",
                                            elsewhere.apiUrl())))))
                    .post("/api/import")
                    .then()
                    .log()
                    .ifValidationFails()
                    .statusCode(422)
                    .body("problems.reason", hasItem(containsString("botToken: type it again")));
            given().post("/api/channels/" + channel + "/test").then().statusCode(200);
            assertThat(elsewhere.received()).isEmpty();
            assertThat(saved.received()).hasSize(1);

            // Another chat at the same service keeps the token.
            given().contentType(ContentType.JSON)
                    .body(Map.of(
                            "type",
                            "telegram",
                            "name",
                            name,
                            "config",
                            Map.of("chatId", "-200", "apiUrl", saved.apiUrl())))
                    .put("/api/channels/" + channel)
                    .then()
                    .statusCode(200);
            given().post("/api/channels/" + channel + "/test")
                    .then()
                    .statusCode(200)
                    .body("delivered", equalTo(true));
            assertThat(saved.received()).hasSize(2);
            assertThat(saved.received().get(1).path()).contains(TelegramBotApi.TOKEN);
        }
    }

    @Test
    void aSourceMovedToAnotherHostSendsNoneOfItsSavedCredentials() throws Exception {
        try (Recorder saved = new Recorder();
                Recorder elsewhere = new Recorder()) {
            String name = "Guarded feed " + UUID.randomUUID();
            long source = given().contentType(ContentType.JSON)
                    .body(Map.of("type", "rss", "name", name, "enabled", false, "config", config(saved.url("/feed"))))
                    .post("/api/sources")
                    .then()
                    .statusCode(201)
                    .extract()
                    .<Integer>path("id")
                    .longValue();

            // Another path on the same server keeps them.
            move(source, name, saved.url("/other"));
            given().post("/api/sources/" + source + "/fetch").then().statusCode(200);
            assertThat(saved.requests).hasSize(1);
            assertThat(saved.requests.get(0))
                    .contains("authorization: Basic " + BASIC)
                    .contains(COOKIE)
                    .contains(HEADER);

            // The form's dry run of the edit, and then the save, to another server: nothing of the saved ones goes.
            BrowserSession admin = BrowserSession.signIn(SignedInAsAdmin.USER, SignedInAsAdmin.PASSWORD);
            admin.post(
                            "/sources/test?id=" + source,
                            "type",
                            "rss",
                            "name",
                            name,
                            "config.url",
                            elsewhere.url("/feed"),
                            "config.username",
                            "reader")
                    .then()
                    .statusCode(200);
            move(source, name, elsewhere.url("/feed"));
            given().post("/api/sources/" + source + "/fetch").then().statusCode(200);
            assertThat(elsewhere.requests).hasSize(2);
            for (String request : elsewhere.requests) {
                assertThat(request).doesNotContain(BASIC).doesNotContain(COOKIE).doesNotContain(HEADER);
            }
        }
    }

    private static Map<String, Object> config(String url) {
        return Map.of(
                "url",
                url,
                "username",
                "reader",
                "password",
                PASSWORD,
                "cookies",
                COOKIE,
                "headers",
                "X-Api-Key: " + HEADER);
    }

    /** An edit that names the URL and the username only: the secrets are left blank, as a form leaves them. */
    private static void move(long source, String name, String url) {
        given().contentType(ContentType.JSON)
                .body(Map.of(
                        "type",
                        "rss",
                        "name",
                        name,
                        "enabled",
                        false,
                        "config",
                        Map.of("url", url, "username", "reader")))
                .put("/api/sources/" + source)
                .then()
                .statusCode(200);
    }

    /** A feed server that keeps the headers of every request, lower-cased names, one text per request. */
    private static final class Recorder implements AutoCloseable {
        final List<String> requests = new CopyOnWriteArrayList<>();
        private final HttpServer server;

        Recorder() throws IOException {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/", exchange -> {
                StringBuilder seen = new StringBuilder(exchange.getRequestURI().toString()).append('\n');
                exchange.getRequestHeaders()
                        .forEach((header, values) -> seen.append(header.toLowerCase(java.util.Locale.ROOT))
                                .append(": ")
                                .append(String.join(",", values))
                                .append('\n'));
                requests.add(seen.toString());
                byte[] body = FeedServer.rss("Guarded", List.of("First item " + UUID.randomUUID()))
                        .getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/rss+xml");
                exchange.sendResponseHeaders(200, body.length);
                try (var out = exchange.getResponseBody()) {
                    out.write(body);
                }
            });
            server.start();
        }

        String url(String path) {
            return "http://127.0.0.1:" + server.getAddress().getPort() + path;
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}
