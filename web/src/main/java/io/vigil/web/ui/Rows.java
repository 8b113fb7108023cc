package io.vigil.web.ui;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** Reads values of native-query result rows, whose Java types depend on the driver and Hibernate's mapping. */
final class Rows {

    private Rows() {}

    /** A {@code timestamptz} column as an instant; null stays null. */
    static Instant instant(Object value) {
        return switch (value) {
            case null -> null;
            case Instant instant -> instant;
            case OffsetDateTime offset -> offset.toInstant();
            case Timestamp timestamp -> timestamp.toInstant();
            case LocalDateTime local -> local.toInstant(ZoneOffset.UTC);
            default -> throw new IllegalArgumentException("not a time: " + value.getClass());
        };
    }

    /** A {@code timestamp} (without zone) column that holds UTC wall time, as an instant. */
    static Instant utcInstant(Object value) {
        return switch (value) {
            case Timestamp timestamp -> timestamp.toLocalDateTime().toInstant(ZoneOffset.UTC);
            case LocalDateTime local -> local.toInstant(ZoneOffset.UTC);
            default -> instant(value);
        };
    }
}
