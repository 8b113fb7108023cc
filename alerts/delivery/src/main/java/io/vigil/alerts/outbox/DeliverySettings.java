package io.vigil.alerts.outbox;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How alerts are delivered ({@code vigil.delivery.*}); each key also as an environment variable. */
@ConfigMapping(prefix = "vigil.delivery")
public interface DeliverySettings {

    /** The pause before the first retry; each further retry doubles the ceiling of a random pause (full jitter). */
    @WithDefault("PT30S")
    Duration initialBackoff();

    /** The largest pause between two attempts, however many failed before. */
    @WithDefault("PT1H")
    Duration maxBackoff();

    /** The longest {@code Retry-After} a receiver can impose; a longer one is cut to this. */
    @WithDefault("PT1H")
    Duration maxRetryAfter();

    /** How many attempts a notification gets before it is dead. */
    @WithDefault("10")
    int maxAttempts();

    /** How often the worker looks for due notifications when nothing woke it earlier. */
    @WithDefault("PT1S")
    Duration pollEvery();

    /**
     * How long a claimed notification is reserved for the worker that claimed it; after that another worker (or this
     * one after a restart) takes it over. Longer than a batch of deliveries to one channel can take.
     */
    @WithDefault("PT2M")
    Duration lease();

    /** How many notifications of one channel a worker claims at a time; bounds the memory a burst can take. */
    @WithDefault("20")
    int batchSize();

    /** How many channels are delivered to at the same time; each channel gets one delivery at a time. */
    @WithDefault("16")
    int maxConcurrentChannels();

    /** The least time between two update notifications of one alert when its story grows. */
    @WithDefault("PT1H")
    Duration updateMinInterval();

    /** The hour of day (0–23) daily and weekly digests go out, in {@link #timeZone()}; a channel may set its own. */
    @WithDefault("8")
    int digestHour();

    /** The time zone of digest periods, such as {@code Europe/London}; a channel may set its own. */
    @WithDefault("UTC")
    String timeZone();

    /** The day weekly digests go out ({@code monday} … {@code sunday}); a channel may set its own. */
    @WithDefault("monday")
    String digestDay();

    /** How often the digest scheduler looks for periods that ended. */
    @WithDefault("PT1M")
    Duration digestCheckEvery();

    /** The most alerts one digest notification reports; a busier period is sent as several digests. */
    @WithDefault("100")
    int digestMaxAlerts();
}
