package io.vigil.alerts.digest;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import io.vigil.alerts.outbox.DeliverySettings;
import io.vigil.alerts.outbox.OutboxWritten;
import io.vigil.alerts.silence.Silences;
import io.vigil.engine.archive.ArchiveMigrations;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.hibernate.Session;
import org.jboss.logging.Logger;

/**
 * Sends the digests of {@code hourly} and {@code daily} rules: when a period ends, the rule's alerts that were neither
 * sent nor muted and opened before the end go out as one {@code digest} notification per channel (several when there
 * are more than {@link DeliverySettings#digestMaxAlerts()}). An alert that a silence in force at sending time covers
 * is marked muted instead, even when the silence was made after the alert opened.
 *
 * <p>Exactly once, across restarts and instances: one transaction per rule advances {@code digest_schedule} to the
 * period (an upsert that changes nothing when another instance got there first), marks the alerts notified and writes
 * the outbox rows. A Vigil that was down when a period ended sends that digest when it comes back, once, with
 * everything gathered since the last one.
 */
@ApplicationScoped
public class DigestScheduler {

    private static final Logger LOG = Logger.getLogger(DigestScheduler.class);

    @Inject
    DeliverySettings settings;

    @Inject
    ArchiveMigrations archive;

    @Inject
    EntityManager entityManager;

    @Inject
    Event<OutboxWritten> written;

    @Inject
    Silences silences;

    @Scheduled(
            every = "${vigil.delivery.digest-check-every:PT1M}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sendEndedPeriods() {
        if (archive.isReady()) {
            sendDue(Instant.now());
        }
    }

    /**
     * Collects every digest whose period ended at or before {@code now} and has not been collected yet.
     *
     * @return how many digest notifications were written (one per batch of alerts, whatever the number of channels)
     */
    public int sendDue(Instant now) {
        DigestPeriods periods = new DigestPeriods(settings.digestHour(), ZoneId.of(settings.timeZone()));
        @SuppressWarnings("unchecked")
        List<Object[]> rules = QuarkusTransaction.requiringNew().call(() -> entityManager
                .createNativeQuery("select id, delivery from rule where enabled and delivery in ('hourly', 'daily')")
                .getResultList());
        int digests = 0;
        for (Object[] rule : rules) {
            long ruleId = ((Number) rule[0]).longValue();
            Instant end = periods.latestEnd((String) rule[1], now);
            try {
                digests += QuarkusTransaction.requiringNew().call(() -> collect(ruleId, end, now));
            } catch (RuntimeException e) {
                LOG.warnf("collecting the digest of rule %d failed, trying again next round: %s", ruleId, e.toString());
            }
        }
        return digests;
    }

    private int collect(long ruleId, Instant end, Instant now) {
        int digests = entityManager.unwrap(Session.class).doReturningWork(connection -> {
            try (PreparedStatement advance = connection.prepareStatement(
                    """
                    insert into digest_schedule (rule_id, last_period) values (?, ?)
                    on conflict (rule_id) do update set last_period = excluded.last_period, updated_at = now()
                    where digest_schedule.last_period < excluded.last_period
                    returning rule_id
                    """)) {
                advance.setLong(1, ruleId);
                advance.setTimestamp(2, Timestamp.from(end));
                try (ResultSet advanced = advance.executeQuery()) {
                    if (!advanced.next()) {
                        return 0;
                    }
                }
            }
            List<Long> alertIds = new ArrayList<>();
            List<Long> mutedIds = new ArrayList<>();
            try (PreparedStatement take = connection.prepareStatement(
                    """
                    update alert set notified_at = now()
                    where rule_id = ? and notified_at is null and not muted and created_at < ?
                    returning id, first_article_id
                    """)) {
                take.setLong(1, ruleId);
                take.setTimestamp(2, Timestamp.from(end));
                // A silence made after the alert opened but before its digest goes out still mutes it.
                Silences.InForce silenced = silences.inForce(ruleId, now);
                try (ResultSet taken = take.executeQuery()) {
                    while (taken.next()) {
                        (silenced.mutes(taken.getLong(2)) ? mutedIds : alertIds).add(taken.getLong(1));
                    }
                }
            }
            if (!mutedIds.isEmpty()) {
                try (PreparedStatement mute = connection.prepareStatement(
                        "update alert set muted = true, notified_at = null where id = any(?)")) {
                    mute.setArray(1, connection.createArrayOf("bigint", mutedIds.toArray()));
                    mute.executeUpdate();
                }
            }
            alertIds.sort(Long::compare);
            int written = 0;
            for (int from = 0; from < alertIds.size(); from += settings.digestMaxAlerts()) {
                List<Long> batch = alertIds.subList(from, Math.min(alertIds.size(), from + settings.digestMaxAlerts()));
                Array ids = connection.createArrayOf("bigint", batch.toArray());
                try (PreparedStatement insert = connection.prepareStatement(
                        """
                        insert into outbox (notification_id, channel_id, kind, alert_ids, rule_id)
                        select ?, c.id, 'digest', ?, ?
                        from rule_channel rc join channel c on c.id = rc.channel_id
                        where rc.rule_id = ? and c.enabled
                        """)) {
                    insert.setObject(1, UUID.randomUUID());
                    insert.setArray(2, ids);
                    insert.setLong(3, ruleId);
                    insert.setLong(4, ruleId);
                    written += insert.executeUpdate() > 0 ? 1 : 0;
                }
            }
            return written;
        });
        if (digests > 0) {
            written.fire(new OutboxWritten(digests));
        }
        return digests;
    }
}
