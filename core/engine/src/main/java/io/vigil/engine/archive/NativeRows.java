package io.vigil.engine.archive;

import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;

/**
 * Reads the values of native-query result rows, whose Java types depend on the JDBC driver and Hibernate's mapping:
 * one reading for every module, so that a type one of them did not expect cannot slip in.
 */
public final class NativeRows {

    private NativeRows() {}

    /** A {@code timestamptz} column as an instant; null stays null. */
    public static Instant instant(Object value) {
        return switch (value) {
            case null -> null;
            case Instant instant -> instant;
            case OffsetDateTime offset -> offset.toInstant();
            case Timestamp timestamp -> timestamp.toInstant();
            case LocalDateTime local -> local.toInstant(ZoneOffset.UTC);
            default -> throw new IllegalStateException("not a time: " + value.getClass());
        };
    }

    /** A {@code timestamp} (without zone) column holding UTC wall time, as an instant; null stays null. */
    public static Instant utcInstant(Object value) {
        return switch (value) {
            case Timestamp timestamp -> timestamp.toLocalDateTime().toInstant(ZoneOffset.UTC);
            case LocalDateTime local -> local.toInstant(ZoneOffset.UTC);
            case null, default -> instant(value);
        };
    }

    /** A {@code text[]} column as a list of its elements; anything else (null too) as an empty list. */
    public static List<String> strings(Object array) {
        if (array instanceof java.sql.Array sql) {
            try {
                return strings(sql.getArray());
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }
        if (array instanceof Object[] values) {
            return Arrays.stream(values).map(String::valueOf).toList();
        }
        return List.of();
    }
}
