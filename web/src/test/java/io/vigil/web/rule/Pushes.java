package io.vigil.web.rule;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

/** Test support: articles pushed through {@code POST /api/ingest}, and rules created through the API. */
final class Pushes {

    private static final AtomicLong SEQUENCE = new AtomicLong(System.nanoTime() % 1_000_000);

    private Pushes() {}

    /** A stored article: its id and its story. */
    record Pushed(long articleId, long storyId, boolean duplicate) {}

    /** Pushes one article as JSON. */
    static Pushed push(String title, String body, String source) {
        JsonPath answer = given().contentType(ContentType.JSON)
                .body(Map.of("title", title, "body", body, "source", source))
                .post("/api/ingest")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        return new Pushed(
                answer.getLong("articles[0].id"),
                answer.getLong("articles[0].storyId"),
                answer.getBoolean("articles[0].duplicate"));
    }

    /**
     * A body of its own: the given paragraph between two paragraphs of made-up words from a fresh seed, so that no two
     * bodies are near copies of each other and each opens a story of its own.
     */
    static String distinctBody(String paragraph) {
        Random random = new Random(SEQUENCE.incrementAndGet());
        return filler(random) + "\n\n" + paragraph + "\n\n" + filler(random);
    }

    private static String filler(Random random) {
        StringBuilder text = new StringBuilder();
        for (int sentence = 0; sentence < 4; sentence++) {
            for (int word = 0; word < 9; word++) {
                StringBuilder letters = new StringBuilder();
                for (int i = 0; i < 4 + random.nextInt(5); i++) {
                    letters.append((char) ('a' + random.nextInt(26)));
                }
                if (word == 0) {
                    letters.setCharAt(0, Character.toUpperCase(letters.charAt(0)));
                }
                text.append(letters).append(word == 8 ? ". " : " ");
            }
        }
        return text.toString().strip();
    }

    /** A number no other test run uses, for unique names. */
    static long unique() {
        return SEQUENCE.incrementAndGet();
    }

    /** Creates a rule through the API and answers its id. */
    static long createRule(String query) {
        return createRule(Map.of("query", query));
    }

    static long createRule(Map<String, Object> rule) {
        return given().contentType(ContentType.JSON)
                .body(rule)
                .post("/api/rules")
                .then()
                .statusCode(201)
                .extract()
                .jsonPath()
                .getLong("id");
    }

    /** The alerts of one rule, newest first. */
    static JsonPath alertsOf(long ruleId) {
        return given().get("/api/alerts?ruleId=" + ruleId)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }
}
