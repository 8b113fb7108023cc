package io.vigil.web.delivery;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vigil.web.testing.Archive;
import io.vigil.web.testing.TelegramBotApi;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The figure for docs/benchmarks.md ("Chat delivery"): how long an article takes from {@code POST /api/ingest} to a
 * chat service — an in-process fake of Telegram's Bot API — at a steady 50 articles a second, with 1,000 rules of
 * which one is routed to the Telegram channel. Prints p50/p99; asserts nothing about time. Run on request only:
 * {@code ./vigil bench chat}.
 */
@Tag("benchmark")
@QuarkusTest
class ChatDeliveryBenchmark {

    private static final int RATE_PER_SECOND = 50;
    private static final int ARTICLES = 1_000;
    private static final int RULES = 1_000;
    private static final Pattern TITLE = Pattern.compile("Paced chat story (\\d+)\\b");

    @Test
    void printsIngestToChatLatencyAtFiftyArticlesASecond() throws Exception {
        Archive.awaitReady();
        Random random = new Random(42);
        List<String> vocabulary = IntStream.range(0, 5_000)
                .mapToObj(i -> Integer.toString(i * 7919 + 104729, 36).replaceAll("[0-9]", "q"))
                .toList();
        try (TelegramBotApi telegram = new TelegramBotApi()) {
            long channel = given().contentType(ContentType.JSON)
                    .body(Map.of(
                            "type",
                            "telegram",
                            "name",
                            "Bench Telegram " + System.nanoTime(),
                            "config",
                            Map.of(
                                    "botToken",
                                    TelegramBotApi.TOKEN,
                                    "chatId",
                                    "-1001234567890",
                                    "apiUrl",
                                    telegram.apiUrl())))
                    .post("/api/channels")
                    .then()
                    .statusCode(201)
                    .extract()
                    .<Integer>path("id")
                    .longValue();
            for (int i = 0; i < RULES; i++) {
                String query = i == 0
                        ? "beacon"
                        : vocabulary.get(random.nextInt(vocabulary.size())) + " "
                                + vocabulary.get(random.nextInt(vocabulary.size()));
                given().contentType(ContentType.JSON)
                        .body(Map.of(
                                "name",
                                "chat bench rule " + i + " " + System.nanoTime(),
                                "query",
                                query,
                                "channels",
                                i == 0 ? List.of(channel) : List.of(),
                                "delivery",
                                "immediate"))
                        .post("/api/rules")
                        .then()
                        .statusCode(201);
            }
            Map<Integer, Long> started = new ConcurrentHashMap<>();
            AtomicInteger next = new AtomicInteger();
            ScheduledExecutorService pace = Executors.newScheduledThreadPool(4);
            pace.scheduleAtFixedRate(
                    () -> {
                        int number = next.getAndIncrement();
                        if (number >= ARTICLES) {
                            return;
                        }
                        StringBuilder body = new StringBuilder("The beacon report " + number + ".");
                        Random words = new Random(number);
                        for (int w = 0; w < 60; w++) {
                            body.append(' ').append(vocabulary.get(words.nextInt(vocabulary.size())));
                        }
                        started.put(number, System.nanoTime());
                        given().contentType(ContentType.JSON)
                                .body(Map.of(
                                        "title",
                                        "Paced chat story " + number + " from the beacon",
                                        "body",
                                        body.append('.').toString(),
                                        "source",
                                        "Bench Wire"))
                                .post("/api/ingest");
                    },
                    0,
                    1_000_000 / RATE_PER_SECOND,
                    TimeUnit.MICROSECONDS);
            await().atMost(Duration.ofMinutes(5))
                    .until(() -> telegram.accepted().size() >= ARTICLES);
            pace.shutdownNow();
            List<Long> latencies = new ArrayList<>();
            for (TelegramBotApi.Received message : telegram.accepted()) {
                Matcher matcher = TITLE.matcher(message.text());
                if (matcher.find() && started.containsKey(Integer.parseInt(matcher.group(1)))) {
                    latencies.add(
                            (message.arrivedNanos() - started.get(Integer.parseInt(matcher.group(1)))) / 1_000_000);
                }
            }
            latencies.sort(Long::compare);
            System.out.printf(
                    "CHAT LATENCY article ingested -> Telegram sendMessage received, %d rules, %d articles at %d/s:"
                            + " p50 %d ms, p99 %d ms, max %d ms%n",
                    RULES,
                    latencies.size(),
                    RATE_PER_SECOND,
                    percentile(latencies, 50),
                    percentile(latencies, 99),
                    latencies.get(latencies.size() - 1));
        }
    }

    private static long percentile(List<Long> sorted, int percent) {
        int index = (int) Math.ceil(percent / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(index, sorted.size() - 1)));
    }
}
