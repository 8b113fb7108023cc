package io.vigil.web.delivery;

import static org.awaitility.Awaitility.await;

import io.quarkus.test.junit.QuarkusTest;
import io.vigil.web.testing.AlertFixtures;
import io.vigil.web.testing.Archive;
import io.vigil.web.testing.WebhookReceiver;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Figures for docs/benchmarks.md ("Alert delivery"): how long an alert takes from its storing transaction to the
 * webhook receiver at a steady 50 alerts a second, and how many notifications a second the outbox delivers to a fast
 * local receiver. Prints figures; asserts nothing about time. Run on request only:
 * {@code ./mvnw -pl web -am test -Dtest=DeliveryBenchmark -Dvigil.excluded.groups=none -Dsurefire.failIfNoSpecifiedTests=false -Dvigil.test.database=vigil_bench}.
 */
@Tag("benchmark")
@QuarkusTest
class DeliveryBenchmark {

    private static final int RATE_PER_SECOND = 50;
    private static final int PACED_ALERTS = 1_000;
    private static final int BACKLOG = 3_000;
    private static final int RULES = 1_000;
    private static final Pattern TITLE = Pattern.compile("Paced story (\\d+)\\b");

    @Inject
    AlertFixtures fixtures;

    @Test
    void printsLatencyAtFiftyAlertsASecondAndTheSustainedDeliveryRate() throws Exception {
        Archive.awaitReady();
        try (WebhookReceiver receiver = WebhookReceiver.answering()) {
            long rule = fixtures.rule(
                    "Paced",
                    "immediate",
                    false,
                    Channels.webhook(receiver.url()).id());
            Map<Integer, Long> started = new ConcurrentHashMap<>();
            AtomicInteger next = new AtomicInteger();
            ScheduledExecutorService pace = Executors.newScheduledThreadPool(4);
            pace.scheduleAtFixedRate(
                    () -> {
                        int number = next.getAndIncrement();
                        if (number < PACED_ALERTS) {
                            started.put(number, System.nanoTime());
                            fixtures.open(rule, "Paced story " + number, "Paced story " + number + " for latency.");
                        }
                    },
                    0,
                    1_000_000 / RATE_PER_SECOND,
                    TimeUnit.MICROSECONDS);
            await().atMost(Duration.ofMinutes(5)).until(() -> receiver.count() >= PACED_ALERTS);
            pace.shutdownNow();
            List<Long> latencies = new ArrayList<>();
            for (WebhookReceiver.Received request : receiver.received()) {
                Matcher matcher = TITLE.matcher(request.bodyText());
                if (matcher.find()) {
                    latencies.add(
                            (request.arrivedNanos() - started.get(Integer.parseInt(matcher.group(1)))) / 1_000_000);
                }
            }
            latencies.sort(Long::compare);
            System.out.printf(
                    "DELIVERY LATENCY alert stored -> webhook received, %d alerts at %d/s: p50 %d ms, p99 %d ms, max %d ms%n",
                    latencies.size(),
                    RATE_PER_SECOND,
                    PacedPushes.percentile(latencies, 50),
                    PacedPushes.percentile(latencies, 99),
                    latencies.get(latencies.size() - 1));
        }

        try (WebhookReceiver receiver = WebhookReceiver.answering()) {
            Map<String, Long> channels = new HashMap<>();
            long[] ids = new long[4];
            for (int i = 0; i < ids.length; i++) {
                ids[i] = Channels.webhook(receiver.url() + "?lane=" + i).id();
                channels.put("lane " + i, ids[i]);
            }
            long oneChannel = fixtures.rule("Backlog one", "daily", false, ids[0]);
            long fourChannels = fixtures.rule("Backlog four", "daily", false, ids);
            measureBacklog(receiver, oneChannel, 1);
            measureBacklog(receiver, fourChannels, 4);
        }
    }

    @Test
    void printsIngestToWebhookLatencyWithAThousandRules() throws Exception {
        Archive.awaitReady();
        try (WebhookReceiver receiver = WebhookReceiver.answering()) {
            PacedPushes.rules(
                    RULES, "lighthouse", Channels.webhook(receiver.url()).id());
            List<Long> latencies;
            try (PacedPushes pushes = PacedPushes.start("Paced story", "lighthouse", PACED_ALERTS, RATE_PER_SECOND)) {
                await().atMost(Duration.ofMinutes(5)).until(() -> receiver.count() >= PACED_ALERTS);
                latencies = pushes.latencies(receiver.received().stream()
                        .map(request -> new PacedPushes.Delivered(request.bodyText(), request.arrivedNanos()))
                        .toList());
            }
            System.out.printf(
                    "DELIVERY LATENCY article ingested -> webhook received, %d rules, %d articles at %d/s: p50 %d ms,"
                            + " p99 %d ms, max %d ms%n",
                    RULES,
                    latencies.size(),
                    RATE_PER_SECOND,
                    PacedPushes.percentile(latencies, 50),
                    PacedPushes.percentile(latencies, 99),
                    latencies.get(latencies.size() - 1));
        }
    }

    /** Opens alerts of an (undelivered) daily rule, then queues them all at once and times the delivery. */
    private void measureBacklog(WebhookReceiver receiver, long rule, int channels) {
        int notifications = BACKLOG / channels;
        for (int i = 0; i < notifications; i++) {
            fixtures.open(rule, "Backlog story " + i, "Backlog story " + i + ".");
        }
        int before = receiver.count();
        long queued = System.nanoTime();
        fixtures.number("with rows as (insert into outbox (notification_id, channel_id, kind, alert_ids, rule_id)"
                + " select gen_random_uuid(), rc.channel_id, 'alert', array[a.id], a.rule_id"
                + " from alert a join rule_channel rc on rc.rule_id = a.rule_id where a.rule_id = " + rule
                + " returning 1) select count(*) from rows");
        await().atMost(Duration.ofMinutes(10)).until(() -> receiver.count() - before >= notifications * channels);
        double seconds = (System.nanoTime() - queued) / 1e9;
        System.out.printf(
                "DELIVERY RATE backlog of %d notifications over %d channel(s): %.1f s, %.0f notifications/s%n",
                notifications * channels, channels, seconds, notifications * channels / seconds);
    }
}
