package io.vigil.alerts.outbox;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** How one delivery attempt ended, as the delivery log records it. */
public enum AttemptStatus {
    DELIVERED,
    /** A temporary failure: the notification is tried again later. */
    FAILED,
    /** A permanent failure, or the last attempt allowed. */
    DEAD;

    /** The name in the API and the database: {@code delivered}, {@code failed}, {@code dead}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<AttemptStatus> of(String id) {
        return Arrays.stream(values()).filter(status -> status.id().equals(id)).findFirst();
    }

    /** Stores the status as its id, as the {@code delivery_attempt.status} check allows. */
    @jakarta.persistence.Converter
    public static class Column implements jakarta.persistence.AttributeConverter<AttemptStatus, String> {
        @Override
        public String convertToDatabaseColumn(AttemptStatus status) {
            return status == null ? null : status.id();
        }

        @Override
        public AttemptStatus convertToEntityAttribute(String id) {
            return id == null ? null : of(id).orElseThrow(() -> new IllegalStateException("unknown status " + id));
        }
    }
}
