package io.vigil.alerts.outbox;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.vigil.alerts.channel.Channel;
import io.vigil.alerts.channel.ChannelNotifiers;
import io.vigil.alerts.channel.ChannelSnapshot;
import io.vigil.alerts.channel.DeliveryOutcome;
import io.vigil.engine.alert.AlertNotices;
import io.vigil.engine.archive.ArchiveReady;
import io.vigil.engine.input.LoggedText;
import io.vigil.spi.notify.Notification;
import io.vigil.spi.notify.Notification.AlertNotice;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.hibernate.Session;
import org.jboss.logging.Logger;

/**
 * Delivers what the outbox holds: claims due notifications, sends them through their channel's notifier, and records
 * every attempt.
 *
 * <h2>How it runs</h2>
 *
 * <ol>
 *   <li>One dispatcher thread wakes every {@link DeliverySettings#pollEvery()}, sooner when a commit wrote outbox rows
 *       ({@link OutboxWritten}, observed after success) or a retry falls due, and looks up which channels have due
 *       rows, the channel whose oldest due row has waited longest first, so that no channel starves behind others when
 *       more are due than lanes are free.
 *   <li>Each such channel gets a <em>lane</em>: a virtual thread that claims up to
 *       {@link DeliverySettings#batchSize()} of the channel's due rows in a short transaction
 *       ({@code FOR UPDATE SKIP LOCKED}, pushing {@code next_attempt_at} a {@linkplain DeliverySettings#lease() lease}
 *       ahead and counting the attempt), delivers them one after the other outside any transaction, records each
 *       outcome in a transaction of its own, and claims again until the channel has nothing due. At most
 *       {@link DeliverySettings#maxConcurrentChannels()} lanes run at once, so memory stays bounded by lanes times
 *       batch, and a slow receiver holds up its own lane only.
 *   <li>A worker that dies mid-batch leaves its rows leased; when the lease ends they are due again and any instance
 *       claims them. The receiver may then see a notification twice — always under the same id.
 * </ol>
 *
 * <p>Several Vigil instances may run this against one database; {@code SKIP LOCKED} and the lease keep them from
 * claiming the same row at the same time.
 */
@ApplicationScoped
public class DeliveryWorker {

    private static final Logger LOG = Logger.getLogger(DeliveryWorker.class);
    private static final int MAX_ERROR = 2000;
    private static final int MAX_RESPONSE = 500;

    @Inject
    DeliverySettings settings;

    @Inject
    ChannelNotifiers notifiers;

    @Inject
    AlertNotices notices;

    @Inject
    EntityManager entityManager;

    @Inject
    MeterRegistry meters;

    private final Semaphore wake = new Semaphore(0);
    private final AtomicBoolean running = new AtomicBoolean();
    private final Set<Long> lanes = ConcurrentHashMap.newKeySet();
    private volatile Semaphore laneSlots;
    private volatile Backoff backoff;
    private volatile Thread dispatcher;

    /** One claimed outbox row. */
    record Claimed(long id, UUID notificationId, String kind, List<Long> alertIds, int attempt, Instant createdAt) {}

    void start(@Observes ArchiveReady ready) {
        if (!running.compareAndSet(false, true)) {
            return;
        }
        laneSlots = new Semaphore(settings.maxConcurrentChannels());
        backoff = new Backoff(settings.initialBackoff(), settings.maxBackoff(), settings.maxRetryAfter());
        dispatcher = Thread.ofPlatform().daemon().name("delivery-dispatcher").start(this::dispatchUntilStopped);
    }

    void stop(@Observes ShutdownEvent event) {
        running.set(false);
        Thread thread = dispatcher;
        if (thread != null) {
            thread.interrupt();
        }
    }

    /** Wakes the dispatcher once a transaction that wrote outbox rows has committed. */
    void nudge(@Observes(during = TransactionPhase.AFTER_SUCCESS) OutboxWritten written) {
        wake.release();
    }

    /** Wakes the dispatcher now, for rows written or re-queued outside an observed transaction. */
    public void wakeUp() {
        wake.release();
    }

    private void dispatchUntilStopped() {
        Duration pause = Duration.ZERO;
        while (running.get()) {
            try {
                if (wake.tryAcquire(Math.max(1, pause.toMillis()), TimeUnit.MILLISECONDS)) {
                    wake.drainPermits();
                }
            } catch (InterruptedException e) {
                return;
            }
            try {
                pause = dispatch();
            } catch (RuntimeException e) {
                // The database may be away for a moment; the next round tries again.
                LOG.warnf("delivery dispatch failed: %s", LoggedText.of(e));
                pause = settings.pollEvery();
            }
        }
    }

    /** Starts a lane for each channel with due rows and none yet; answers how long to wait before looking again. */
    private Duration dispatch() {
        DueWork due = QuarkusTransaction.requiringNew().call(() -> session().doReturningWork(this::dueWork));
        for (long channelId : due.channels()) {
            if (lanes.contains(channelId) || !laneSlots.tryAcquire()) {
                continue;
            }
            lanes.add(channelId);
            Thread.ofVirtual().name("delivery-channel-" + channelId).start(() -> runLane(channelId));
        }
        Duration pause = settings.pollEvery();
        if (due.nextDue() != null) {
            Duration untilNext = Duration.between(Instant.now(), due.nextDue());
            if (untilNext.compareTo(pause) < 0) {
                pause = untilNext.isNegative() ? Duration.ofMillis(50) : untilNext;
            }
        }
        return pause;
    }

    private record DueWork(List<Long> channels, Instant nextDue) {}

    private DueWork dueWork(Connection connection) throws SQLException {
        List<Long> channels = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(
                """
                select o.channel_id from outbox o join channel c on c.id = o.channel_id
                where o.status = 'pending' and o.next_attempt_at <= now() and c.enabled
                group by o.channel_id
                order by min(o.next_attempt_at)
                limit 1000
                """)) {
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    channels.add(rows.getLong(1));
                }
            }
        }
        Instant nextDue = null;
        try (PreparedStatement statement = connection.prepareStatement(
                "select min(next_attempt_at) from outbox where status = 'pending' and next_attempt_at > now()")) {
            try (ResultSet rows = statement.executeQuery()) {
                if (rows.next() && rows.getTimestamp(1) != null) {
                    nextDue = rows.getTimestamp(1).toInstant();
                }
            }
        }
        return new DueWork(channels, nextDue);
    }

    private void runLane(long channelId) {
        try {
            while (running.get()) {
                Lease lease = QuarkusTransaction.requiringNew().call(() -> claim(channelId));
                if (lease == null || lease.rows().isEmpty()) {
                    return;
                }
                // One read for the whole batch: per-notification transactions would cost more than a local webhook.
                List<Long> alertIds = lease.rows().stream()
                        .flatMap(row -> row.alertIds().stream())
                        .distinct()
                        .toList();
                Map<Long, AlertNotice> notices = new HashMap<>();
                QuarkusTransaction.requiringNew()
                        .call(() -> this.notices.read(alertIds))
                        .forEach(notice -> notices.put(notice.alertId(), notice));
                for (Claimed row : lease.rows()) {
                    if (!running.get()) {
                        return;
                    }
                    deliver(lease.channel(), row, notices);
                }
            }
        } catch (RuntimeException e) {
            LOG.warnf(
                    LoggedText.thrown(e),
                    "delivering through channel %d failed; its claimed notifications return after the lease",
                    channelId);
        } finally {
            lanes.remove(channelId);
            laneSlots.release();
            // Rows may have fallen due while this lane was finishing; let the dispatcher look again.
            wake.release();
        }
    }

    private record Lease(ChannelSnapshot channel, List<Claimed> rows) {}

    private Lease claim(long channelId) {
        Channel channel = Channel.findById(channelId);
        if (channel == null || !channel.enabled) {
            return null;
        }
        ChannelSnapshot snapshot = channel.snapshot();
        List<Claimed> rows = session().doReturningWork(connection -> claimRows(connection, channelId));
        return new Lease(snapshot, rows);
    }

    private List<Claimed> claimRows(Connection connection, long channelId) throws SQLException {
        relaxCommit(connection);
        List<Claimed> rows = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(
                """
                update outbox set attempts = attempts + 1, next_attempt_at = now() + make_interval(secs => ?)
                where id in (
                    select id from outbox
                    where channel_id = ? and status = 'pending' and next_attempt_at <= now()
                    order by next_attempt_at, id
                    limit ?
                    for update skip locked)
                returning id, notification_id, kind, alert_ids, attempts, created_at
                """)) {
            statement.setDouble(1, settings.lease().toMillis() / 1000.0);
            statement.setLong(2, channelId);
            statement.setInt(3, settings.batchSize());
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    Long[] alertIds = (Long[]) result.getArray(4).getArray();
                    Timestamp created = result.getTimestamp(6);
                    rows.add(new Claimed(
                            result.getLong(1),
                            (UUID) result.getObject(2),
                            result.getString(3),
                            Arrays.asList(alertIds),
                            result.getInt(5),
                            created.toInstant()));
                }
            }
        }
        rows.sort((a, b) -> Long.compare(a.id(), b.id()));
        return rows;
    }

    private void deliver(ChannelSnapshot channel, Claimed row, Map<Long, AlertNotice> notices) {
        List<AlertNotice> alerts = row.alertIds().stream()
                .map(notices::get)
                .filter(notice -> notice != null)
                .toList();
        DeliveryOutcome outcome;
        if (alerts.isEmpty()) {
            outcome = new DeliveryOutcome(false, false, 0, "", "the alerts it reports no longer exist", null, 0);
        } else {
            Notification notification = new Notification(
                    row.notificationId().toString(),
                    Notification.Kind.valueOf(row.kind().toUpperCase(Locale.ROOT)),
                    row.createdAt(),
                    alerts);
            outcome = notifiers.deliver(channel, notification);
        }
        String status;
        Instant nextAttempt = null;
        if (outcome.delivered()) {
            status = "delivered";
        } else if (outcome.temporary() && row.attempt() < settings.maxAttempts()) {
            status = "failed";
            nextAttempt = Instant.now().plus(backoff.after(row.attempt(), outcome.retryAfter()));
        } else {
            status = "dead";
        }
        record(channel, row, outcome, status, nextAttempt);
        meters.counter("vigil.deliveries", "status", status, "channel_type", channel.type())
                .increment();
        meters.timer("vigil.delivery.latency", "channel_type", channel.type())
                .record(Duration.ofMillis(outcome.latencyMillis()));
        if (status.equals("dead")) {
            LOG.warnf(
                    "notification %s to channel '%s' is dead after %d attempt(s): %s",
                    row.notificationId(), LoggedText.of(channel.name()), row.attempt(), LoggedText.of(outcome.error()));
        }
    }

    private void record(
            ChannelSnapshot channel, Claimed row, DeliveryOutcome outcome, String status, Instant nextAttempt) {
        QuarkusTransaction.requiringNew().run(() -> session().doWork(connection -> {
            relaxCommit(connection);
            try (PreparedStatement update = connection.prepareStatement(
                    """
                    update outbox set status = ?, next_attempt_at = coalesce(?, next_attempt_at), last_error = ?,
                        delivered_at = case when ? = 'delivered' then now() else delivered_at end
                    where id = ? and status = 'pending'
                    """)) {
                update.setString(1, status.equals("failed") ? "pending" : status);
                update.setTimestamp(2, nextAttempt == null ? null : Timestamp.from(nextAttempt));
                update.setString(3, outcome.delivered() ? null : cut(outcome.error(), MAX_ERROR));
                update.setString(4, status);
                update.setLong(5, row.id());
                update.executeUpdate();
            }
            try (PreparedStatement insert = connection.prepareStatement(
                    """
                    insert into delivery_attempt (notification_id, outbox_id, channel_id, channel_name, kind, attempt,
                        status, response_code, response, error, latency_ms)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """)) {
                insert.setObject(1, row.notificationId());
                insert.setLong(2, row.id());
                insert.setLong(3, channel.id());
                insert.setString(4, channel.name());
                insert.setString(5, row.kind());
                insert.setInt(6, row.attempt());
                insert.setString(7, status);
                if (outcome.statusCode() > 0) {
                    insert.setInt(8, outcome.statusCode());
                } else {
                    insert.setNull(8, java.sql.Types.INTEGER);
                }
                insert.setString(9, cut(outcome.response(), MAX_RESPONSE));
                insert.setString(10, cut(outcome.error(), MAX_ERROR));
                insert.setLong(11, outcome.latencyMillis());
                insert.executeUpdate();
            }
        }));
    }

    /**
     * Lets this transaction commit without waiting for the disk. Claims and outcomes are bookkeeping of an
     * at-least-once delivery: if a crash loses the last few of them, the rows are simply delivered again under the
     * same notification id — while a flush per delivery would cap one channel at the disk's sync rate. The outbox rows
     * themselves are written by the alert's own transaction, with the durability the database is configured with.
     */
    private static void relaxCommit(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("set local synchronous_commit = off")) {
            statement.execute();
        }
    }

    private Session session() {
        return entityManager.unwrap(Session.class);
    }

    private static String cut(String text, int length) {
        if (text == null) {
            return null;
        }
        return text.length() <= length ? text : text.substring(0, length) + "…";
    }
}
