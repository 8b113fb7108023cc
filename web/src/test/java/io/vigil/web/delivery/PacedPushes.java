package io.vigil.web.delivery;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
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

/**
 * Benchmark support for the delivery latency figures: many live rules of which one, on a beacon word, is routed to
 * the channel under test, and articles pushed at a steady rate that all carry the beacon. The other rules are pairs of
 * made-up words that never occur, so each article costs the matcher its full rule set but opens one alert. Timings
 * are taken from the moment each push is sent; the article's number is in its title ({@code "<title> <n> "}).
 */
final class PacedPushes implements AutoCloseable {

    /** Made-up words (base-36 numbers with their digits replaced), fixed so runs are comparable. */
    private static final List<String> VOCABULARY = IntStream.range(0, 5_000)
            .mapToObj(i -> Integer.toString(i * 7919 + 104729, 36).replaceAll("[0-9]", "q"))
            .toList();

    private final String title;
    private final Pattern numbered;
    private final Map<Integer, Long> started = new ConcurrentHashMap<>();
    private final ScheduledExecutorService pace = Executors.newScheduledThreadPool(4);

    private PacedPushes(String title) {
        this.title = title;
        this.numbered = Pattern.compile(Pattern.quote(title) + " (\\d+)\\b");
    }

    /** Creates {@code count} immediate rules through the API: the first finds {@code beacon} and goes to {@code channel}. */
    static void rules(int count, String beacon, long channel) {
        Random random = new Random(42);
        for (int i = 0; i < count; i++) {
            String query = i == 0
                    ? beacon
                    : VOCABULARY.get(random.nextInt(VOCABULARY.size())) + " "
                            + VOCABULARY.get(random.nextInt(VOCABULARY.size()));
            given().contentType(ContentType.JSON)
                    .body(Map.of(
                            "name",
                            "paced bench rule " + i + " " + System.nanoTime(),
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
    }

    /**
     * Starts pushing {@code articles} articles titled {@code "<title> <n> from the <beacon>"} at {@code perSecond};
     * close to stop.
     */
    static PacedPushes start(String title, String beacon, int articles, int perSecond) {
        PacedPushes pushes = new PacedPushes(title);
        AtomicInteger next = new AtomicInteger();
        pushes.pace.scheduleAtFixedRate(
                () -> {
                    int number = next.getAndIncrement();
                    if (number >= articles) {
                        return;
                    }
                    StringBuilder body = new StringBuilder("The " + beacon + " report " + number + ".");
                    Random words = new Random(number);
                    for (int w = 0; w < 60; w++) {
                        body.append(' ').append(VOCABULARY.get(words.nextInt(VOCABULARY.size())));
                    }
                    pushes.started.put(number, System.nanoTime());
                    given().contentType(ContentType.JSON)
                            .body(Map.of(
                                    "title",
                                    title + " " + number + " from the " + beacon,
                                    "body",
                                    body.append('.').toString(),
                                    "source",
                                    "Bench Wire"))
                            .post("/api/ingest");
                },
                0,
                1_000_000 / perSecond,
                TimeUnit.MICROSECONDS);
        return pushes;
    }

    /**
     * Milliseconds from each push to the arrival of the delivery whose text names it, sorted; deliveries of other
     * articles are left out.
     */
    List<Long> latencies(List<Delivered> deliveries) {
        List<Long> latencies = new ArrayList<>();
        for (Delivered delivered : deliveries) {
            Matcher matcher = numbered.matcher(delivered.text());
            Long sent = matcher.find() ? started.get(Integer.parseInt(matcher.group(1))) : null;
            if (sent != null) {
                latencies.add((delivered.arrivedNanos() - sent) / 1_000_000);
            }
        }
        latencies.sort(Long::compare);
        return latencies;
    }

    /** What a receiver got: the text that names the article, and when it arrived ({@link System#nanoTime()}). */
    record Delivered(String text, long arrivedNanos) {}

    /** The {@code percent}th percentile of sorted figures (nearest rank). */
    static long percentile(List<Long> sorted, int percent) {
        int index = (int) Math.ceil(percent / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(index, sorted.size() - 1)));
    }

    @Override
    public void close() {
        pace.shutdownNow();
    }
}
