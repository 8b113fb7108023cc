package io.vigil.web.audit;

import java.util.Objects;

/**
 * What an audited action was done to: a kind ({@code rule}, {@code channel}, {@code source}, {@code user},
 * {@code silence}, {@code token}, {@code session}, …), its id when it has one, and its name at the time — kept because
 * the thing may be renamed or deleted later.
 */
public record AuditTarget(String type, String id, String name) {

    public AuditTarget {
        Objects.requireNonNull(type, "type is null");
    }

    public static AuditTarget of(String type, Object id, String name) {
        return new AuditTarget(type, id == null ? null : id.toString(), name);
    }

    public static AuditTarget rule(Object id, String name) {
        return of("rule", id, name);
    }

    public static AuditTarget channel(Object id, String name) {
        return of("channel", id, name);
    }

    public static AuditTarget source(Object id, String name) {
        return of("source", id, name);
    }

    public static AuditTarget user(Object id, String name) {
        return of("user", id, name);
    }

    public static AuditTarget silence(Object id, String name) {
        return of("silence", id, name);
    }

    public static AuditTarget token(Object id, String name) {
        return of("token", id, name);
    }

    public static AuditTarget notification(Object id) {
        return of("notification", id, null);
    }
}
