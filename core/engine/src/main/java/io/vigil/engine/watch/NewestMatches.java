package io.vigil.engine.watch;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the newest articles matching a full-text query ({@code to_tsquery('simple', …)} over the article's search
 * vector), newest first by fetch time and then id: the candidates of a rule preview. There are two ways, each pinned to
 * its index by a function of migration V8:
 *
 * <ul>
 *   <li><b>walk</b> the time index newest first, testing each article's search vector, until {@code limit} match: about
 *       {@code limit × articles / matches} rows;
 *   <li><b>index</b>: take every match from the full-text index and sort them by time: about {@code matches} rows.
 * </ul>
 *
 * <p>A row costs about the same either way (a few microseconds), so the walk is the cheaper exactly when it reads fewer
 * rows: when the matches outnumber {@code sqrt(limit × articles)}, 14 % of 100,000 articles for 2,001 candidates.
 * PostgreSQL cannot be left to choose: as a prepared statement (which the JDBC driver makes of a query from its fifth
 * run on a connection) the query soon gets a generic plan that knows nothing of the words and always sorts every
 * match, and planned with the words it walks from about 7 % on, as it does not count reading each search vector. The
 * number of matches here is PostgreSQL's estimate for the words, which sees neither how words go together nor time (a
 * word common in the archive may be missing from the newest articles), so the walk gets a window of twice the rows it
 * should need, and when the window runs out first, the index answers. That worst case costs about three times the
 * index alone, instead of a walk through the whole table.
 *
 * <p>Stateless; each call runs on the caller's connection.
 */
public final class NewestMatches {

    /** The top plan node's row estimate in {@code EXPLAIN (FORMAT JSON)} output, which comes first. */
    private static final Pattern PLAN_ROWS = Pattern.compile("\"Plan Rows\"\\s*:\\s*([0-9.eE+]+)");

    /** How much longer than expected a walk may run before the index answers instead. */
    private static final int WALK_MARGIN = 2;

    private NewestMatches() {}

    /** How to find the newest matches. */
    public sealed interface Route {

        /** Walk the newest {@code window} articles, falling back to the index when fewer than wanted match there. */
        record Walk(int window) implements Route {}

        /** Take every match from the full-text index. */
        record Index() implements Route {}
    }

    /**
     * The cheaper way for an archive of about {@code articles} articles of which about {@code matches} match, when the
     * newest {@code limit} are wanted. Unknown estimates (zero) choose the index, whose cost is bounded by the matches.
     */
    public static Route route(double matches, double articles, int limit) {
        if (matches <= 0 || articles <= 0 || matches * matches < (double) limit * articles) {
            return new Route.Index();
        }
        double expectedRows = limit * articles / matches;
        return new Route.Walk(
                (int) Math.min(Integer.MAX_VALUE, Math.max(limit, Math.ceil(WALK_MARGIN * expectedRows))));
    }

    /**
     * The ids of the newest {@code limit} articles matching {@code tsquery}, newest first; all of them when fewer
     * match.
     */
    public static List<Long> find(Connection connection, String tsquery, int limit) throws SQLException {
        Route route = route(
                estimatedRows(
                        connection, "select 1 from article where search_vector @@ to_tsquery('simple', ?)", tsquery),
                estimatedRows(connection, "select 1 from article", null),
                limit);
        return switch (route) {
            case Route.Walk walk -> {
                List<Long> walked = byWalk(connection, tsquery, walk.window(), limit);
                // A full list from the newest articles is the answer; a short one may be missing older matches.
                yield walked.size() == limit ? walked : byIndex(connection, tsquery, limit);
            }
            case Route.Index index -> byIndex(connection, tsquery, limit);
        };
    }

    /**
     * The matches among the newest {@code window} articles, at most {@code limit} of them, newest first. Fewer than
     * {@code limit} does not mean there are no more: they may be older than the window.
     */
    public static List<Long> byWalk(Connection connection, String tsquery, int window, int limit) throws SQLException {
        try (PreparedStatement statement =
                connection.prepareStatement("select id from newest_matches_walk(to_tsquery('simple', ?), ?, ?)")) {
            statement.setString(1, tsquery);
            statement.setInt(2, window);
            statement.setInt(3, limit);
            return ids(statement);
        }
    }

    /** The newest {@code limit} matches from the full-text index, newest first. */
    public static List<Long> byIndex(Connection connection, String tsquery, int limit) throws SQLException {
        try (PreparedStatement statement =
                connection.prepareStatement("select id from newest_matches_indexed(to_tsquery('simple', ?), ?)")) {
            statement.setString(1, tsquery);
            statement.setInt(2, limit);
            return ids(statement);
        }
    }

    /** The row estimate of the top node of an {@code EXPLAIN (FORMAT JSON)} plan, or 0 when it has none. */
    static double planRows(String explainJson) {
        Matcher rows = PLAN_ROWS.matcher(explainJson);
        return rows.find() ? Double.parseDouble(rows.group(1)) : 0;
    }

    /** The planner's estimate of the rows a query returns (a millisecond: it plans, it does not run). */
    private static double estimatedRows(Connection connection, String query, String parameter) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("explain (format json) " + query)) {
            if (parameter != null) {
                statement.setString(1, parameter);
            }
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? planRows(rows.getString(1)) : 0;
            }
        }
    }

    private static List<Long> ids(PreparedStatement statement) throws SQLException {
        List<Long> ids = new ArrayList<>();
        try (ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                ids.add(rows.getLong(1));
            }
        }
        return ids;
    }
}
