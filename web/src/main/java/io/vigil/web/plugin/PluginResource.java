package io.vigil.web.plugin;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.vigil.engine.plugin.InstalledType;
import io.vigil.engine.plugin.PluginRegistry;
import io.vigil.spi.PluginKind;
import io.vigil.spi.config.ConfigField;
import io.vigil.spi.source.SourceFactory;
import io.vigil.web.http.Problem;
import io.vigil.web.http.ProblemException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * {@code /api/plugins}: every installed source, rule and notifier type with the configuration form it asks for, and
 * the third-party plugins that could not be installed, with the reason.
 */
@Path("/api/plugins")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("viewer")
public class PluginResource {

    @Inject
    PluginRegistry plugins;

    /**
     * One configuration field, from which a client draws a form input.
     *
     * @param credentialUrl whether the URL is a credential in itself, shown whole to admins only
     */
    public record FieldJson(
            String name,
            String label,
            String type,
            boolean required,
            @JsonProperty("default") String defaultValue,
            String help,
            boolean secret,
            List<String> options,
            boolean credentialUrl) {

        static FieldJson from(ConfigField field) {
            return new FieldJson(
                    field.name(),
                    field.label(),
                    field.type().name().toLowerCase(Locale.ROOT),
                    field.required(),
                    field.defaultValue(),
                    field.help(),
                    field.secret(),
                    field.options(),
                    field.credentialUrl());
        }
    }

    /**
     * One installed type.
     *
     * @param origin {@code built-in}, or the plugin folder it was loaded from
     * @param defaultIntervalSeconds how often a new source of the type is fetched unless set; {@code null} for rule
     *     and notifier types
     * @param addressField the config field holding the address the type reaches, or {@code null}
     */
    public record PluginTypeJson(
            String kind,
            String type,
            String label,
            String description,
            String origin,
            Long defaultIntervalSeconds,
            String addressField,
            List<FieldJson> config) {

        static PluginTypeJson from(InstalledType installed) {
            return new PluginTypeJson(
                    installed.kind().label(),
                    installed.factory().type(),
                    installed.factory().label(),
                    installed.factory().description(),
                    installed.origin(),
                    installed.factory() instanceof SourceFactory source
                            ? source.defaultFetchInterval().toSeconds()
                            : null,
                    installed.factory().addressField().orElse(null),
                    installed.factory().configSpec().fields().stream()
                            .map(FieldJson::from)
                            .toList());
        }
    }

    /** The installed types, and the plugins left out at start-up with the reason. */
    public record PluginsJson(List<PluginTypeJson> items, long total, List<String> problems) {}

    /** Every installed type, by kind then type name; {@code ?kind=source} (or rule, notifier) narrows the list. */
    @GET
    public PluginsJson list(@QueryParam("kind") String kind) {
        PluginKind only = kind == null || kind.isBlank() ? null : kind(kind);
        List<PluginTypeJson> items = plugins.all().stream()
                .filter(installed -> only == null || installed.kind() == only)
                .map(PluginTypeJson::from)
                .toList();
        return new PluginsJson(items, items.size(), plugins.problems());
    }

    @GET
    @Path("/{kind}/{type}")
    public PluginTypeJson get(@PathParam("kind") String kind, @PathParam("type") String type) {
        PluginKind wanted = kind(kind);
        return plugins.all().stream()
                .filter(installed ->
                        installed.kind() == wanted && installed.factory().type().equals(type))
                .findFirst()
                .map(PluginTypeJson::from)
                .orElseThrow(() -> ProblemException.notFound("no " + wanted.label() + " type '" + type
                        + "' is installed (installed: " + String.join(", ", plugins.typeNames(wanted)) + ")"));
    }

    private static PluginKind kind(String label) {
        return Arrays.stream(PluginKind.values())
                .filter(k -> k.label().equals(label.strip().toLowerCase(Locale.ROOT)))
                .findFirst()
                .orElseThrow(() -> new ProblemException(
                        Problem.of(400, "Bad Request", "kind must be source, rule or notifier, not '" + label + "'")
                                .withField("kind")));
    }
}
