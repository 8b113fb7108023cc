package io.vigil.web.delivery;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.vigil.web.testing.Archive;
import io.vigil.web.testing.TelegramBotApi;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A chat channel end to end through the real app: created and tested through the API, an ingested article matched by
 * a rule and delivered through the outbox to an in-process fake of Telegram's Bot API — waiting out a 429 — and a
 * token the service refuses shown on the channel without retries.
 */
@QuarkusTest
class ChatChannelTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @BeforeEach
    void archiveIsReady() {
        Archive.awaitReady();
    }

    @Test
    void aTelegramChannelIsTestedThenGetsAnIngestedAlertAfterWaitingOutARateLimit() throws Exception {
        try (TelegramBotApi telegram = new TelegramBotApi()) {
            long channel = telegramChannel(telegram, TelegramBotApi.TOKEN);

            JsonPath test = given().post("/api/channels/" + channel + "/test")
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath();
            assertThat(test.getBoolean("delivered")).isTrue();
            assertThat(test.getInt("statusCode")).isEqualTo(200);
            assertThat(telegram.accepted().get(0).text()).contains("Test message from Vigil for the channel");

            String word = uniqueWord();
            rule("Orchard watch " + word, word, channel);
            telegram.thenRateLimit(2);
            ingest(
                    "Orchard growers meet at " + word,
                    "Growers from the " + word + " valley met on Monday to talk about prices.",
                    "Valley Courier");

            await().atMost(PATIENCE).until(() -> telegram.accepted().size() == 2);
            List<TelegramBotApi.Received> requests = telegram.received();
            TelegramBotApi.Received limited = requests.get(requests.size() - 2);
            TelegramBotApi.Received delivered = requests.get(requests.size() - 1);
            assertThat(limited.status()).isEqualTo(429);
            assertThat(delivered.text())
                    .contains("New story for \u201cOrchard watch " + word + "\u201d")
                    .contains("Orchard growers meet at " + word)
                    .contains("Reported by Valley Courier")
                    .containsPattern("<blockquote>.*<b>" + word + "</b>.*</blockquote>")
                    .containsPattern("<a href=\"http://[^\"]+/alerts/\\d+\">Open in Vigil</a>");
            assertThat(Duration.ofNanos(delivered.arrivedNanos() - limited.arrivedNanos()))
                    .as("the retry waits the 2 s Telegram asked for, not the test's 50 ms backoff")
                    .isGreaterThanOrEqualTo(Duration.ofMillis(1900));

            JsonPath log = given().get("/api/deliveries?channel=" + channel)
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath();
            assertThat(log.getList("items.status")).containsExactly("delivered", "failed");
            assertThat(log.getList("items.responseCode", Integer.class)).containsExactly(200, 429);
            assertThat(log.getList("items.attempt", Integer.class)).containsExactly(2, 1);
            assertThat(log.getString("items[1].error"))
                    .isEqualTo("Telegram answered HTTP 429: Too Many Requests: retry after 2");
            given().get("/api/channels/" + channel).then().statusCode(200).body("health.state", equalTo("ok"));
        }
    }

    @Test
    void aTokenTheServiceRefusesShowsOnTheChannelAndIsNotRetried() throws Exception {
        try (TelegramBotApi telegram = new TelegramBotApi()) {
            long channel = telegramChannel(telegram, "123456789:AAH-revoked-revoked-revoked-revoked");
            given().get("/api/channels/" + channel)
                    .then()
                    .statusCode(200)
                    .body("config", not(org.hamcrest.Matchers.hasKey("botToken")))
                    .body("secrets", hasItem("botToken"))
                    .body("health.state", equalTo("unused"));

            String word = uniqueWord();
            rule("Revoked watch " + word, word, channel);
            ingest("Quarry reopens near " + word, "The quarry near " + word + " reopened on Tuesday.", "Stone Gazette");

            await().atMost(PATIENCE)
                    .untilAsserted(() ->
                            given().get("/api/channels/" + channel).then().body("health.state", equalTo("failing")));
            JsonPath health =
                    given().get("/api/channels/" + channel).then().extract().jsonPath();
            assertThat(health.getString("health.lastError"))
                    .isEqualTo("the service refused the credentials (Telegram answered HTTP 401: Unauthorized)");
            assertThat(health.getInt("health.lastResponseCode")).isEqualTo(401);

            JsonPath log = given().get("/api/deliveries?channel=" + channel)
                    .then()
                    .extract()
                    .jsonPath();
            assertThat(log.getList("items.status")).containsExactly("dead");
            assertThat(log.getString("items[0].error")).doesNotContain("AAH-revoked");
            // "Not tried again" is a claim about a while: it must hold for longer than the first retry's back-off.
            await("a refused token is not tried again")
                    .during(Duration.ofMillis(1500))
                    .atMost(Duration.ofSeconds(5))
                    .until(() -> telegram.received().size() == 1);

            assertThat(given().accept(ContentType.HTML)
                            .get("/channels")
                            .then()
                            .statusCode(200)
                            .extract()
                            .asString())
                    .contains("Last delivery failed: the service refused the credentials (Telegram answered HTTP 401:"
                            + " Unauthorized)");

            JsonPath test = given().post("/api/channels/" + channel + "/test")
                    .then()
                    .extract()
                    .jsonPath();
            assertThat(test.getBoolean("delivered")).isFalse();
            assertThat(test.getString("error")).startsWith("the service refused the credentials");
        }
    }

    @Test
    void aServiceThatEchoesTheSecretPartOfItsWebhookUrlNeverGetsItIntoTheDeliveryLog() throws Exception {
        // Chat webhook URLs are credentials; a receiver that quotes the path it was called on in its error must not
        // put that path in front of every viewer of the channel's health and the delivery log.
        String secretPath = "/hook/T0001/B0002/" + uniqueWord() + "Secret";
        HttpServer echoing = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        echoing.createContext("/hook", exchange -> {
            byte[] reply = ("no such webhook: " + exchange.getRequestURI().getPath()).getBytes(StandardCharsets.UTF_8);
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(404, reply.length);
            try (var out = exchange.getResponseBody()) {
                out.write(reply);
            }
        });
        echoing.start();
        try {
            long channel = Channels.webhook(
                            "http://127.0.0.1:" + echoing.getAddress().getPort() + secretPath)
                    .id();
            String word = uniqueWord();
            rule("Echo watch " + word, word, channel);
            ingest("Ferry timetable for " + word, "The " + word + " ferry runs twice a day from June.", "Harbour Post");

            await().atMost(PATIENCE)
                    .untilAsserted(() ->
                            given().get("/api/channels/" + channel).then().body("health.state", equalTo("failing")));
            String health =
                    given().get("/api/channels/" + channel).then().extract().path("health.lastError");
            JsonPath log = given().get("/api/deliveries?channel=" + channel)
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath();
            assertThat(log.getList("items.status")).containsExactly("dead");
            assertThat(health).contains("404").contains("no such webhook: /•••").doesNotContain("Secret");
            assertThat(log.getString("items[0].error")).isEqualTo(health);
            String test = given().post("/api/channels/" + channel + "/test")
                    .then()
                    .extract()
                    .path("error");
            assertThat(test).contains("no such webhook").doesNotContain("Secret");
        } finally {
            echoing.stop(0);
        }
    }

    private static long telegramChannel(TelegramBotApi telegram, String token) {
        return given().contentType(ContentType.JSON)
                .body(Map.of(
                        "type",
                        "telegram",
                        "name",
                        "Telegram " + UUID.randomUUID(),
                        "config",
                        Map.of("botToken", token, "chatId", "-1001234567890", "apiUrl", telegram.apiUrl())))
                .post("/api/channels")
                .then()
                .statusCode(201)
                .body("config.chatId", equalTo("-1001234567890"))
                .body("secrets", equalTo(List.of("botToken")))
                .extract()
                .<Integer>path("id")
                .longValue();
    }

    private static void rule(String name, String query, long channel) {
        given().contentType(ContentType.JSON)
                .body(Map.of("name", name, "query", query, "channels", List.of(channel), "delivery", "immediate"))
                .post("/api/rules")
                .then()
                .statusCode(201);
    }

    private static void ingest(String title, String body, String source) {
        given().contentType(ContentType.JSON)
                .body(Map.of("title", title, "body", body, "source", source))
                .post("/api/ingest")
                .then()
                .statusCode(200);
    }

    /** A made-up word no other test's article contains, so only this test's rule matches. */
    private static String uniqueWord() {
        StringBuilder word = new StringBuilder("zq");
        for (char c :
                UUID.randomUUID().toString().replace("-", "").substring(0, 8).toCharArray()) {
            word.append(Character.isDigit(c) ? (char) ('a' + (c - '0')) : c);
        }
        return word.toString();
    }
}
