package io.vigil.alerts.outbox;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.quarkus.hibernate.orm.panache.PanacheQuery;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * One notification for one channel, as the API lists it. Written by {@link OutboxWriter} and the digest scheduler,
 * claimed and updated by {@link DeliveryWorker} in SQL; this mapping is for reading and re-queuing.
 */
@Entity
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

    /** {@code pending}, {@code delivered} or {@code dead}. */
    @Column(nullable = false)
    public String status;

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
    public static PanacheQuery<OutboxEntry> withStatus(String status) {
        return status == null
                ? find("order by createdAt desc, id desc")
                : find("status = ?1 order by createdAt desc, id desc", status);
    }

    public static long countWithStatus(String status) {
        return status == null ? count() : count("status", status);
    }

    /**
     * Puts the dead entries of a notification back in line, due now, with their attempts counted afresh; the
     * notification keeps its id, so a receiver that got it before can still drop it.
     *
     * @return how many entries were re-queued
     */
    public static int requeueDead(UUID notificationId) {
        return update(
                "status = 'pending', attempts = 0, nextAttemptAt = ?2, lastError = null"
                        + " where notificationId = ?1 and status = 'dead'",
                notificationId,
                Instant.now());
    }
}
