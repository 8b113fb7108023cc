package io.vigil.web.silence;

import io.quarkus.security.identity.SecurityIdentity;
import io.vigil.alerts.silence.Silence;
import io.vigil.alerts.silence.Silences;
import io.vigil.alerts.silence.Silences.SilenceDefinition;
import io.vigil.web.audit.AuditLog;
import io.vigil.web.audit.AuditTarget;
import io.vigil.web.http.Page;
import io.vigil.web.http.Paging;
import io.vigil.web.http.ProblemException;
import io.vigil.web.security.Makers;
import io.vigil.web.security.SignedIn;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Instant;
import java.util.List;

/**
 * {@code /api/silences}: mute a rule, or every alert whose article matches a query, until a time. Muted alerts are
 * recorded but not sent; an expired silence mutes nothing and stays listed (with {@code active: false}) until deleted.
 */
@Path("/api/silences")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("viewer")
public class SilenceResource {

    @Inject
    SecurityIdentity identity;

    @Inject
    AuditLog audit;

    @Inject
    Silences silences;

    /** What a client sends: at least one of {@code ruleId} and {@code query}, and {@code until}. */
    public record SilenceRequest(Long ruleId, String query, Instant until, String comment) {}

    /**
     * A silence as the API shows it.
     *
     * @param createdBy the username of who made it ({@code null} when nobody is recorded)
     */
    public record SilenceJson(
            long id,
            Long ruleId,
            String query,
            Instant until,
            String comment,
            Instant createdAt,
            boolean active,
            String createdBy) {

        static SilenceJson from(Silence silence, Instant now) {
            return new SilenceJson(
                    silence.id,
                    silence.ruleId,
                    silence.query,
                    silence.until,
                    silence.comment,
                    silence.createdAt,
                    silence.isActive(now),
                    Makers.username(silence.createdBy));
        }
    }

    /** Lists silences, newest first; {@code ?active=true} keeps those still in force. */
    @GET
    public Page<SilenceJson> list(
            @QueryParam("active") Boolean active,
            @QueryParam("limit") Integer limit,
            @QueryParam("offset") Integer offset) {
        Paging paging = Paging.of(limit, offset);
        Instant now = Instant.now();
        var query = Boolean.TRUE.equals(active)
                ? Silence.<Silence>find("until > ?1 order by createdAt desc, id desc", now)
                : Silence.<Silence>find("order by createdAt desc, id desc");
        List<SilenceJson> items = query.range(paging.offset(), paging.offset() + paging.limit() - 1).list().stream()
                .map(silence -> SilenceJson.from(silence, now))
                .toList();
        return new Page<>(items, query.count());
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("analyst")
    @Transactional
    public Response create(SilenceRequest request) {
        if (request == null) {
            throw ProblemException.badRequest("expected a JSON object {ruleId?, query?, until, comment}");
        }
        Instant now = Instant.now();
        Silence silence = silences.create(
                new SilenceDefinition(request.ruleId(), request.query(), request.until(), request.comment()),
                SignedIn.creatorId(identity),
                now);
        audit.record("silence.create", AuditTarget.silence(silence.id, null), describe(silence));
        return Response.created(URI.create("/api/silences/" + silence.id))
                .entity(SilenceJson.from(silence, now))
                .build();
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed("analyst")
    @Transactional
    public Response delete(@PathParam("id") long id) {
        Silence silence = Silence.findById(id);
        if (silence == null || !silences.delete(id)) {
            throw ProblemException.notFound("no silence " + id);
        }
        audit.record("silence.delete", AuditTarget.silence(id, null), describe(silence));
        return Response.noContent().build();
    }

    /** What the audit log says about a silence: what it mutes and until when. */
    public static String describe(Silence silence) {
        return (silence.ruleId == null ? "every rule" : "rule " + silence.ruleId)
                + (silence.query == null ? "" : ", articles matching " + silence.query)
                + ", until " + silence.until
                + (silence.comment == null || silence.comment.isBlank() ? "" : ": " + silence.comment);
    }
}
