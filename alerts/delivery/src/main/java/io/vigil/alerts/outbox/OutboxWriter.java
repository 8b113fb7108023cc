package io.vigil.alerts.outbox;

import io.vigil.alerts.silence.Silences;
import io.vigil.engine.alert.AlertRaised;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Writes the notifications an alert calls for into the outbox, inside the transaction that stores the article — so an
 * alert and its notifications commit together, and a crash loses neither.
 *
 * <ul>
 *   <li>A new alert that a silence covers is marked {@code muted} and gets no notification.
 *   <li>A new alert of an {@code immediate} rule gets one {@code alert} row per enabled channel of the rule, all with
 *       one notification id. Alerts of {@code hourly} and {@code daily} rules wait for the digest.
 *   <li>An article joining an alert that was sent gets an {@code update} row only when the rule has
 *       {@code notify_updates}, and at most once per {@link DeliverySettings#updateMinInterval()}: the next update
 *       after the pause reports every article the story gathered meanwhile.
 * </ul>
 *
 * <p>Runs on the ingesting thread, synchronously; fires {@link OutboxWritten} so the worker wakes after the commit.
 */
@ApplicationScoped
public class OutboxWriter {

    @Inject
    EntityManager entityManager;

    @Inject
    Silences silences;

    @Inject
    DeliverySettings settings;

    @Inject
    Event<OutboxWritten> written;

    Clock clock = Clock.systemUTC();

    private record RuleDelivery(String delivery, boolean notifyUpdates, boolean enabled) {}

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
                entityManager
                        .createNativeQuery("update alert set muted = true where id = ?1")
                        .setParameter(1, alert.alertId())
                        .executeUpdate();
                return;
            }
            if (!"immediate".equals(rule.delivery())) {
                return;
            }
            entityManager
                    .createNativeQuery("update alert set notified_at = ?2 where id = ?1")
                    .setParameter(1, alert.alertId())
                    .setParameter(2, now)
                    .executeUpdate();
            enqueue("alert", alert);
            return;
        }
        if (!rule.notifyUpdates() || !"immediate".equals(rule.delivery())) {
            return;
        }
        // One statement decides and claims the update, so two articles joining at once send it once.
        int due = entityManager
                .createNativeQuery(
                        """
                        update alert set notified_at = ?2
                        where id = ?1 and not muted and (notified_at is null or notified_at <= ?3)
                        """)
                .setParameter(1, alert.alertId())
                .setParameter(2, now)
                .setParameter(3, now.minus(settings.updateMinInterval()))
                .executeUpdate();
        if (due > 0) {
            enqueue("update", alert);
        }
    }

    private void enqueue(String kind, AlertRaised alert) {
        int rows = entityManager
                .createNativeQuery(
                        """
                        insert into outbox (notification_id, channel_id, kind, alert_ids, rule_id)
                        select ?1, c.id, ?2, array[cast(?3 as bigint)], ?4
                        from rule_channel rc join channel c on c.id = rc.channel_id
                        where rc.rule_id = ?4 and c.enabled
                        """)
                .setParameter(1, UUID.randomUUID())
                .setParameter(2, kind)
                .setParameter(3, alert.alertId())
                .setParameter(4, alert.ruleId())
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
                .createNativeQuery("select delivery, notify_updates, enabled from rule where id = ?1")
                .setParameter(1, ruleId)
                .getResultList();
        if (rows.isEmpty()) {
            return null;
        }
        Object[] row = rows.get(0);
        return new RuleDelivery((String) row[0], (Boolean) row[1], (Boolean) row[2]);
    }
}
