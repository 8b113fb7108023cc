package io.vigil.web.delivery;

import static org.awaitility.Awaitility.await;

import io.quarkus.test.junit.QuarkusTest;
import io.vigil.web.testing.Archive;
import io.vigil.web.testing.TelegramBotApi;
import java.time.Duration;
import java.util.List;
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

    @Test
    void printsIngestToChatLatencyAtFiftyArticlesASecond() throws Exception {
        Archive.awaitReady();
        try (TelegramBotApi telegram = new TelegramBotApi()) {
            PacedPushes.rules(RULES, "beacon", Channels.telegram(telegram.apiUrl()));
            List<Long> latencies;
            try (PacedPushes pushes = PacedPushes.start("Paced chat story", "beacon", ARTICLES, RATE_PER_SECOND)) {
                await().atMost(Duration.ofMinutes(5))
                        .until(() -> telegram.accepted().size() >= ARTICLES);
                latencies = pushes.latencies(telegram.accepted().stream()
                        .map(message -> new PacedPushes.Delivered(message.text(), message.arrivedNanos()))
                        .toList());
            }
            System.out.printf(
                    "CHAT LATENCY article ingested -> Telegram sendMessage received, %d rules, %d articles at %d/s:"
                            + " p50 %d ms, p99 %d ms, max %d ms%n",
                    RULES,
                    latencies.size(),
                    RATE_PER_SECOND,
                    PacedPushes.percentile(latencies, 50),
                    PacedPushes.percentile(latencies, 99),
                    latencies.get(latencies.size() - 1));
        }
    }
}
