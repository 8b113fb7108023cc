package io.vigil.alerts.outbox;

import io.vigil.alerts.silence.Silences;
import io.vigil.engine.alert.AlertRaised;
import io.vigil.engine.alert.Alerts;
import io.vigil.engine.watch.Escalation;
import io.vigil.spi.notify.Notification.Kind;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * Writes the notifications an alert calls for into the outbox, inside the transaction that stores the article — so an
 * alert and its notifications commit together, and a crash loses neither. Each of the rule's routes (a channel with its
 * own delivery) is served its own way:
 *
 * <ul>
 *   <li>A new alert that a silence covers is {@linkplain Alerts#mute muted} and gets no notification anywhere.
 *   <li>A new alert gets one {@code alert} row per enabled channel of an {@code immediate} route, all with one
 *       notification id, and a place in the queue of each digest route ({@code hourly}, {@code daily},
 *       {@code weekly}), which the digest scheduler empties when the route's period ends.
 *   <li>An article joining an alert that was sent gets an {@code update} row on the immediate routes only when the rule
 *       has {@code notify_updates}, and at most once per {@link DeliverySettings#updateMinInterval()}: the next update
 *       after the pause reports every article the story gathered meanwhile.
 *   <li>An article that brings the story to the rule's escalation threshold gets one {@code escalation} row per enabled
 *       channel of every route, once per alert.
 * </ul>
 *
 * <p>Runs on the ingesting thread, synchronously; fires {@link OutboxWritten} so the worker wakes after the commit.
 */
@ApplicationScoped
public class OutboxWriter {

    @Inject
    EntityManager entityManager;

    @Inject
    Alerts alerts;

    @Inject
    Silences silences;

    @Inject
    DeliverySettings settings;

    @Inject
    Event<OutboxWritten> written;

    Clock clock = Clock.systemUTC();

    /** What delivery needs to know of a rule. */
    private record RuleDelivery(
            boolean enabled, boolean notifyUpdates, boolean hasImmediateRoute, Optional<Escalation> escalation) {}

    void onAlertRaised(@Observes AlertRaised alert) {
        // Whatever the matcher changed through Hibernate must be visible to the SQL below.
        entityManager.flush();
        Instant now = clock.instant();
        RuleDelivery rule = rule(alert.ruleId());
        if (rule == null || !rule.enabled()) {
            return;
        }
        if (alert.opened()) {
            if (alert.muted() || silences.mutes(alert.ruleId(), alert.articleId(), now)) {
                alerts.mute(List.of(alert.alertId()));
                return;
            }
            alerts.queueForDigests(alert.alertId(), alert.ruleId());
            if (rule.hasImmediateRoute()) {
                alerts.claimFirstNotification(alert.alertId(), now);
                enqueue(Kind.ALERT, alert, false);
            }
            return;
        }
        if (rule.escalation().isPresent()
                && alerts.escalate(alert.alertId(), rule.escalation().get(), now)
                        .isPresent()) {
            enqueue(Kind.ESCALATION, alert, true);
        }
        if (rule.notifyUpdates()
                && rule.hasImmediateRoute()
                && alerts.claimUpdate(alert.alertId(), now, settings.updateMinInterval())) {
            enqueue(Kind.UPDATE, alert, false);
        }
    }

    /**
     * One row per enabled channel of the rule's immediate routes, or of all its routes, under one new notification id.
     */
    private void enqueue(Kind kind, AlertRaised alert, boolean everyRoute) {
        int rows = entityManager
                .createNativeQuery(
                        """
                        insert into outbox (notification_id, channel_id, kind, alert_ids, rule_id)
                        select ?1, c.id, ?2, array[cast(?3 as bigint)], ?4
                        from rule_channel rc join channel c on c.id = rc.channel_id join rule r on r.id = rc.rule_id
                        where rc.rule_id = ?4 and c.enabled
                          and (?5 or coalesce(rc.delivery, r.delivery) = 'immediate')
                        """)
                .setParameter(1, UUID.randomUUID())
                .setParameter(2, kind.name().toLowerCase(Locale.ROOT))
                .setParameter(3, alert.alertId())
                .setParameter(4, alert.ruleId())
                .setParameter(5, everyRoute)
                .executeUpdate();
        if (rows > 0) {
            // The worker may send this as soon as the transaction commits, so the commit must reach the disk first,
            // even when the pipeline relaxed it for a replayable source (io.vigil.engine.ingest.Durability).
            entityManager.createNativeQuery("set local synchronous_commit = on").executeUpdate();
            written.fire(new OutboxWritten(rows));
        }
    }

    private RuleDelivery rule(long ruleId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager
                .createNativeQuery(
                        """
                        select r.enabled, r.notify_updates,
                               exists (select 1 from rule_channel rc where rc.rule_id = r.id
                                       and coalesce(rc.delivery, r.delivery) = 'immediate'),
                               r.escalation_outlets, r.escalation_within_seconds
                        from rule r where r.id = ?1
                        """)
                .setParameter(1, ruleId)
                .getResultList();
        if (rows.isEmpty()) {
            return null;
        }
        Object[] row = rows.get(0);
        Optional<Escalation> escalation = row[3] == null || row[4] == null
                ? Optional.empty()
                : Optional.of(new Escalation(
                        ((Number) row[3]).intValue(), Duration.ofSeconds(((Number) row[4]).longValue())));
        return new RuleDelivery((Boolean) row[0], (Boolean) row[1], (Boolean) row[2], escalation);
    }
}
