/**
 * Alert delivery: from an alert to a message in someone's inbox or webhook receiver, losing nothing on the way. The
 * alert itself — its tables and their every query — is the aggregate {@link io.vigil.engine.alert.Alerts}; delivery
 * calls it.
 *
 * <h2>The flow</h2>
 *
 * <ol>
 *   <li><b>Raise.</b> Rule matching opens or joins an alert and fires {@link io.vigil.engine.alert.AlertRaised} inside
 *       the article's transaction. {@link io.vigil.alerts.outbox.OutboxWriter} observes it in that same transaction:
 *       it checks {@linkplain io.vigil.alerts.silence.Silences silences} (a muted alert is recorded, never sent),
 *       writes one {@code outbox} row per enabled channel of the rule's {@code immediate} routes — for a new story, and
 *       for a grown one when the rule asks for updates, at most once per {@code vigil.delivery.update-min-interval} —
 *       queues a new alert for each digest route, and writes one {@code escalation} row per channel of every route
 *       when the story reaches the rule's escalation threshold, once.
 *   <li><b>Digest.</b> {@link io.vigil.alerts.digest.DigestScheduler} collects each {@code hourly}, {@code daily} or
 *       {@code weekly} route's queue into one digest row for its channel when the route's period ends (at the
 *       channel's own digest hour, time zone and day), exactly once per period.
 *   <li><b>Deliver.</b> {@link io.vigil.alerts.outbox.DeliveryWorker} claims due rows with
 *       {@code FOR UPDATE SKIP LOCKED} and a lease, builds each {@link io.vigil.spi.notify.Notification} from the
 *       database, and hands it to the channel's notifier outside any transaction; one lane per channel, so a slow
 *       receiver delays only itself. Every attempt is written to {@code delivery_attempt}.
 *   <li><b>Retry.</b> Temporary failures come back after an exponential backoff with full jitter (or the receiver's
 *       {@code Retry-After}); permanent ones, plugin errors and the last allowed attempt make the row {@code dead},
 *       from where the API can re-queue it under the same notification id.
 * </ol>
 *
 * <p>Notifiers reach the outside through the engine's one {@link io.vigil.spi.http.OutboundHttp} (shared with sources)
 * and the {@link io.vigil.spi.mail.MailSender} produced here ({@code mail}); channels with their cached notifiers live
 * in {@code channel}.
 */
package io.vigil.alerts;
