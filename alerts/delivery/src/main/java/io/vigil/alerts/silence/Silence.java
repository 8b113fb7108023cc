package io.vigil.alerts.silence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import org.hibernate.annotations.DynamicUpdate;

/**
 * Mutes alerts until a time: those of one rule, those whose article matches a query, or — with both — that rule's
 * matching ones. A muted alert is recorded with {@code muted = true} and never sent.
 */
@Entity
// Only the changed columns are written, so writers that read the row at different times do not undo each other.
@DynamicUpdate
@Table(name = "silence")
public class Silence extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "rule_id")
    public Long ruleId;

    /** A rule expression of the {@code query} type, or {@code null}. */
    public String query;

    @Column(nullable = false)
    public Instant until;

    @Column(nullable = false)
    public String comment = "";

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    /** The id of the user who made it, counted against their share of the caps; {@code null} when nobody is recorded. */
    @Column(name = "created_by", updatable = false)
    public Long createdBy;

    public boolean isActive(Instant now) {
        return until.isAfter(now);
    }

    /** Silences still in force at {@code now}, soonest to end first. */
    public static List<Silence> active(Instant now) {
        return list("until > ?1 order by until, id", now);
    }
}
