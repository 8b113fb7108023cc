package io.vigil.web.ui;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.identity.SecurityIdentity;
import io.vigil.engine.plugin.PluginRegistry;
import io.vigil.engine.source.ConfiguredSource;
import io.vigil.engine.source.FetchReport;
import io.vigil.engine.source.InvalidSourceException;
import io.vigil.engine.source.SourceCatalog;
import io.vigil.engine.source.SourceCatalog.SourceDefinition;
import io.vigil.engine.source.SourceRunner;
import io.vigil.engine.source.SourceTrial;
import io.vigil.spi.PluginKind;
import io.vigil.spi.source.SourceFactory;
import io.vigil.web.audit.AuditLog;
import io.vigil.web.security.Makers;
import io.vigil.web.security.SignedIn;
import io.vigil.web.source.SourceResource;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestHeader;

/**
 * {@code /sources}: the sources with their health, "fetch now", and add or edit forms drawn from each source type's
 * configuration spec. Changes need an admin (declared on each method); the buttons are shown to admins only.
 */
@Path("/sources")
@RolesAllowed("viewer")
public class SourcesPage {

    @Inject
    SecurityIdentity identity;

    @Inject
    AuditLog audit;

    @Inject
    SourceCatalog catalog;

    @Inject
    SourceRunner runner;

    @Inject
    PluginRegistry plugins;

    /** A source line with its health. */
    public record SourceView(
            long id,
            String name,
            String type,
            boolean enabled,
            String status,
            Instant lastFetchAt,
            int lastNew,
            int lastDuplicate,
            int lastFailed,
            String lastError,
            Instant lastErrorAt,
            int failures,
            Instant nextFetchAt,
            String createdBy) {}

    /**
     * The source's own "check every" input, which belongs to Vigil rather than to the type's settings.
     *
     * @param value what the input shows: the saved interval, the type's default when adding, or what was posted
     * @param error why it was refused, or {@code null}
     */
    public record IntervalInput(String value, String error) {
        static IntervalInput of(Duration interval) {
            long seconds = interval.toSeconds();
            String text = seconds % 86_400 == 0
                    ? seconds / 86_400 + "d"
                    : seconds % 3600 == 0
                            ? seconds / 3600 + "h"
                            : seconds % 60 == 0 ? seconds / 60 + "m" : seconds + "s";
            return new IntervalInput(text, null);
        }

        static IntervalInput posted(Map<String, String> form, InvalidSourceException refusal) {
            String error = refusal != null && SourceCatalog.INTERVAL_FIELD.equals(refusal.field())
                    ? refusal.getMessage()
                    : null;
            return new IntervalInput(
                    form.getOrDefault(SourceCatalog.INTERVAL_FIELD, "").strip(), error);
        }
    }

    /** What "fetch now" found. */
    public record FetchView(String source, int newArticles, int duplicates, int failed, String error) {}

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance sources(
                List<SourceView> sources, List<PluginForm.TypeOption> types, FetchView fetched);

        static native TemplateInstance form(PluginForm form, IntervalInput interval, SourceTrial trial);

        static native TemplateInstance form$trial(SourceTrial trial);

        static native TemplateInstance sources$fetched(FetchView fetched);
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance sources() {
        return Templates.sources(views(), types(), null);
    }

    @GET
    @Path("/new")
    @Produces(MediaType.TEXT_HTML)
    @RolesAllowed("admin")
    public TemplateInstance create(@QueryParam("type") String type) {
        SourceFactory factory = factory(type);
        return Templates.form(PluginForm.adding(factory), IntervalInput.of(factory.defaultFetchInterval()), null);
    }

    @GET
    @Path("/{id}/edit")
    @Produces(MediaType.TEXT_HTML)
    @RolesAllowed("admin")
    public TemplateInstance edit(@PathParam("id") long id) {
        ConfiguredSource source = find(id);
        return Templates.form(
                PluginForm.editing(id, factory(source.type), source.name, source.enabled, source.config),
                IntervalInput.of(source.fetchInterval()),
                null);
    }

    /** Adds a source from the generated form; a refused value comes back next to its field. */
    @POST
    @Produces(MediaType.TEXT_HTML)
    @RolesAllowed("admin")
    public Response add(@RestForm("_csrf") String csrf) {
        return save(null, PostedForm.current());
    }

    @POST
    @Path("/{id}")
    @Produces(MediaType.TEXT_HTML)
    @RolesAllowed("admin")
    public Response update(@PathParam("id") long id, @RestForm("_csrf") String csrf) {
        find(id);
        return save(id, PostedForm.current());
    }

    /**
     * The Test button: one fetch with the settings as posted, storing nothing, and what it found under the form (a
     * fragment for htmx, else the form again with the findings). Blank secrets of the source being edited ({@code id})
     * keep their saved values, as saving would.
     */
    @POST
    @Path("/test")
    @Produces(MediaType.TEXT_HTML)
    @RolesAllowed("admin")
    public Response test(
            @QueryParam("id") Long id, @RestForm("_csrf") String csrf, @RestHeader("HX-Request") String htmx) {
        Map<String, String> form = PostedForm.current();
        Map<String, String> saved = id == null ? Map.of() : find(id).config;
        PluginForm.Posted posted = PluginForm.Posted.read(id, factory(form.get("type")), form, saved);
        try {
            SourceTrial trial = catalog.tryOut(posted.type(), posted.config());
            TemplateInstance page = htmx != null
                    ? Templates.form$trial(trial)
                    : Templates.form(posted.refused(null, null), IntervalInput.posted(form, null), trial);
            return Response.ok(page).type(MediaType.TEXT_HTML_TYPE).build();
        } catch (InvalidSourceException e) {
            if (htmx != null) {
                // htmx swaps only successful answers: the refusal goes where the findings would.
                SourceTrial refused =
                        new SourceTrial("invalid", "invalid settings: " + e.getMessage(), List.of(), 0, List.of());
                return Response.ok(Templates.form$trial(refused))
                        .type(MediaType.TEXT_HTML_TYPE)
                        .build();
            }
            return Response.status(400)
                    .entity(Templates.form(refusedForm(posted, e), IntervalInput.posted(form, e), null))
                    .type(MediaType.TEXT_HTML_TYPE)
                    .build();
        }
    }

    @POST
    @Path("/{id}/delete")
    @RolesAllowed("admin")
    @Transactional
    public Response delete(@PathParam("id") long id, @RestForm("_csrf") String csrf) {
        ConfiguredSource source = ConfiguredSource.findById(id);
        if (source != null && catalog.delete(id)) {
            audit.record("source.delete", SourceResource.target(source), SourceResource.describe(source));
        }
        return Response.seeOther(URI.create("/sources")).build();
    }

    /** Fetches the source now; answers the report (a fragment for htmx, else the page with the report on top). */
    @POST
    @Path("/{id}/fetch")
    @Produces(MediaType.TEXT_HTML)
    @RolesAllowed("admin")
    public TemplateInstance fetch(
            @PathParam("id") long id, @RestForm("_csrf") String csrf, @RestHeader("HX-Request") String htmx) {
        ConfiguredSource source = find(id);
        FetchReport report = runner.fetch(id);
        FetchView fetched =
                new FetchView(source.name, report.newArticles(), report.duplicates(), report.failed(), report.error());
        return htmx != null ? Templates.sources$fetched(fetched) : Templates.sources(views(), types(), fetched);
    }

    private Response save(Long id, Map<String, String> form) {
        Map<String, String> saved = id == null ? Map.of() : find(id).config;
        PluginForm.Posted posted = PluginForm.Posted.read(id, factory(form.get("type")), form, saved);
        try {
            if (posted.name().isEmpty()) {
                throw new InvalidSourceException(PluginForm.NAME, "give the source a name");
            }
            SourceDefinition definition = new SourceDefinition(
                    posted.type(),
                    posted.name(),
                    posted.config(),
                    posted.enabled(),
                    form.get(SourceCatalog.INTERVAL_FIELD));
            QuarkusTransaction.joiningExisting().run(() -> {
                ConfiguredSource source = id == null
                        ? catalog.create(definition, SignedIn.creatorId(identity))
                        : catalog.update(id, definition);
                audit.record(
                        id == null ? "source.create" : "source.update",
                        SourceResource.target(source),
                        SourceResource.describe(source));
            });
            return Response.seeOther(URI.create("/sources")).build();
        } catch (InvalidSourceException e) {
            return Response.status(400)
                    .entity(Templates.form(refusedForm(posted, e), IntervalInput.posted(form, e), null))
                    .type(MediaType.TEXT_HTML_TYPE)
                    .build();
        }
    }

    /** The form again with the refusal next to its input; the interval's own input shows a refused interval. */
    private static PluginForm refusedForm(PluginForm.Posted posted, InvalidSourceException refusal) {
        return SourceCatalog.INTERVAL_FIELD.equals(refusal.field())
                ? posted.refused(null, null)
                : posted.refused(refusal.field(), refusal.getMessage());
    }

    private List<SourceView> views() {
        List<ConfiguredSource> sources = ConfiguredSource.list("order by name");
        return sources.stream()
                .map(s -> new SourceView(
                        s.id,
                        s.name,
                        s.type,
                        s.enabled,
                        !s.enabled
                                ? "disabled"
                                : s.lastFetchAt == null ? "pending" : s.consecutiveFailures > 0 ? "failing" : "ok",
                        s.lastFetchAt,
                        s.lastNew,
                        s.lastDuplicate,
                        s.lastFailed,
                        s.lastError,
                        s.lastErrorAt,
                        s.consecutiveFailures,
                        s.nextFetchAt,
                        Makers.username(s.createdBy)))
                .toList();
    }

    private List<PluginForm.TypeOption> types() {
        return PluginForm.typeOptions(plugins, PluginKind.SOURCE);
    }

    private SourceFactory factory(String type) {
        return plugins.sourceFactory(type == null ? "" : type)
                .orElseThrow(() -> new NotFoundException("no source type " + type));
    }

    private static ConfiguredSource find(long id) {
        ConfiguredSource source = ConfiguredSource.findById(id);
        if (source == null) {
            throw new NotFoundException("no source " + id);
        }
        return source;
    }
}
