package io.vigil.engine.watch;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hibernate.annotations.DynamicUpdate;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * A watch rule as stored: what the analyst wrote, its type, how its alerts are delivered — its routes, one per channel
 * with its own delivery — and when its stories escalate.
 */
@Entity
// Only the changed columns are written, so writers that read the row at different times do not undo each other.
@DynamicUpdate
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

    /** The rule type's settings, validated against its spec (such as {@code proximity} of the query type). */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public Map<String, String> settings = new HashMap<>();

    @Column(nullable = false)
    public boolean enabled;

    /**
     * The rule's own delivery: what a route without one of its own follows, and what the one-mode shorthand
     * ({@code channels} + {@code delivery}) sets.
     */
    @Convert(converter = DeliveryColumn.class)
    @Column(nullable = false)
    public Delivery delivery;

    /** Whether an immediate rule also notifies when more outlets carry a story it alerted on. */
    @Column(name = "notify_updates", nullable = false)
    public boolean notifyUpdates;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    /** The id of the user who made it, counted against their share of the caps; {@code null} when nobody is recorded. */
    @Column(name = "created_by", updatable = false)
    public Long createdBy;

    /** Moves on with every change; the rule book recompiles a rule whose version it has not seen. */
    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    /** With {@link #escalationWithinSeconds}: the distinct outlets that make a story escalate; {@code null} for none. */
    @Column(name = "escalation_outlets")
    public Integer escalationOutlets;

    @Column(name = "escalation_within_seconds")
    public Long escalationWithinSeconds;

    /** The rule's escalation, when it has one. */
    public Optional<Escalation> escalation() {
        return escalationOutlets == null || escalationWithinSeconds == null
                ? Optional.empty()
                : Optional.of(new Escalation(escalationOutlets, Duration.ofSeconds(escalationWithinSeconds)));
    }

    /** The rule's routes, by channel id. */
    public List<Route> routes() {
        return routesOf(List.of(id)).getOrDefault(id, List.of());
    }

    /** The routes of several rules at once, each rule's by channel id; rules without routes are missing. */
    @SuppressWarnings("unchecked")
    public static Map<Long, List<Route>> routesOf(Collection<Long> ruleIds) {
        Map<Long, List<Route>> routes = new HashMap<>();
        if (ruleIds.isEmpty()) {
            return routes;
        }
        List<Object[]> rows = getEntityManager()
                .createNativeQuery(
                        """
                        select rc.rule_id, rc.channel_id, coalesce(rc.delivery, r.delivery)
                        from rule_channel rc join rule r on r.id = rc.rule_id
                        where rc.rule_id in (?1) order by rc.rule_id, rc.channel_id
                        """)
                .setParameter(1, ruleIds)
                .getResultList();
        for (Object[] row : rows) {
            routes.computeIfAbsent(((Number) row[0]).longValue(), rule -> new ArrayList<>())
                    .add(new Route(
                            ((Number) row[1]).longValue(),
                            Delivery.of((String) row[2]).orElseThrow()));
        }
        return routes;
    }

    /**
     * The one delivery all routes share, as the shorthand {@code delivery} field shows it: the rule's own when it has
     * no routes, empty when its routes differ.
     */
    public static Optional<Delivery> sharedDelivery(Delivery own, List<Route> routes) {
        if (routes.isEmpty()) {
            return Optional.of(own);
        }
        Delivery first = routes.get(0).delivery();
        return routes.stream().allMatch(route -> route.delivery() == first) ? Optional.of(first) : Optional.empty();
    }

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
