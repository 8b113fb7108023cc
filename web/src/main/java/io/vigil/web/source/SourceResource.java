package io.vigil.web.source;

import io.vigil.engine.plugin.PluginRegistry;
import io.vigil.engine.source.ConfiguredSource;
import io.vigil.engine.source.FetchReport;
import io.vigil.engine.source.SourceCatalog;
import io.vigil.engine.source.SourceCatalog.SourceDefinition;
import io.vigil.engine.source.SourceRunner;
import io.vigil.spi.config.ConfigField;
import io.vigil.web.http.Page;
import io.vigil.web.http.Paging;
import io.vigil.web.http.ProblemException;
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
public class SourceResource {

    @Inject
    SourceCatalog catalog;

    @Inject
    SourceRunner runner;

    @Inject
    PluginRegistry plugins;

    /** What a client sends to create or change a source. */
    public record SourceRequest(String type, String name, Map<String, String> config, Boolean enabled) {
        SourceDefinition toDefinition() {
            return new SourceDefinition(type, name, config, enabled == null || enabled);
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
     * A source as the API shows it; secret settings are never included.
     *
     * @param pushTokenCreatedAt when the source's push token was made, or {@code null} when it has none
     */
    public record SourceJson(
            long id,
            String type,
            String name,
            Map<String, String> config,
            boolean enabled,
            long intervalSeconds,
            HealthJson health,
            Instant pushTokenCreatedAt) {}

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
        Map<String, String> shown = new HashMap<>(source.config);
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
                source.pushTokenCreatedAt);
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
    public Response create(SourceRequest request) {
        if (request == null) {
            throw ProblemException.badRequest("expected a JSON object {type, name, config}");
        }
        ConfiguredSource source = catalog.create(request.toDefinition());
        return Response.created(URI.create("/api/sources/" + source.id))
                .entity(toJson(source))
                .build();
    }

    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public SourceJson update(@PathParam("id") long id, SourceRequest request) {
        if (request == null) {
            throw ProblemException.badRequest("expected a JSON object {type, name, config}");
        }
        ConfiguredSource source = catalog.update(id, request.toDefinition());
        if (source == null) {
            throw ProblemException.notFound("no source " + id);
        }
        return toJson(source);
    }

    @DELETE
    @Path("/{id}")
    public Response delete(@PathParam("id") long id) {
        if (!catalog.delete(id)) {
            throw ProblemException.notFound("no source " + id);
        }
        return Response.noContent().build();
    }

    @POST
    @Path("/{id}/fetch")
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
    @Transactional
    public Response issuePushToken(@PathParam("id") long id) {
        ConfiguredSource source = find(id);
        String token = source.issuePushToken(Instant.now());
        return Response.status(Response.Status.CREATED)
                .entity(new PushTokenJson(source.id, source.name, token, source.pushTokenCreatedAt))
                .header("Cache-Control", "no-store")
                .build();
    }

    /** Revokes the source's push token; pushes with it are refused from now on. Revoking twice is no error. */
    @DELETE
    @Path("/{id}/token")
    @Transactional
    public Response revokePushToken(@PathParam("id") long id) {
        find(id).revokePushToken();
        return Response.noContent().build();
    }

    private static ConfiguredSource find(long id) {
        ConfiguredSource source = ConfiguredSource.findById(id);
        if (source == null) {
            throw ProblemException.notFound("no source " + id);
        }
        return source;
    }
}
