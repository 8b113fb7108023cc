package io.vigil.web.delivery;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.vigil.web.testing.TelegramBotApi;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** Test support: channels created through the API, as a user would. */
final class Channels {

    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    /** A webhook channel; answers its id and the secret Vigil generated for it. */
    record Webhook(long id, String secret) {}

    private Channels() {}

    static Webhook webhook(String url) {
        return webhook(Map.of("url", url));
    }

    /** A webhook channel posting version 2 of the vigil document. */
    static Webhook webhookV2(String url) {
        return webhook(Map.of("url", url, "version", "2"));
    }

    private static Webhook webhook(Map<String, String> config) {
        var answer = given().contentType(ContentType.JSON)
                .body(Map.of(
                        "type",
                        "webhook",
                        "name",
                        "hook " + SEQUENCE.incrementAndGet() + " " + config.get("url"),
                        "config",
                        config))
                .post("/api/channels")
                .then()
                .statusCode(201)
                .extract();
        return new Webhook(answer.<Integer>path("id").longValue(), answer.path("generatedSecret"));
    }

    /** A Telegram channel posting to a test Bot API ({@code apiUrl}) with its accepted token. */
    static long telegram(String apiUrl) {
        return given().contentType(ContentType.JSON)
                .body(Map.of(
                        "type",
                        "telegram",
                        "name",
                        "telegram " + SEQUENCE.incrementAndGet() + " " + apiUrl,
                        "config",
                        Map.of("botToken", TelegramBotApi.TOKEN, "chatId", "-1001234567890", "apiUrl", apiUrl)))
                .post("/api/channels")
                .then()
                .statusCode(201)
                .extract()
                .<Integer>path("id")
                .longValue();
    }

    static long email(String to) {
        return email(to, null);
    }

    /** An e-mail channel whose digests go out at its own times ({@code {hour, timeZone, day}}), or the defaults. */
    static long email(String to, Map<String, Object> digest) {
        Map<String, Object> channel = new java.util.HashMap<>(Map.of(
                "type", "email", "name", "mail " + SEQUENCE.incrementAndGet() + " " + to, "config", Map.of("to", to)));
        if (digest != null) {
            channel.put("digest", digest);
        }
        return given().contentType(ContentType.JSON)
                .body(channel)
                .post("/api/channels")
                .then()
                .statusCode(201)
                .extract()
                .<Integer>path("id")
                .longValue();
    }
}
