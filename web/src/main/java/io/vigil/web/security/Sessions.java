package io.vigil.web.security;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.vigil.engine.limits.LimitSettings;
import io.vigil.web.http.DatabaseUnavailableException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Sign-in sessions, kept in PostgreSQL ({@code user_session}) so that every instance on one database sees the same
 * ones and ending a session ends it everywhere at once.
 *
 * <p>The browser's {@value #COOKIE} cookie holds a random id ({@value #PREFIX} and 256 bits); the table holds only its
 * SHA-256. A session ends after {@code vigil.session.idle-timeout} without a request and {@code vigil.session.max-age}
 * after sign-in, and when the user signs out, signs out everywhere, changes their password or has it reset, has their
 * role changed or is deleted. Checking a session is one indexed read (with a write at most once a minute, to note the
 * activity). Times are the database's, so instances with skewed clocks agree.
 *
 * <p>Statements run on the application's data source: inside a caller's JTA transaction they are part of it (a role
 * change and the end of the sessions commit together), otherwise each commits by itself. Thread-safe.
 */
@ApplicationScoped
public class Sessions {

    /** The session cookie: HttpOnly, SameSite=Strict, Secure over HTTPS. */
    public static final String COOKIE = "vigil-session";

    /** What every session id starts with, so a leaked one is recognisable. */
    static final String PREFIX = "vss_";

    /** Activity is written at most this often per session. */
    static final String ACTIVITY_PRECISION = "1 minute";

    @Inject
    DataSource database;

    @Inject
    SecuritySettings.Sessions settings;

    @Inject
    LimitSettings limits;

    /** A session just opened: its row id, and the cookie value, which exists nowhere else. */
    public record Opened(long id, String secret, Instant expiresAt) {}

    /** A live session and its user as they are now. */
    public record Live(long id, Account account) {}

    /** A session as its user sees it in their list. */
    public record SessionView(
            long id, Instant createdAt, Instant lastSeenAt, Instant expiresAt, String address, String userAgent) {}

    /**
     * Opens a session for the user; the caller sets {@link Opened#secret()} as the cookie. A user holds at most
     * {@code vigil.limits.sessions} sessions: when they have that many, the oldest end, rather than the sign-in being
     * refused (someone who signs in somewhere new, their old browser long lost, must get in). The count is taken under
     * a lock per user in the inserting transaction, so it holds across instances.
     */
    public Opened open(long userId, String address, String userAgent) {
        return open(userId, address, userAgent, settings.maxAge(), null);
    }

    /**
     * Opens a session for a sign-in through the identity provider, as {@link #open(long, String, String)} does, that
     * ends at most {@code lifetime} after sign-in (and never later than {@code vigil.session.max-age}): such a sign-in
     * lasts only as long as Vigil may go without asking the provider again. It records that the provider opened it,
     * and under which of its sessions ({@code providerSessionId}, the ID
     * token's {@code sid}; null when the provider named none), so its back-channel logout can end it
     * ({@link #endProviderSession}, {@link #endProviderSessionsOf}).
     */
    public Opened openForProvider(
            long userId, String address, String userAgent, Duration lifetime, String providerSessionId) {
        return open(userId, address, userAgent, lifetime, new ProviderSignIn(providerSessionId));
    }

    /** What a sign-in through the identity provider records with its session. */
    private record ProviderSignIn(String sessionId) {}

    private Opened open(long userId, String address, String userAgent, Duration lifetime, ProviderSignIn provider) {
        Duration bounded = lifetime.compareTo(settings.maxAge()) < 0 ? lifetime : settings.maxAge();
        return QuarkusTransaction.joiningExisting()
                .call(() -> openHolding(userId, address, userAgent, bounded, provider));
    }

    private Opened openHolding(
            long userId, String address, String userAgent, Duration lifetime, ProviderSignIn provider) {
        String secret = TokenSecrets.generate(PREFIX);
        String sql =
                """
                insert into user_session (user_id, id_hash, expires_at, address, user_agent, opened_by_provider,
                                          provider_session_id)
                values (?, ?, now() + ?::interval, ?, ?, ?, ?)
                returning id, expires_at
                """;
        try (Connection connection = database.getConnection();
                PreparedStatement lock = connection.prepareStatement(
                        "select pg_advisory_xact_lock(hashtextextended('vigil.limits.sessions:' || ?, 0))");
                PreparedStatement endOldest = connection.prepareStatement(
                        """
                        delete from user_session where id in (
                            select id from user_session where user_id = ?
                            order by created_at desc, id desc offset ?)
                        """);
                PreparedStatement insert = connection.prepareStatement(sql)) {
            lock.setLong(1, userId);
            lock.execute();
            endOldest.setLong(1, userId);
            endOldest.setInt(2, Math.max(0, limits.sessions() - 1));
            endOldest.executeUpdate();
            insert.setLong(1, userId);
            insert.setString(2, TokenSecrets.hash(secret));
            insert.setString(3, lifetime.toString());
            insert.setString(4, truncate(address, 100));
            insert.setString(5, truncate(userAgent, 300));
            insert.setBoolean(6, provider != null);
            insert.setString(7, provider == null ? null : provider.sessionId());
            try (ResultSet row = insert.executeQuery()) {
                row.next();
                return new Opened(row.getLong(1), secret, row.getTimestamp(2).toInstant());
            }
        } catch (SQLException e) {
            throw new DatabaseUnavailableException(e);
        }
    }

    /** The live session the cookie value names, with its user as they are now; empty for an unknown or ended one. */
    public Optional<Live> resolve(String secret) {
        if (!TokenSecrets.wellFormed(secret, PREFIX)) {
            return Optional.empty();
        }
        String sql =
                """
                select s.id, s.last_seen_at < now() - interval '%s', u.id, u.username, u.role
                from user_session s join users u on u.id = s.user_id
                where s.id_hash = ? and s.expires_at > now() and s.last_seen_at > now() - ?::interval
                """
                        .formatted(ACTIVITY_PRECISION);
        try (Connection connection = database.getConnection();
                PreparedStatement query = connection.prepareStatement(sql)) {
            query.setString(1, TokenSecrets.hash(secret));
            query.setString(2, settings.idleTimeout().toString());
            try (ResultSet row = query.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                long id = row.getLong(1);
                boolean stale = row.getBoolean(2);
                Account account = new Account(row.getLong(3), row.getString(4), Role.of(row.getString(5)));
                if (stale) {
                    try (PreparedStatement touch =
                            connection.prepareStatement("update user_session set last_seen_at = now() where id = ?")) {
                        touch.setLong(1, id);
                        touch.executeUpdate();
                    }
                }
                return Optional.of(new Live(id, account));
            }
        } catch (SQLException e) {
            throw new DatabaseUnavailableException(e);
        }
    }

    /** Ends the session the cookie value names, if it is live. */
    public void end(String secret) {
        if (TokenSecrets.wellFormed(secret, PREFIX)) {
            update("delete from user_session where id_hash = ?", TokenSecrets.hash(secret));
        }
    }

    /** Ends every session of the user; answers how many there were. */
    public int endAllOf(long userId) {
        return update("delete from user_session where user_id = ?", userId);
    }

    /**
     * Ends the sessions the identity provider's sign-in opened under its session {@code providerSessionId}, of the user
     * {@code userId} when it is not null; answers the user of each session ended.
     */
    public List<Long> endProviderSession(String providerSessionId, Long userId) {
        return userId == null
                ? endReturningUsers(
                        "delete from user_session where opened_by_provider and provider_session_id = ? returning user_id",
                        providerSessionId)
                : endReturningUsers(
                        """
                        delete from user_session where opened_by_provider and provider_session_id = ? and user_id = ?
                        returning user_id
                        """,
                        providerSessionId,
                        userId);
    }

    /** Ends every session the identity provider's sign-in opened for the user; answers the user of each one ended. */
    public List<Long> endProviderSessionsOf(long userId) {
        return endReturningUsers(
                "delete from user_session where opened_by_provider and user_id = ? returning user_id", userId);
    }

    private List<Long> endReturningUsers(String sql, Object... parameters) {
        try (Connection connection = database.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            List<Long> users = new ArrayList<>();
            try (ResultSet row = statement.executeQuery()) {
                while (row.next()) {
                    users.add(row.getLong(1));
                }
            }
            return users;
        } catch (SQLException e) {
            throw new DatabaseUnavailableException(e);
        }
    }

    /** The user's live sessions, the most recently active first. */
    public List<SessionView> of(long userId) {
        String sql =
                """
                select id, created_at, last_seen_at, expires_at, address, user_agent from user_session
                where user_id = ? and expires_at > now() and last_seen_at > now() - ?::interval
                order by last_seen_at desc, id desc
                """;
        try (Connection connection = database.getConnection();
                PreparedStatement query = connection.prepareStatement(sql)) {
            query.setLong(1, userId);
            query.setString(2, settings.idleTimeout().toString());
            List<SessionView> sessions = new ArrayList<>();
            try (ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    sessions.add(new SessionView(
                            row.getLong(1),
                            instant(row.getTimestamp(2)),
                            instant(row.getTimestamp(3)),
                            instant(row.getTimestamp(4)),
                            row.getString(5),
                            row.getString(6)));
                }
            }
            return sessions;
        } catch (SQLException e) {
            throw new DatabaseUnavailableException(e);
        }
    }

    /** Deletes sessions past their idle or absolute end; answers how many. */
    int deleteEnded() {
        String sql = "delete from user_session where expires_at <= now() or last_seen_at <= now() - ?::interval";
        return update(sql, settings.idleTimeout().toString());
    }

    private int update(String sql, Object parameter) {
        try (Connection connection = database.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql, Statement.NO_GENERATED_KEYS)) {
            statement.setObject(1, parameter);
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw new DatabaseUnavailableException(e);
        }
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    static String truncate(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }
}
