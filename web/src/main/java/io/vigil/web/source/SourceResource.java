package io.vigil.web.source;

import io.quarkus.security.identity.SecurityIdentity;
import io.vigil.engine.plugin.PluginRegistry;
import io.vigil.engine.secret.CredentialMasks;
import io.vigil.engine.source.ConfiguredSource;
import io.vigil.engine.source.FetchReport;
import io.vigil.engine.source.SourceCatalog;
import io.vigil.engine.source.SourceCatalog.SourceDefinition;
import io.vigil.engine.source.SourceRunner;
import io.vigil.engine.source.SourceTrial;
import io.vigil.engine.websub.WebSubSubscriber;
import io.vigil.spi.config.ConfigField;
import io.vigil.spi.config.ConfigSpec;
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
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** {@code /api/sources}: the configured sources, their health, "fetch now", and their push tokens. */
@Path("/api/sources")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("viewer")
public class SourceResource {

    @Inject
    AuditLog audit;

    @Inject
    SourceCatalog catalog;

    @Inject
    SourceRunner runner;

    @Inject
    PluginRegistry plugins;

    @Inject
    WebSubSubscriber webSub;

    @Inject
    SecurityIdentity identity;

    /**
     * What a client sends to create or change a source.
     *
     * @param interval how often it is fetched ({@code 15m}, {@code PT1H}); absent keeps the saved interval, or gives a
     *     new source its type's default
     */
    public record SourceRequest(
            String type, String name, Map<String, String> config, Boolean enabled, String interval) {
        SourceDefinition toDefinition() {
            return new SourceDefinition(type, name, config, enabled == null || enabled, interval);
        }
    }

    /** A source's health: when it ran, what it found, what went wrong, when it runs next. */
    public record HealthJson(
            String status,
            Instant lastFetchAt,
            Instant lastSuccessAt,
            String lastError,
            Instant lastErrorAt,
            int consecutiveFailures,
            int lastNew,
            int lastDuplicate,
            int lastFailed,
            Instant nextFetchAt,
            List<Map<String, String>> skipped) {}

    /**
     * A source as the API shows it; secret settings are never included, and the credentials in its URLs (user-info,
     * token-like query parameters) are shown to admins only.
     *
     * @param pushTokenCreatedAt when the source's push token was made, or {@code null} when it has none
     * @param websub its subscription at the WebSub hub its feed advertises, or {@code null} when it has none
     * @param createdBy the username of who made it, counted against their share of the sources
     *     ({@code vigil.limits.sources-per-user}); {@code null} when nobody is recorded (the seeds source, made before
     *     V140, or the user is gone)
     */
    public record SourceJson(
            long id,
            String type,
            String name,
            Map<String, String> config,
            boolean enabled,
            long intervalSeconds,
            HealthJson health,
            Instant pushTokenCreatedAt,
            WebSubSubscriber.Status websub,
            String createdBy) {}

    /** A new push token; the token is shown this once and cannot be read again. */
    public record PushTokenJson(long sourceId, String source, String token, Instant createdAt) {}

    /** What one "fetch now" produced. */
    public record FetchJson(int newArticles, int duplicates, int failed, Map<String, String> skipped, String error) {}

    SourceJson toJson(ConfiguredSource source) {
        Set<String> secrets = plugins.sourceFactory(source.type)
                .map(f -> f.configSpec().fields().stream()
                        .filter(ConfigField::secret)
                        .map(ConfigField::name)
                        .collect(Collectors.toSet()))
                .orElse(Set.of());
        Map<String, String> shown = new HashMap<>(CredentialMasks.shown(
                plugins.sourceFactory(source.type).map(f -> f.configSpec()).orElse(ConfigSpec.empty()),
                source.config,
                identity.hasRole("admin")));
        shown.keySet().removeAll(secrets);
        String status = !source.enabled
                ? "disabled"
                : source.lastFetchAt == null ? "pending" : source.consecutiveFailures > 0 ? "failing" : "ok";
        return new SourceJson(
                source.id,
                source.type,
                source.name,
                shown,
                source.enabled,
                source.fetchIntervalSeconds,
                new HealthJson(
                        status,
                        source.lastFetchAt,
                        source.lastSuccessAt,
                        source.lastError,
                        source.lastErrorAt,
                        source.consecutiveFailures,
                        source.lastNew,
                        source.lastDuplicate,
                        source.lastFailed,
                        source.nextFetchAt,
                        source.skipped),
                source.pushTokenCreatedAt,
                webSub.status(source.id).orElse(null),
                Makers.username(source.createdBy));
    }

    @GET
    public Page<SourceJson> list(@QueryParam("limit") Integer limit, @QueryParam("offset") Integer offset) {
        Paging paging = Paging.of(limit, offset);
        List<ConfiguredSource> sources = ConfiguredSource.find("order by name")
                .range(paging.offset(), paging.offset() + paging.limit() - 1)
                .list();
        return new Page<>(sources.stream().map(this::toJson).toList(), ConfiguredSource.count());
    }

    @GET
    @Path("/{id}")
    public SourceJson get(@PathParam("id") long id) {
        return toJson(find(id));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("admin")
    @Transactional
    public Response create(SourceRequest request) {
        if (request == null) {
            throw ProblemException.badRequest("expected a JSON object {type, name, config}");
        }
        ConfiguredSource source = catalog.create(request.toDefinition(), SignedIn.creatorId(identity));
        audit.record("source.create", target(source), describe(source));
        return Response.created(URI.create("/api/sources/" + source.id))
                .entity(toJson(source))
                .build();
    }

    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("admin")
    @Transactional
    public SourceJson update(@PathParam("id") long id, SourceRequest request) {
        if (request == null) {
            throw ProblemException.badRequest("expected a JSON object {type, name, config}");
        }
        ConfiguredSource source = catalog.update(id, request.toDefinition());
        if (source == null) {
            throw ProblemException.notFound("no source " + id);
        }
        audit.record("source.update", target(source), describe(source));
        return toJson(source);
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed("admin")
    @Transactional
    public Response delete(@PathParam("id") long id) {
        ConfiguredSource source = ConfiguredSource.findById(id);
        if (source == null || !catalog.delete(id)) {
            throw ProblemException.notFound("no source " + id);
        }
        audit.record("source.delete", target(source), describe(source));
        return Response.noContent().build();
    }

    /** What a client sends to try a source before saving it. */
    public record TrialRequest(String type, Map<String, String> config) {}

    /**
     * Fetches a source as it would be defined, once, and answers what would be stored now (titles, extracted bodies,
     * dates), what would be skipped and why, or the failure its health would show. Stores nothing: no source, no
     * article, no cursor. Admin, like adding a source, since it reaches out as a source would.
     */
    @POST
    @Path("/test")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("admin")
    public SourceTrial test(TrialRequest request) {
        if (request == null) {
            throw ProblemException.badRequest("expected a JSON object {type, config}");
        }
        return catalog.tryOut(request.type(), request.config());
    }

    @POST
    @Path("/{id}/fetch")
    @RolesAllowed("admin")
    public FetchJson fetchNow(@PathParam("id") long id) {
        find(id);
        FetchReport report = runner.fetch(id);
        String error = report.error() != null
                ? report.error()
                : report.failed() > 0
                        ? report.failed() + " document(s) could not be stored: " + report.firstFailure()
                        : null;
        return new FetchJson(report.newArticles(), report.duplicates(), report.failed(), report.skipped(), error);
    }

    /**
     * Gives the source a new push token, replacing (and so revoking) the one it had. With it, another program pushes
     * into this source: {@code POST /api/ingest} with {@code Authorization: Bearer vps_…}.
     */
    @POST
    @Path("/{id}/token")
    @RolesAllowed("admin")
    @Transactional
    public Response issuePushToken(@PathParam("id") long id) {
        ConfiguredSource source = find(id);
        String token = source.issuePushToken(Instant.now());
        audit.record("source.push-token.issue", target(source), "any earlier push token stops working");
        return Response.status(Response.Status.CREATED)
                .entity(new PushTokenJson(source.id, source.name, token, source.pushTokenCreatedAt))
                .header("Cache-Control", "no-store")
                .build();
    }

    /** Revokes the source's push token; pushes with it are refused from now on. Revoking twice is no error. */
    @DELETE
    @Path("/{id}/token")
    @RolesAllowed("admin")
    @Transactional
    public Response revokePushToken(@PathParam("id") long id) {
        ConfiguredSource source = find(id);
        if (source.pushTokenHash != null) {
            audit.record("source.push-token.revoke", target(source), null);
        }
        source.revokePushToken();
        return Response.noContent().build();
    }

    public static AuditTarget target(ConfiguredSource source) {
        return AuditTarget.source(source.id, source.name);
    }

    /** What the audit log says about a source: its type and whether it is on; never its settings (secrets). */
    public static String describe(ConfiguredSource source) {
        return source.type + ", " + (source.enabled ? "enabled" : "disabled");
    }

    private static ConfiguredSource find(long id) {
        ConfiguredSource source = ConfiguredSource.findById(id);
        if (source == null) {
            throw ProblemException.notFound("no source " + id);
        }
        return source;
    }
}
