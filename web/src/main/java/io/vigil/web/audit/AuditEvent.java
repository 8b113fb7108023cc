package io.vigil.web.audit;

import java.time.Instant;

/** One audited action, as the API and the page show it. */
public record AuditEvent(
        long id,
        Instant at,
        String actor,
        Long actorId,
        String address,
        String action,
        String targetType,
        String targetId,
        String targetName,
        String detail) {}
