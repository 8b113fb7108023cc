package io.vigil.engine.watch;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;

/** A watch rule as stored: what the analyst wrote, its type, and how its alerts are delivered. */
@Entity
@Table(name = "rule")
public class WatchRule extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(nullable = false)
    public String name;

    /** The rule type's name, {@code query} by default. */
    @Column(nullable = false)
    public String type;

    /** The expression as the user wrote it. */
    @Column(nullable = false)
    public String query;

    @Column(nullable = false)
    public boolean enabled;

    /** {@code immediate}, {@code hourly} or {@code daily}. */
    @Column(nullable = false)
    public String delivery;

    /** Whether an immediate rule also notifies when more outlets carry a story it alerted on. */
    @Column(name = "notify_updates", nullable = false)
    public boolean notifyUpdates;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    /** Moves on with every change; the rule book recompiles a rule whose version it has not seen. */
    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    /** The ids of the channels this rule notifies, ascending. */
    @SuppressWarnings("unchecked")
    public List<Long> channelIds() {
        List<Number> ids = getEntityManager()
                .createNativeQuery("select channel_id from rule_channel where rule_id = ?1 order by channel_id")
                .setParameter(1, id)
                .getResultList();
        return ids.stream().map(Number::longValue).toList();
    }
}
