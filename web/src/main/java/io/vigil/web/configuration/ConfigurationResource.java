package io.vigil.web.configuration;

import io.quarkus.security.identity.SecurityIdentity;
import io.vigil.web.audit.AuditLog;
import io.vigil.web.audit.AuditTarget;
import io.vigil.web.http.Problem;
import io.vigil.web.security.SignedIn;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Configuration as code ({@link ConfigurationTransfer}): {@code GET /api/export} answers the instance's configuration
 * as one versioned document, secrets left out and named; {@code POST /api/import} applies such a document, all of it or
 * nothing, and reports item by item. Admins only: the document holds every user and role.
 */
@Path("/api")
public class ConfigurationResource {

    @Inject
    ConfigurationTransfer transfer;

    @Inject
    AuditLog audit;

    @Inject
    SecurityIdentity identity;

    @GET
    @Path("/export")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed("admin")
    @Transactional
    public Response export() {
        ConfigDocument document = transfer.export();
        audit.record("configuration.export", AuditTarget.of("configuration", null, null), null);
        return Response.ok(document)
                .header("Content-Disposition", "attachment; filename=\"vigil-configuration.json\"")
                .build();
    }

    /**
     * Applies the document: 200 with the report when it was applied (or, with {@code dryRun=true}, would be); 422, a
     * problem document carrying the same report, when anything is refused — and then nothing is applied.
     */
    @POST
    @Path("/import")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed("admin")
    public Response importDocument(ConfigDocument document, @QueryParam("dryRun") boolean dryRun) {
        ImportReport report = transfer.apply(document, dryRun, SignedIn.creatorId(identity));
        if (report.problems().isEmpty()) {
            if (report.applied()) {
                audit.record("configuration.import", AuditTarget.of("configuration", null, null), summary(report));
            }
            return Response.ok(report).build();
        }
        Problem problem = Problem.of(
                422,
                "Unprocessable Content",
                report.problems().size() + " problem(s); nothing was applied: "
                        + report.problems().stream()
                                .map(item -> item.kind() + (item.name() == null ? "" : " '" + item.name() + "'")
                                        + (item.field() == null ? "" : " " + item.field()) + ": " + item.reason())
                                .collect(Collectors.joining("; ")));
        if (!report.problems().isEmpty() && report.problems().get(0).field() != null) {
            problem = problem.withField(report.problems().get(0).field());
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", problem.type());
        body.put("title", problem.title());
        body.put("status", problem.status());
        body.put("detail", problem.detail());
        if (problem.field() != null) {
            body.put("field", problem.field());
        }
        body.put("applied", false);
        body.put("dryRun", report.dryRun());
        body.put("problems", report.problems());
        body.put("items", report.items());
        return Response.status(422).type(Problem.MEDIA_TYPE).entity(body).build();
    }

    private static String summary(ImportReport report) {
        return report.items().stream()
                .collect(Collectors.groupingBy(
                        ImportReport.Item::outcome, java.util.TreeMap::new, Collectors.counting()))
                .toString();
    }
}
