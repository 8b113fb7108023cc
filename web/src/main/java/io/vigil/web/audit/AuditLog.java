package io.vigil.web.audit;

import io.quarkus.arc.Arc;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.ext.web.RoutingContext;
import io.vigil.web.http.DatabaseUnavailableException;
import io.vigil.web.http.Page;
import io.vigil.web.http.Paging;
import io.vigil.web.security.SignedIn;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * The audit log: who did what, when, and from where ({@code audit_event}). Every change to rules, channels, sources,
 * users, silences and tokens, and every sign-in, sign-out and failed sign-in, is recorded here; admins read it on
 * {@code /audit} and {@code GET /api/audit}.
 *
 * <p>To record a change, call {@link #record(String, AuditTarget, String)} from the endpoint that made it, after the
 * change succeeded:
 *
 * <pre>{@code
 * audit.record("rule.update", AuditTarget.rule(rule.id, rule.name), "query: " + rule.query);
 * }</pre>
 *
 * The actor and address are the current request's. Actions are named {@code <kind>.<verb>} ({@code rule.create},
 * {@code rule.update}, {@code rule.delete}, {@code rule.enable}, {@code user.role}, {@code user.password-reset}, …).
 * Inside a transaction the record is part of it — a change that rolls back leaves no record — otherwise it commits by
 * itself. A refused request records nothing (except failed sign-ins). Thread-safe.
 */
@ApplicationScoped
public class AuditLog {

    static final int MAX_TEXT = 2000;

    @Inject
    DataSource database;

    @Inject
    SecurityIdentity identity;

    @Inject
    CurrentVertxRequest request;

    /**
     * Who did something: a username (or {@code source:NAME} for a push token), their user id when they are a user,
     * and the client address.
     */
    public record Actor(String name, Long userId, String address) {
        public Actor {
            Objects.requireNonNull(name, "name is null");
        }

        /** A caller whose credentials did not sign in (a failed sign-in): the name they gave. */
        public static Actor anonymous(String triedName, String address) {
            return new Actor(triedName == null || triedName.isBlank() ? "anonymous" : triedName, null, address);
        }

        /** Vigil itself (start-up, scheduled work). */
        public static Actor system() {
            return new Actor("vigil", null, null);
        }

        public static Actor of(SecurityIdentity identity, String address) {
            if (identity == null || identity.isAnonymous()) {
                return new Actor("anonymous", null, address);
            }
            return new Actor(
                    identity.getPrincipal().getName(), SignedIn.userId(identity).orElse(null), address);
        }
    }

    /** Records that the current request's caller did {@code action} to {@code target}; {@code detail} may be null. */
    public void record(String action, AuditTarget target, String detail) {
        record(currentActor(), action, target, detail);
    }

    /** Records that {@code actor} did {@code action} to {@code target}; {@code detail} may be null. */
    public void record(Actor actor, String action, AuditTarget target, String detail) {
        Objects.requireNonNull(action, "action is null");
        Objects.requireNonNull(target, "target is null");
        String sql =
                """
                insert into audit_event (actor, actor_id, address, action, target_type, target_id, target_name, detail)
                values (?, ?, ?, ?, ?, ?, ?, ?)
                """;
        try (Connection connection = database.getConnection();
                PreparedStatement insert = connection.prepareStatement(sql)) {
            insert.setString(1, clean(actor.name(), 200));
            insert.setObject(2, actor.userId());
            insert.setString(3, clean(actor.address(), 100));
            insert.setString(4, clean(action, 100));
            insert.setString(5, clean(target.type(), 50));
            insert.setString(6, clean(target.id(), 100));
            insert.setString(7, clean(target.name(), 300));
            insert.setString(8, clean(detail, MAX_TEXT));
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new DatabaseUnavailableException(e);
        }
    }

    /** The actor of the current request: its caller and address; Vigil itself outside a request. */
    public Actor currentActor() {
        if (!Arc.container().requestContext().isActive()) {
            return Actor.system();
        }
        RoutingContext routing = request.getCurrent();
        String address = routing == null || routing.request().remoteAddress() == null
                ? null
                : routing.request().remoteAddress().hostAddress();
        return Actor.of(identity, address);
    }

    /** Which events to list; null fields do not filter. */
    public record Filter(
            String actor, String action, String targetType, String targetId, Instant since, Instant until) {}

    /** The events that pass the filter, newest first, and how many there are in all. */
    public Page<AuditEvent> find(Filter filter, Paging paging) {
        List<Object> parameters = new ArrayList<>();
        StringBuilder where = new StringBuilder(" where true");
        if (filter.actor() != null) {
            where.append(" and actor = ?");
            parameters.add(filter.actor());
        }
        if (filter.action() != null) {
            // "rule" lists every rule.* action; "rule.update" just that one
            where.append(" and (action = ? or action like ? escape '\\')");
            parameters.add(filter.action());
            parameters.add(
                    filter.action().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + ".%");
        }
        if (filter.targetType() != null) {
            where.append(" and target_type = ?");
            parameters.add(filter.targetType());
        }
        if (filter.targetId() != null) {
            where.append(" and target_id = ?");
            parameters.add(filter.targetId());
        }
        if (filter.since() != null) {
            where.append(" and at >= ?");
            parameters.add(Timestamp.from(filter.since()));
        }
        if (filter.until() != null) {
            where.append(" and at < ?");
            parameters.add(Timestamp.from(filter.until()));
        }
        String list = "select id, at, actor, actor_id, address, action, target_type, target_id, target_name, detail"
                + " from audit_event" + where + " order by at desc, id desc limit ? offset ?";
        try (Connection connection = database.getConnection()) {
            long total;
            try (PreparedStatement count = connection.prepareStatement("select count(*) from audit_event" + where)) {
                bind(count, parameters);
                try (ResultSet row = count.executeQuery()) {
                    row.next();
                    total = row.getLong(1);
                }
            }
            List<AuditEvent> events = new ArrayList<>();
            try (PreparedStatement query = connection.prepareStatement(list)) {
                bind(query, parameters);
                query.setInt(parameters.size() + 1, paging.limit());
                query.setInt(parameters.size() + 2, paging.offset());
                try (ResultSet row = query.executeQuery()) {
                    while (row.next()) {
                        events.add(new AuditEvent(
                                row.getLong(1),
                                row.getTimestamp(2).toInstant(),
                                row.getString(3),
                                (Long) row.getObject(4),
                                row.getString(5),
                                row.getString(6),
                                row.getString(7),
                                row.getString(8),
                                row.getString(9),
                                row.getString(10)));
                    }
                }
            }
            return new Page<>(events, total);
        } catch (SQLException e) {
            throw new DatabaseUnavailableException(e);
        }
    }

    private static void bind(PreparedStatement statement, List<Object> parameters) throws SQLException {
        for (int i = 0; i < parameters.size(); i++) {
            statement.setObject(i + 1, parameters.get(i));
        }
    }

    /** Bounded, and without the NUL characters PostgreSQL text cannot hold (names may come from a failed sign-in). */
    static String clean(String value, int max) {
        if (value == null) {
            return null;
        }
        String cleaned = value.replace('\u0000', '\ufffd');
        return cleaned.length() <= max ? cleaned : cleaned.substring(0, max - 1) + "…";
    }
}
