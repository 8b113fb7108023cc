package io.vigil.web.ingest;

import io.vigil.engine.limits.LimitSettings;
import io.vigil.web.http.DatabaseUnavailableException;
import io.vigil.web.http.Problem;
import io.vigil.web.http.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import javax.sql.DataSource;

/**
 * How many documents a source's push token may push a minute ({@code vigil.limits.pushes-per-token}), counted in
 * PostgreSQL ({@code push_rate}, one row per source) so the bound holds across every instance, like the sign-in
 * throttle: a push token that leaked could otherwise fill the archive as fast as Vigil stores.
 *
 * <p>A minute starts with the first push after the last one ended. A push is taken while the minute's count and its
 * documents (a batch's non-blank lines) stay within the bound, and the first push of a minute whatever its size, so a
 * batch larger than the bound still goes, once a minute. A refused push counts nothing and gets {@code 429} with
 * {@code Retry-After}: the seconds until the minute ends. Pushes by a signed-in analyst are not counted. Thread-safe.
 */
@ApplicationScoped
public class PushRate {

    static final String WINDOW = "PT1M";

    @Inject
    LimitSettings limits;

    @Inject
    DataSource database;

    /** Counts {@code documents} pushed by {@code sourceId}'s token, or refuses them (429) when the minute is full. */
    public void take(long sourceId, int documents) {
        int limit = limits.pushesPerToken();
        Integer retryAfter;
        try (Connection connection = database.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try {
                retryAfter = take(connection, sourceId, documents, limit);
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new DatabaseUnavailableException(e);
        }
        if (retryAfter != null) {
            throw new ProblemException(
                    Problem.of(
                            429,
                            "Too Many Requests",
                            "this source's push token pushed " + limit + " documents this minute, the most one push"
                                    + " token may (vigil.limits.pushes-per-token): try again in " + retryAfter + " s"),
                    retryAfter);
        }
    }

    /** The documents a batch push holds: its non-blank lines, as the batch reader counts them. */
    static int documentsOf(byte[] batch) {
        int documents = 0;
        boolean blank = true;
        for (byte b : batch) {
            if (b == '\n') {
                documents += blank ? 0 : 1;
                blank = true;
            } else if (b != ' ' && b != '\t' && b != '\r') {
                blank = false;
            }
        }
        return documents + (blank ? 0 : 1);
    }

    /** Takes the documents in the open transaction; answers null, or the seconds to wait when refused. */
    private static Integer take(Connection connection, long sourceId, int documents, int limit) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "insert into push_rate (source_id, window_start, documents) values (?, now(), 0)"
                        + " on conflict (source_id) do nothing")) {
            insert.setLong(1, sourceId);
            insert.executeUpdate();
        }
        Timestamp windowStart;
        int counted;
        boolean lapsed;
        long secondsLeft;
        try (PreparedStatement lock =
                connection.prepareStatement("select window_start, documents, window_start <= now() - ?::interval,"
                        + " ceil(extract(epoch from window_start + ?::interval - now()))"
                        + " from push_rate where source_id = ? for update")) {
            lock.setString(1, WINDOW);
            lock.setString(2, WINDOW);
            lock.setLong(3, sourceId);
            try (ResultSet row = lock.executeQuery()) {
                if (!row.next()) {
                    return null; // the source was deleted meanwhile: its push is refused elsewhere
                }
                windowStart = row.getTimestamp(1);
                counted = row.getInt(2);
                lapsed = row.getBoolean(3);
                secondsLeft = row.getLong(4);
            }
        }
        if (lapsed) {
            counted = 0;
        }
        if (counted > 0 && (long) counted + documents > limit) {
            return (int) Math.max(1, secondsLeft);
        }
        try (PreparedStatement update = connection.prepareStatement(
                lapsed
                        ? "update push_rate set window_start = now(), documents = ? where source_id = ?"
                        : "update push_rate set documents = ? where source_id = ? and window_start = ?")) {
            update.setInt(1, (int) Math.min(Integer.MAX_VALUE, (long) counted + documents));
            update.setLong(2, sourceId);
            if (!lapsed) {
                update.setTimestamp(3, windowStart);
            }
            update.executeUpdate();
        }
        return null;
    }
}
