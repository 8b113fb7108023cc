package io.vigil.web.ui;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.vigil.engine.plugin.PluginRegistry;
import io.vigil.engine.source.ConfiguredSource;
import io.vigil.engine.source.FetchReport;
import io.vigil.engine.source.InvalidSourceException;
import io.vigil.engine.source.SourceCatalog;
import io.vigil.engine.source.SourceCatalog.SourceDefinition;
import io.vigil.engine.source.SourceRunner;
import io.vigil.spi.PluginKind;
import io.vigil.spi.source.SourceFactory;
import jakarta.inject.Inject;
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
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestHeader;

/**
 * {@code /sources}: the sources with their health, "fetch now", and add or edit forms drawn from each source type's
 * configuration spec. Changes need an admin (the access policy); the buttons are shown to admins only.
 */
@Path("/sources")
public class SourcesPage {

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
            Instant nextFetchAt) {}

    /** What "fetch now" found. */
    public record FetchView(String source, int newArticles, int duplicates, int failed, String error) {}

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance sources(
                List<SourceView> sources, List<PluginForm.TypeOption> types, FetchView fetched);

        static native TemplateInstance form(PluginForm form);

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
    public TemplateInstance create(@QueryParam("type") String type) {
        return Templates.form(PluginForm.adding(factory(type)));
    }

    @GET
    @Path("/{id}/edit")
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance edit(@PathParam("id") long id) {
        ConfiguredSource source = find(id);
        return Templates.form(PluginForm.editing(id, factory(source.type), source.name, source.enabled, source.config));
    }

    /** Adds a source from the generated form; a refused value comes back next to its field. */
    @POST
    @Produces(MediaType.TEXT_HTML)
    public Response add(@RestForm("_csrf") String csrf) {
        return save(null, PostedForm.current());
    }

    @POST
    @Path("/{id}")
    @Produces(MediaType.TEXT_HTML)
    public Response update(@PathParam("id") long id, @RestForm("_csrf") String csrf) {
        find(id);
        return save(id, PostedForm.current());
    }

    @POST
    @Path("/{id}/delete")
    public Response delete(@PathParam("id") long id, @RestForm("_csrf") String csrf) {
        catalog.delete(id);
        return Response.seeOther(URI.create("/sources")).build();
    }

    /** Fetches the source now; answers the report (a fragment for htmx, else the page with the report on top). */
    @POST
    @Path("/{id}/fetch")
    @Produces(MediaType.TEXT_HTML)
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
            SourceDefinition definition =
                    new SourceDefinition(posted.type(), posted.name(), posted.config(), posted.enabled());
            if (id == null) {
                catalog.create(definition);
            } else {
                catalog.update(id, definition);
            }
            return Response.seeOther(URI.create("/sources")).build();
        } catch (InvalidSourceException e) {
            return Response.status(400)
                    .entity(Templates.form(posted.refused(e.field(), e.getMessage())))
                    .type(MediaType.TEXT_HTML_TYPE)
                    .build();
        }
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
                        s.nextFetchAt))
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
