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

    private static final String FOREIGN_KEY_VIOLATION = "23503";

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
            try (var statement = connection.createStatement()) {
                // A count lost with a crash lets a token push a minute's worth once more: not worth a WAL flush on
                // every push, which would double what a push costs PostgreSQL's disk.
                statement.execute("set local synchronous_commit to off");
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

    /**
     * Takes the documents in the open transaction; answers null, or the seconds to wait when refused. One upsert
     * decides and counts (a refused push changes nothing: its {@code where} fails), so a push pays one statement
     * here, not a read, a lock and a write.
     */
    private static Integer take(Connection connection, long sourceId, int documents, int limit) throws SQLException {
        try (PreparedStatement upsert = connection.prepareStatement(
                """
                insert into push_rate as counted (source_id, window_start, documents) values (?, now(), ?)
                on conflict (source_id) do update set
                    window_start = case when counted.window_start <= now() - ?::interval
                                        then now() else counted.window_start end,
                    documents = case when counted.window_start <= now() - ?::interval
                                     then excluded.documents
                                     else least(counted.documents::bigint + excluded.documents, 2147483647)::int end
                where counted.window_start <= now() - ?::interval
                   or counted.documents = 0
                   or counted.documents::bigint + excluded.documents <= ?
                returning documents""")) {
            upsert.setLong(1, sourceId);
            upsert.setInt(2, documents);
            upsert.setString(3, WINDOW);
            upsert.setString(4, WINDOW);
            upsert.setString(5, WINDOW);
            upsert.setLong(6, limit);
            try (ResultSet taken = upsert.executeQuery()) {
                if (taken.next()) {
                    return null;
                }
            }
        } catch (SQLException e) {
            if (FOREIGN_KEY_VIOLATION.equals(e.getSQLState())) {
                connection.rollback(); // the failed insert ended the transaction; the caller's commit is then a no-op
                return null; // the source was deleted meanwhile: its push is refused where it is stored
            }
            throw e;
        }
        try (PreparedStatement left = connection.prepareStatement(
                "select ceil(extract(epoch from window_start + ?::interval - now())) from push_rate where source_id = ?")) {
            left.setString(1, WINDOW);
            left.setLong(2, sourceId);
            try (ResultSet row = left.executeQuery()) {
                return row.next() ? (int) Math.max(1, row.getLong(1)) : 1;
            }
        }
    }
}
