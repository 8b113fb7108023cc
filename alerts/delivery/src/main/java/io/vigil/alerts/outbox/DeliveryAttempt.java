package io.vigil.alerts.outbox;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.panache.common.Parameters;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.hibernate.annotations.DynamicUpdate;

/** One attempt at delivering a notification through a channel: the delivery log. Written by {@link DeliveryWorker}. */
@Entity
// Only the changed columns are written, so writers that read the row at different times do not undo each other.
@DynamicUpdate
@Table(name = "delivery_attempt")
public class DeliveryAttempt extends PanacheEntityBase {

    @Id
    public Long id;

    @Column(name = "notification_id", nullable = false)
    public UUID notificationId;

    @Column(name = "outbox_id")
    public Long outboxId;

    @Column(name = "channel_id")
    public Long channelId;

    @Column(name = "channel_name", nullable = false)
    public String channelName;

    @Column(nullable = false)
    public String kind;

    @Column(nullable = false)
    public int attempt;

    @Convert(converter = AttemptStatus.Column.class)
    @Column(nullable = false)
    public AttemptStatus status;

    @Column(name = "response_code")
    public Integer responseCode;

    public String response;

    public String error;

    @Column(name = "latency_ms", nullable = false)
    public long latencyMillis;

    @Column(name = "attempted_at", nullable = false)
    public Instant attemptedAt;

    /**
     * The log filtered by channel, status and notification (each optional), newest first.
     *
     * @param notificationId a notification id, or {@code null}
     */
    public static PanacheQuery<DeliveryAttempt> filtered(Long channelId, AttemptStatus status, UUID notificationId) {
        List<String> conditions = new ArrayList<>();
        Parameters parameters = new Parameters();
        if (channelId != null) {
            conditions.add("channelId = :channel");
            parameters.and("channel", channelId);
        }
        if (status != null) {
            conditions.add("status = :status");
            parameters.and("status", status);
        }
        if (notificationId != null) {
            conditions.add("notificationId = :notification");
            parameters.and("notification", notificationId);
        }
        String where = conditions.isEmpty() ? "" : String.join(" and ", conditions) + " ";
        return find(where + "order by attemptedAt desc, id desc", parameters);
    }

    /**
     * The latest attempt through each of the given channels, for their health: a channel whose last attempt was
     * refused shows why until a delivery succeeds again. Channels without attempts are absent from the answer.
     */
    @SuppressWarnings("unchecked")
    public static Map<Long, DeliveryAttempt> latestByChannel(Collection<Long> channelIds) {
        if (channelIds.isEmpty()) {
            return Map.of();
        }
        List<DeliveryAttempt> latest = getEntityManager()
                .createNativeQuery(
                        """
                        select distinct on (channel_id) * from delivery_attempt
                        where channel_id = any(?1)
                        order by channel_id, attempted_at desc, id desc
                        """,
                        DeliveryAttempt.class)
                .setParameter(1, channelIds.toArray(Long[]::new))
                .getResultList();
        Map<Long, DeliveryAttempt> byChannel = new HashMap<>();
        latest.forEach(attempt -> byChannel.put(attempt.channelId, attempt));
        return byChannel;
    }

    /** Every attempt at these notifications, oldest first, for the alert page. */
    public static List<DeliveryAttempt> of(List<UUID> notificationIds) {
        if (notificationIds.isEmpty()) {
            return List.of();
        }
        return list("notificationId in ?1 order by attemptedAt, id", notificationIds);
    }
}
