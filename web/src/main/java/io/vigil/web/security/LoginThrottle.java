package io.vigil.web.security;

import io.vigil.web.http.DatabaseUnavailableException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Locale;
import javax.sql.DataSource;

/**
 * Slows password guessing, for every instance on one database at once ({@code login_failure}): after
 * {@code vigil.login.max-failures} failed sign-ins for one username from one address, that pair is refused — right
 * password or not — for {@code vigil.login.lockout}; after {@code vigil.login.max-failures-per-user} failures for one
 * username from any addresses, that username is. Failures older than {@code vigil.login.failure-window} are forgotten,
 * and a successful sign-in forgets the username's.
 *
 * <p>Unknown usernames are counted like known ones, so the throttle tells nobody which usernames exist. Every password
 * check goes through it: the login form, HTTP Basic, and the current password on the account page. Thread-safe.
 */
@ApplicationScoped
public class LoginThrottle {

    @Inject
    SecuritySettings settings;

    @Inject
    DataSource database;

    /** Whether a sign-in for {@code username} from {@code address} may be tried now. */
    public boolean allows(String username, String address) {
        String sql = "select 1 from login_failure where key in (?, ?) and locked_until > now() limit 1";
        try (Connection connection = database.getConnection();
                PreparedStatement query = connection.prepareStatement(sql)) {
            query.setString(1, pairKey(username, address));
            query.setString(2, userKey(username));
            try (ResultSet row = query.executeQuery()) {
                return !row.next();
            }
        } catch (SQLException e) {
            throw new DatabaseUnavailableException(e);
        }
    }

    /** Records a failed sign-in; a key is locked once it reached its limit. */
    public void failed(String username, String address) {
        // A lapsed lockout or old failures start the count again; reaching the limit locks the key.
        String sql =
                """
                insert into login_failure as f (key, failures, last_failure_at, locked_until)
                values (?, 1, now(), case when ? <= 1 then now() + ?::interval end)
                on conflict (key) do update set
                    failures = case when f.locked_until <= now() or f.last_failure_at < now() - ?::interval
                                    then 1 else f.failures + 1 end,
                    last_failure_at = now(),
                    locked_until = case
                        when (case when f.locked_until <= now() or f.last_failure_at < now() - ?::interval
                                   then 1 else f.failures + 1 end) >= ?
                        then now() + ?::interval
                        else f.locked_until end
                """;
        try (Connection connection = database.getConnection();
                PreparedStatement upsert = connection.prepareStatement(sql)) {
            add(upsert, pairKey(username, address), settings.maxFailures());
            add(upsert, userKey(username), settings.maxFailuresPerUser());
            upsert.executeBatch();
        } catch (SQLException e) {
            throw new DatabaseUnavailableException(e);
        }
    }

    private void add(PreparedStatement upsert, String key, int limit) throws SQLException {
        String lockout = settings.lockout().toString();
        String window = settings.failureWindow().toString();
        upsert.setString(1, key);
        upsert.setInt(2, limit);
        upsert.setString(3, lockout);
        upsert.setString(4, window);
        upsert.setString(5, window);
        upsert.setInt(6, limit);
        upsert.setString(7, lockout);
        upsert.addBatch();
    }

    /** Forgets the failures of the pair after a successful sign-in. */
    public void succeeded(String username, String address) {
        try (Connection connection = database.getConnection();
                PreparedStatement delete = connection.prepareStatement("delete from login_failure where key = ?")) {
            delete.setString(1, pairKey(username, address));
            delete.executeUpdate();
        } catch (SQLException e) {
            throw new DatabaseUnavailableException(e);
        }
    }

    /** Deletes failures nobody needs any more: old and not locked. */
    int forgetOld() {
        String sql = "delete from login_failure where last_failure_at < now() - ?::interval"
                + " and (locked_until is null or locked_until < now())";
        try (Connection connection = database.getConnection();
                PreparedStatement delete = connection.prepareStatement(sql)) {
            delete.setString(1, settings.failureWindow().toString());
            return delete.executeUpdate();
        } catch (SQLException e) {
            throw new DatabaseUnavailableException(e);
        }
    }

    private static String userKey(String username) {
        return "user:" + normalise(username);
    }

    private static String pairKey(String username, String address) {
        return "pair:" + normalise(username) + "\u001f" + address;
    }

    private static String normalise(String username) {
        return Sessions.truncate(username.replace('\u0000', '\ufffd').toLowerCase(Locale.ROOT), 200);
    }
}
