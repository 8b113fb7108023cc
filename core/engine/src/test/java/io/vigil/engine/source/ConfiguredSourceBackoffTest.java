package io.vigil.engine.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfiguredSourceBackoffTest {

    static final Instant NOW = Instant.parse("2025-03-10T12:00:00Z");
    static final FetchReport NOTHING = new FetchReport(0, 0, 0, Map.of(), null, null);

    static ConfiguredSource everyFiveMinutes() {
        ConfiguredSource source = new ConfiguredSource();
        source.fetchIntervalSeconds = 300;
        return source;
    }

    @Test
    void eachFailureInARowDoublesTheWait() {
        ConfiguredSource source = everyFiveMinutes();

        source.fetchFailed("timeout", NOTHING, NOW, null);
        assertThat(source.nextFetchAt).isEqualTo(NOW.plus(Duration.ofMinutes(5)));
        source.fetchFailed("timeout", NOTHING, NOW, null);
        assertThat(source.nextFetchAt).isEqualTo(NOW.plus(Duration.ofMinutes(10)));
        source.fetchFailed("timeout", NOTHING, NOW, null);
        assertThat(source.nextFetchAt).isEqualTo(NOW.plus(Duration.ofMinutes(20)));
        assertThat(source.consecutiveFailures).isEqualTo(3);
        assertThat(source.lastError).isEqualTo("timeout");
    }

    @Test
    void theWaitNeverExceedsADay() {
        ConfiguredSource source = everyFiveMinutes();

        for (int i = 0; i < 40; i++) {
            source.fetchFailed("down", NOTHING, NOW, null);
        }

        assertThat(source.nextFetchAt).isEqualTo(NOW.plus(Duration.ofDays(1)));
    }

    @Test
    void aRetryAfterLongerThanTheBackoffIsHonoured() {
        ConfiguredSource source = everyFiveMinutes();

        source.fetchFailed("HTTP 429", NOTHING, NOW, Duration.ofHours(2));

        assertThat(source.nextFetchAt).isEqualTo(NOW.plus(Duration.ofHours(2)));
    }

    @Test
    void aRetryAfterShorterThanTheBackoffDoesNotMakeUsPollFaster() {
        ConfiguredSource source = everyFiveMinutes();

        source.fetchFailed("HTTP 503", NOTHING, NOW, Duration.ofSeconds(5));

        assertThat(source.nextFetchAt).isEqualTo(NOW.plus(Duration.ofMinutes(5)));
    }

    @Test
    void aSuccessEndsTheBackoffAndWaitsOneIntervalPlusJitter() {
        ConfiguredSource source = everyFiveMinutes();
        source.fetchFailed("down", NOTHING, NOW, null);
        source.fetchFailed("down", NOTHING, NOW, null);

        source.fetchSucceeded(NOTHING, Map.of("etag", "\"x\""), NOW, Duration.ofSeconds(12));

        assertThat(source.consecutiveFailures).isZero();
        assertThat(source.lastError).isNull();
        assertThat(source.nextFetchAt).isEqualTo(NOW.plus(Duration.ofMinutes(5)).plusSeconds(12));
        assertThat(source.cursor).containsEntry("etag", "\"x\"");
    }
}
