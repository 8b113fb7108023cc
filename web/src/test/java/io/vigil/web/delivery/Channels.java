package io.vigil.web.delivery;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** Test support: channels created through the API, as a user would. */
final class Channels {

    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    /** A webhook channel; answers its id and the secret Vigil generated for it. */
    record Webhook(long id, String secret) {}

    private Channels() {}

    static Webhook webhook(String url) {
        var answer = given().contentType(ContentType.JSON)
                .body(Map.of(
                        "type",
                        "webhook",
                        "name",
                        "hook " + SEQUENCE.incrementAndGet() + " " + url,
                        "config",
                        Map.of("url", url)))
                .post("/api/channels")
                .then()
                .statusCode(201)
                .extract();
        return new Webhook(answer.<Integer>path("id").longValue(), answer.path("generatedSecret"));
    }

    static long email(String to) {
        return given().contentType(ContentType.JSON)
                .body(Map.of(
                        "type",
                        "email",
                        "name",
                        "mail " + SEQUENCE.incrementAndGet() + " " + to,
                        "config",
                        Map.of("to", to)))
                .post("/api/channels")
                .then()
                .statusCode(201)
                .extract()
                .<Integer>path("id")
                .longValue();
    }
}
