package io.vigil.alerts.outbox;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** Where a notification stands on one channel. */
public enum OutboxStatus {
    /** Waiting for its first or next attempt (or being attempted now). */
    PENDING,
    DELIVERED,
    /** Given up: a permanent failure or the last attempt allowed; the API can re-queue it. */
    DEAD;

    /** The name in the API and the database: {@code pending}, {@code delivered}, {@code dead}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<OutboxStatus> of(String id) {
        return Arrays.stream(values()).filter(status -> status.id().equals(id)).findFirst();
    }

    /** Stores the status as its id, as the {@code outbox.status} check allows. */
    @jakarta.persistence.Converter
    public static class Column implements jakarta.persistence.AttributeConverter<OutboxStatus, String> {
        @Override
        public String convertToDatabaseColumn(OutboxStatus status) {
            return status == null ? null : status.id();
        }

        @Override
        public OutboxStatus convertToEntityAttribute(String id) {
            return id == null ? null : of(id).orElseThrow(() -> new IllegalStateException("unknown status " + id));
        }
    }
}
