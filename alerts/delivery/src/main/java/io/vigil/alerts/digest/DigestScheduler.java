package io.vigil.alerts.digest;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import io.vigil.alerts.outbox.DeliverySettings;
import io.vigil.alerts.outbox.OutboxWritten;
import io.vigil.alerts.silence.Silences;
import io.vigil.engine.alert.Alerts;
import io.vigil.engine.alert.Alerts.Queued;
import io.vigil.engine.archive.ArchiveMigrations;
import io.vigil.engine.input.LoggedText;
import io.vigil.engine.watch.Delivery;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Sends the digests of {@code hourly}, {@code daily} and {@code weekly} routes: when a route's period ends — on the
 * hour, or at its channel's digest hour (and day) in its channel's time zone — the alerts queued for that route that
 * opened before the end go out as one {@code digest} notification on that channel (several when there are more than
 * {@link DeliverySettings#digestMaxAlerts()}). An alert that a silence in force at sending time covers is muted
 * instead, even when the silence was made after the alert opened. A route that became immediate sends what it still
 * had queued at once, so a change of delivery loses nothing.
 *
 * <p>Exactly once, across restarts and instances: one transaction per route advances {@code digest_period} to the
 * period (an upsert that changes nothing when another instance got there first), takes the route's queued alerts and
 * writes the outbox rows. A Vigil that was down when a period ended sends that digest when it comes back, once, with
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
    Alerts alerts;

    @Inject
    Event<OutboxWritten> written;

    @Inject
    Silences silences;

    /** A digest route and its channel's digest times ({@code null} where the channel takes the defaults). */
    private record DueRoute(
            long ruleId,
            long channelId,
            Delivery delivery,
            Integer hour,
            String timeZone,
            String day,
            boolean enabled) {}

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
     * @return how many digest notifications were written (one per route and batch of alerts)
     */
    public int sendDue(Instant now) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = QuarkusTransaction.requiringNew().call(() -> entityManager
                .createNativeQuery(
                        """
                        select rc.rule_id, rc.channel_id, coalesce(rc.delivery, r.delivery),
                               c.digest_hour, c.digest_time_zone, c.digest_day, c.enabled
                        from rule_channel rc join rule r on r.id = rc.rule_id join channel c on c.id = rc.channel_id
                        where r.enabled
                        order by rc.rule_id, rc.channel_id
                        """)
                .getResultList());
        Set<Alerts.RouteKey> owing = QuarkusTransaction.requiringNew().call(alerts::routesWithQueuedAlerts);
        int digests = 0;
        for (Object[] row : rows) {
            DueRoute route = new DueRoute(
                    ((Number) row[0]).longValue(),
                    ((Number) row[1]).longValue(),
                    Delivery.of((String) row[2]).orElseThrow(),
                    row[3] == null ? null : ((Number) row[3]).intValue(),
                    (String) row[4],
                    (String) row[5],
                    (Boolean) row[6]);
            if (!route.delivery().isDigest()
                    && !owing.contains(new Alerts.RouteKey(route.ruleId(), route.channelId()))) {
                continue;
            }
            try {
                Instant end = route.delivery().isDigest() ? periods(route).latestEnd(route.delivery(), now) : now;
                digests += QuarkusTransaction.requiringNew().call(() -> collect(route, end, now));
            } catch (RuntimeException e) {
                LOG.warnf(
                        "collecting the digest of rule %d for channel %d failed, trying again next round: %s",
                        route.ruleId(), route.channelId(), LoggedText.of(e));
            }
        }
        return digests;
    }

    /** The channel's digest times, its own where it has them and the configured defaults elsewhere. */
    private DigestPeriods periods(DueRoute route) {
        return new DigestPeriods(
                route.hour() != null ? route.hour() : settings.digestHour(),
                ZoneId.of(route.timeZone() != null ? route.timeZone() : settings.timeZone()),
                DayOfWeek.valueOf((route.day() != null ? route.day() : settings.digestDay()).toUpperCase(Locale.ROOT)));
    }

    private int collect(DueRoute route, Instant end, Instant now) {
        int advanced = entityManager
                .createNativeQuery(
                        """
                        insert into digest_period (rule_id, channel_id, last_period) values (?1, ?2, ?3)
                        on conflict (rule_id, channel_id) do update
                            set last_period = excluded.last_period, updated_at = now()
                            where digest_period.last_period < excluded.last_period
                        """)
                .setParameter(1, route.ruleId())
                .setParameter(2, route.channelId())
                .setParameter(3, end)
                .executeUpdate();
        if (advanced == 0) {
            return 0;
        }
        // A silence made after the alert opened but before its digest goes out still mutes it.
        Silences.InForce silenced = silences.inForce(route.ruleId(), now);
        List<Long> alertIds = new ArrayList<>();
        List<Long> mutedIds = new ArrayList<>();
        for (Queued queued : alerts.takeForDigest(route.ruleId(), route.channelId(), end)) {
            (silenced.mutes(queued.firstArticleId()) ? mutedIds : alertIds).add(queued.alertId());
        }
        alerts.mute(mutedIds);
        if (!route.enabled()) {
            // A disabled channel misses its digests, as it misses immediate alerts.
            return 0;
        }
        alertIds.sort(Long::compare);
        int digests = 0;
        for (int from = 0; from < alertIds.size(); from += settings.digestMaxAlerts()) {
            List<Long> batch = alertIds.subList(from, Math.min(alertIds.size(), from + settings.digestMaxAlerts()));
            digests += entityManager
                    .createNativeQuery(
                            """
                            insert into outbox (notification_id, channel_id, kind, alert_ids, rule_id)
                            values (?1, ?2, 'digest', ?3, ?4)
                            """)
                    .setParameter(1, UUID.randomUUID())
                    .setParameter(2, route.channelId())
                    .setParameter(3, batch.toArray(Long[]::new))
                    .setParameter(4, route.ruleId())
                    .executeUpdate();
        }
        if (digests > 0) {
            written.fire(new OutboxWritten(digests));
        }
        return digests;
    }
}
