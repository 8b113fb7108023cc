package io.vigil.web.security;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.elytron.security.common.BcryptUtil;
import io.vigil.web.audit.AuditLog;
import io.vigil.web.audit.AuditTarget;
import io.vigil.web.http.DatabaseUnavailableException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The one check of a username and password, for the login form, HTTP Basic and the current password on the account
 * page alike: throttled ({@link LoginThrottle}), and the same work whether the username exists or not — an unknown user
 * costs one bcrypt against a stand-in hash, like a known user's wrong password — so timing tells nobody which usernames
 * exist. HTTP Basic may skip bcrypt for a password it accepted minutes ago ({@link VerifiedPasswords}).
 *
 * <p>Blocking (bcrypt and PostgreSQL): call it on a worker thread. Each bcrypt run counts in the
 * {@code vigil.login.bcrypt} metric.
 */
@ApplicationScoped
public class PasswordCheck {

    /** The longest username worth looking up; longer ones are no user's. */
    static final int MAX_USERNAME = 200;

    /** What a check came to. */
    public sealed interface Outcome {}

    /** The password is the user's: here is the user as they are now. */
    public record Accepted(Account account) implements Outcome {}

    /** Refused: a wrong username or password, or too many failures just now ({@code lockedOut}). */
    public record Refused(boolean lockedOut) implements Outcome {
        public String reason() {
            return lockedOut
                    ? "too many failed sign-ins just now: wait a minute and try again"
                    : "wrong username or password";
        }
    }

    @Inject
    LoginThrottle throttle;

    @Inject
    VerifiedPasswords verified;

    @Inject
    FirstAdmin firstAdmin;

    @Inject
    DataSource database;

    @Inject
    AuditLog audit;

    @Inject
    SignInMethods methods;

    private final Counter bcryptRuns;

    private volatile String standIn;

    @Inject
    PasswordCheck(MeterRegistry registry) {
        bcryptRuns = Counter.builder("vigil.login.bcrypt")
                .description("bcrypt password checks (sign-ins, HTTP Basic without a recent verification)")
                .register(registry);
    }

    /**
     * Checks {@code password} for {@code username} signing in from {@code address}.
     *
     * @param how how the password came ({@code form}, {@code basic}, {@code account}), for the audit of failures
     * @param mayRecall whether a password bcrypt accepted recently may pass without bcrypt (HTTP Basic)
     */
    public Outcome check(String username, String password, String address, String how, boolean mayRecall) {
        if (!methods.localOpen()) {
            // local passwords are off (vigil.auth.local.enabled=false): the identity provider is the way in
            return new Refused(false);
        }
        if (!throttle.allows(username, address)) {
            return new Refused(true);
        }
        firstAdmin.ensureCreated();
        if (mayRecall && usable(username)) {
            Optional<Account> recalled = verified.recall(username, password);
            if (recalled.isPresent()) {
                return new Accepted(recalled.get());
            }
        }
        Stored stored = usable(username) ? stored(username) : null;
        bcryptRuns.increment();
        boolean matches = BcryptUtil.matches(password, stored == null ? standIn() : stored.passwordHash());
        if (stored == null || !matches) {
            throttle.failed(username, address);
            audit.record(
                    AuditLog.Actor.anonymous(Sessions.truncate(username, MAX_USERNAME), address),
                    "session.sign-in-failed",
                    AuditTarget.user(stored == null ? null : stored.account().id(), username),
                    "wrong username or password (" + how + ")");
            return new Refused(false);
        }
        throttle.succeeded(username, address);
        if (mayRecall) {
            verified.remember(stored.account().id(), username, stored.passwordHash(), password);
        }
        return new Accepted(stored.account());
    }

    private record Stored(Account account, String passwordHash) {}

    private Stored stored(String username) {
        String sql = "select id, username, role, password_hash from users where username = ?";
        try (Connection connection = database.getConnection();
                PreparedStatement query = connection.prepareStatement(sql)) {
            query.setString(1, username);
            try (ResultSet row = query.executeQuery()) {
                return row.next()
                        ? new Stored(
                                new Account(row.getLong(1), row.getString(2), Role.of(row.getString(3))),
                                row.getString(4))
                        : null;
            }
        } catch (SQLException e) {
            throw new DatabaseUnavailableException(e);
        }
    }

    private static boolean usable(String username) {
        return !username.isEmpty() && username.length() <= MAX_USERNAME && username.indexOf('\0') < 0;
    }

    /** A bcrypt hash of a random password at the users' cost, checked when the username is nobody's. */
    private String standIn() {
        String known = standIn;
        if (known == null) {
            known = BcryptUtil.bcryptHash(TokenSecrets.generate("stand-in-"), User.BCRYPT_COST);
            standIn = known;
        }
        return known;
    }
}
