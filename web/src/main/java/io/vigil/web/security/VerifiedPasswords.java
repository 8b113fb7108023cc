package io.vigil.web.security;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.ConfigurationException;
import io.vigil.engine.digest.Sha256;
import io.vigil.web.http.DatabaseUnavailableException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.sql.DataSource;
import org.jboss.logging.Logger;

/**
 * Remembers, for {@code vigil.login.verified-password-ttl}, which passwords bcrypt has just accepted, so a script calling
 * the API with HTTP Basic pays bcrypt (deliberately slow: 60–130 ms here) once, and one indexed read on the requests
 * after — on every instance that shares the database ({@code verified_password}).
 *
 * <p>A row holds an HMAC-SHA256 of username and password under a key that is not in the database
 * ({@code vigil.session.key}, {@code VIGIL_SESSION_KEY}), so a stolen row does not give the password, and the user's
 * bcrypt hash of that moment, so a changed password voids it at once. Only accepted passwords are remembered; wrong
 * ones always go through bcrypt and the {@link LoginThrottle}. Without a configured key each process uses its own, and
 * recognises only the passwords it verified itself. Thread-safe.
 */
@ApplicationScoped
public class VerifiedPasswords {

    private static final Logger LOG = Logger.getLogger(VerifiedPasswords.class);

    static final int MIN_KEY_LENGTH = 16;

    @Inject
    SecuritySettings settings;

    @Inject
    SecuritySettings.Sessions sessionSettings;

    @Inject
    DataSource database;

    private volatile SecretKeySpec key;

    void onStart(@Observes StartupEvent event) {
        key();
    }

    /** The user whose password bcrypt accepted recently, as they are now; empty when it is not remembered. */
    Optional<Account> recall(String username, String password) {
        String sql =
                """
                select u.id, u.username, u.role
                from verified_password v join users u on u.id = v.user_id
                where v.digest = ? and u.username = ? and v.password_hash = u.password_hash and v.expires_at > now()
                """;
        try (Connection connection = database.getConnection();
                PreparedStatement query = connection.prepareStatement(sql)) {
            query.setBytes(1, digest(username, password));
            query.setString(2, username);
            try (ResultSet row = query.executeQuery()) {
                return row.next()
                        ? Optional.of(new Account(row.getLong(1), row.getString(2), Role.of(row.getString(3))))
                        : Optional.empty();
            }
        } catch (SQLException e) {
            throw new DatabaseUnavailableException(e);
        }
    }

    /** Records that bcrypt accepted {@code password} for the user's stored hash {@code passwordHash}. */
    void remember(long userId, String username, String passwordHash, String password) {
        String sql =
                """
                insert into verified_password (digest, user_id, password_hash, expires_at)
                values (?, ?, ?, now() + ?::interval)
                on conflict (digest) do update
                    set user_id = excluded.user_id, password_hash = excluded.password_hash,
                        expires_at = excluded.expires_at
                """;
        try (Connection connection = database.getConnection();
                PreparedStatement upsert = connection.prepareStatement(sql)) {
            upsert.setBytes(1, digest(username, password));
            upsert.setLong(2, userId);
            upsert.setString(3, passwordHash);
            upsert.setString(4, settings.verifiedPasswordTtl().toString());
            upsert.executeUpdate();
        } catch (SQLException e) {
            throw new DatabaseUnavailableException(e);
        }
    }

    /** Forgets every remembered password of the user (a password change; the stored hash voids them anyway). */
    public void forget(long userId) {
        update("delete from verified_password where user_id = ?", userId);
    }

    /** Deletes rows past their time. */
    int deleteExpired() {
        return update("delete from verified_password where expires_at <= now()", null);
    }

    private int update(String sql, Long userId) {
        try (Connection connection = database.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            if (userId != null) {
                statement.setLong(1, userId);
            }
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw new DatabaseUnavailableException(e);
        }
    }

    private byte[] digest(String username, String password) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key());
            mac.update(username.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            return mac.doFinal(password.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    private SecretKeySpec key() {
        SecretKeySpec known = key;
        if (known != null) {
            return known;
        }
        synchronized (this) {
            if (key == null) {
                key = new SecretKeySpec(keyBytes(sessionSettings.key()), "HmacSHA256");
            }
            return key;
        }
    }

    static byte[] keyBytes(Optional<String> configured) {
        if (configured.isPresent() && !configured.get().isBlank()) {
            String secret = configured.get();
            if (secret.length() < MIN_KEY_LENGTH) {
                throw new ConfigurationException("vigil.session.key (VIGIL_SESSION_KEY) is too short: use at least "
                        + MIN_KEY_LENGTH + " characters");
            }
            return Sha256.digest(secret);
        }
        LOG.info("VIGIL_SESSION_KEY is not set: this instance recognises only the HTTP Basic passwords it verified"
                + " itself (set the same key on every instance to share them)");
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        return random;
    }
}
