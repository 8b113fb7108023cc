package io.vigil.web.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.junit.QuarkusTest;
import io.vigil.alerts.outbox.DeliverySettings;
import io.vigil.web.testing.AlertFixtures;
import io.vigil.web.testing.Archive;
import io.vigil.web.testing.WebhookReceiver;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class DeliveryBurstTest {

    private static final int BURST = 1_000;

    @Inject
    AlertFixtures fixtures;

    @Inject
    DeliverySettings settings;

    @BeforeEach
    void archiveIsReady() {
        Archive.awaitReady();
    }

    @Test
    void aBurstOfAThousandAlertsIsDeliveredInBatchesAndASlowReceiverDoesNotHoldUpAFastOne() throws Exception {
        try (WebhookReceiver fast = WebhookReceiver.answering();
                WebhookReceiver slow = WebhookReceiver.slow(Duration.ofSeconds(2))) {
            Channels.Webhook fastHook = Channels.webhook(fast.url());
            Channels.Webhook slowHook = Channels.webhook(slow.url());
            long rule = fixtures.rule("Burst", "immediate", false, fastHook.id(), slowHook.id());

            for (int i = 0; i < BURST; i++) {
                fixtures.open(rule, "Burst story " + i, "Story number " + i + " of the burst.");
            }

            AtomicLong mostInFlight = new AtomicLong();
            await().atMost(Duration.ofMinutes(3))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> {
                        mostInFlight.accumulateAndGet(leasedRows(), Math::max);
                        return fast.count() >= BURST;
                    });
            int slowWhenFastWasDone = slow.count();
            slow.release();
            await().atMost(Duration.ofMinutes(3))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> {
                        mostInFlight.accumulateAndGet(leasedRows(), Math::max);
                        return slow.count() >= BURST
                                && fixtures.number(
                                                "select count(*) from outbox o join rule r on r.id = o.rule_id where o.status = 'pending' and r.name like 'Burst %'")
                                        == 0;
                    });

            assertThat(slowWhenFastWasDone)
                    .as("the slow receiver had only a few when the fast one had all")
                    .isLessThan(BURST / 10);
            assertThat(distinctIds(fast)).hasSize(BURST);
            assertThat(distinctIds(slow)).hasSize(BURST);
            assertThat(mostInFlight.get())
                    .as("claimed but unfinished notifications never exceed a batch per channel")
                    .isLessThanOrEqualTo((long) settings.batchSize() * settings.maxConcurrentChannels());
        }
    }

    private long leasedRows() {
        return fixtures.number("select count(*) from outbox where status = 'pending' and attempts > 0");
    }

    private static Set<String> distinctIds(WebhookReceiver receiver) {
        Set<String> ids = new HashSet<>();
        receiver.received().forEach(request -> ids.add(request.id()));
        return ids;
    }
}
