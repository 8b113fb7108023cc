package io.vigil.alerts.outbox;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.quarkus.hibernate.orm.panache.PanacheQuery;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.hibernate.annotations.DynamicUpdate;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * One notification for one channel, as the API lists it. Written by {@link OutboxWriter} and the digest scheduler,
 * claimed and updated by {@link DeliveryWorker} in SQL; this mapping is for reading and re-queuing.
 */
@Entity
// Only the changed columns are written, so writers that read the row at different times do not undo each other.
@DynamicUpdate
@Table(name = "outbox")
public class OutboxEntry extends PanacheEntityBase {

    @Id
    public Long id;

    @Column(name = "notification_id", nullable = false)
    public UUID notificationId;

    @Column(name = "channel_id", nullable = false)
    public long channelId;

    @Column(nullable = false)
    public String kind;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "alert_ids", nullable = false)
    public long[] alertIds;

    @Column(name = "rule_id")
    public Long ruleId;

    @Convert(converter = OutboxStatus.Column.class)
    @Column(nullable = false)
    public OutboxStatus status;

    @Column(nullable = false)
    public int attempts;

    @Column(name = "next_attempt_at", nullable = false)
    public Instant nextAttemptAt;

    @Column(name = "last_error")
    public String lastError;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "delivered_at")
    public Instant deliveredAt;

    /** Entries with a status (or all, for {@code null}), newest first. */
    public static PanacheQuery<OutboxEntry> withStatus(OutboxStatus status) {
        return status == null
                ? find("order by createdAt desc, id desc")
                : find("status = ?1 order by createdAt desc, id desc", status);
    }

    public static long countWithStatus(OutboxStatus status) {
        return status == null ? count() : count("status", status);
    }

    /** The notifications made for an alert on every channel, oldest first: what its page lists. */
    @SuppressWarnings("unchecked")
    public static List<OutboxEntry> forAlert(long alertId) {
        List<Number> ids = getEntityManager()
                .createNativeQuery("select id from outbox where alert_ids @> array[cast(?1 as bigint)] order by id")
                .setParameter(1, alertId)
                .getResultList();
        return ids.isEmpty()
                ? List.of()
                : list(
                        "id in ?1 order by createdAt, id",
                        ids.stream().map(Number::longValue).toList());
    }

    /**
     * Puts the dead entries of a notification back in line, due now, with their attempts counted afresh; the
     * notification keeps its id, so a receiver that got it before can still drop it.
     *
     * @return how many entries were re-queued
     */
    public static int requeueDead(UUID notificationId) {
        return update(
                "status = ?3, attempts = 0, nextAttemptAt = ?2, lastError = null"
                        + " where notificationId = ?1 and status = ?4",
                notificationId,
                Instant.now(),
                OutboxStatus.PENDING,
                OutboxStatus.DEAD);
    }
}
