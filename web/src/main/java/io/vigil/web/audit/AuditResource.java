package io.vigil.web.audit;

import io.vigil.web.http.Page;
import io.vigil.web.http.Paging;
import io.vigil.web.http.Problem;
import io.vigil.web.http.ProblemException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * {@code GET /api/audit}: the audit log, newest first, {@code {items, total}} with {@code limit}/{@code offset}, filtered
 * by {@code actor}, {@code action} ({@code rule} for every rule action, {@code rule.update} for one), {@code target}
 * (its kind), {@code targetId}, {@code since} and {@code until} (ISO-8601). Admins only: it says who did what.
 */
@Path("/api/audit")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("admin")
public class AuditResource {

    @Inject
    AuditLog audit;

    @GET
    public Page<AuditEvent> list(
            @QueryParam("limit") Integer limit,
            @QueryParam("offset") Integer offset,
            @QueryParam("actor") String actor,
            @QueryParam("action") String action,
            @QueryParam("target") String target,
            @QueryParam("targetId") String targetId,
            @QueryParam("since") String since,
            @QueryParam("until") String until) {
        return audit.find(filter(actor, action, target, targetId, since, until), Paging.of(limit, offset));
    }

    static AuditLog.Filter filter(
            String actor, String action, String target, String targetId, String since, String until) {
        return new AuditLog.Filter(
                blankToNull(actor),
                blankToNull(action),
                blankToNull(target),
                blankToNull(targetId),
                time("since", since),
                time("until", until));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static Instant time(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value.strip()).toInstant();
        } catch (DateTimeParseException e) {
            throw new ProblemException(Problem.of(
                            400,
                            "Bad Request",
                            field + " must be an ISO-8601 date-time such as 2026-12-01T00:00:00Z, not '" + value + "'")
                    .withField(field));
        }
    }
}
