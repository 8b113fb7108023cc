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
import io.vigil.spi.config.ConfigSpec;
import io.vigil.spi.source.SourceFactory;
import io.vigil.web.ui.ConfigForm.Input;
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

    /** A source type one can add. */
    public record TypeOption(String type, String label) {}

    /** What "fetch now" found. */
    public record FetchView(String source, int newArticles, int duplicates, int failed, String error) {}

    /** The add or edit form. */
    public record SourceForm(
            Long id,
            String type,
            String typeLabel,
            String name,
            String nameError,
            boolean enabled,
            List<Input> inputs) {}

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance sources(List<SourceView> sources, List<TypeOption> types, FetchView fetched);

        static native TemplateInstance form(SourceForm form, String problem);

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
        SourceFactory factory = factory(type);
        return Templates.form(
                new SourceForm(
                        null,
                        type,
                        factory.label(),
                        "",
                        null,
                        true,
                        ConfigForm.inputs(factory.configSpec(), Map.of(), null, null, false)),
                null);
    }

    @GET
    @Path("/{id}/edit")
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance edit(@PathParam("id") long id) {
        ConfiguredSource source = find(id);
        SourceFactory factory = factory(source.type);
        return Templates.form(
                new SourceForm(
                        id,
                        source.type,
                        factory.label(),
                        source.name,
                        null,
                        source.enabled,
                        ConfigForm.inputs(factory.configSpec(), source.config, null, null, true)),
                null);
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

    private Response save(Long id, Map<String, String> flat) {
        String type = flat.get("type");
        SourceFactory factory = factory(type);
        ConfigSpec spec = factory.configSpec();
        Map<String, String> saved = id == null ? Map.of() : find(id).config;
        Map<String, String> config = ConfigForm.posted(spec, flat, saved);
        String name = flat.getOrDefault("name", "").strip();
        boolean enabled = !"false".equals(flat.get("enabled"));
        try {
            if (name.isEmpty()) {
                throw new InvalidSourceException("name", "give the source a name");
            }
            SourceDefinition definition = new SourceDefinition(type, name, config, enabled);
            if (id == null) {
                catalog.create(definition);
            } else {
                catalog.update(id, definition);
            }
            return Response.seeOther(URI.create("/sources")).build();
        } catch (InvalidSourceException e) {
            boolean onName = "name".equals(e.field());
            boolean onField = spec.field(e.field() == null ? "" : e.field()).isPresent();
            SourceForm again = new SourceForm(
                    id,
                    type,
                    factory.label(),
                    name,
                    onName ? e.getMessage() : null,
                    enabled,
                    ConfigForm.inputs(spec, config, e.field(), e.getMessage(), id != null));
            return Response.status(400)
                    .entity(Templates.form(again, onName || onField ? null : e.getMessage()))
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

    private List<TypeOption> types() {
        return plugins.typeNames(PluginKind.SOURCE).stream()
                .map(type -> new TypeOption(
                        type,
                        plugins.sourceFactory(type).map(SourceFactory::label).orElse(type)))
                .toList();
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
