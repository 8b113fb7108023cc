package io.vigil.web.ui;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.vigil.engine.plugin.InstalledType;
import io.vigil.engine.plugin.PluginRegistry;
import io.vigil.spi.SpiVersion;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/**
 * {@code /plugins}: the installed source, rule and notifier types with where each came from, and the plugins left out
 * at start-up with the reason (a wrong SPI version, a clash, a plugin that failed to load). Admins only: it is what an
 * administrator checks after installing a plugin.
 */
@Path("/plugins")
@RolesAllowed("admin")
public class PluginsPage {

    @Inject
    PluginRegistry plugins;

    /** One installed type. */
    public record TypeView(String kind, String type, String label, String origin, String className) {}

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance plugins(List<TypeView> types, List<String> problems, String spiVersion);
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance plugins() {
        List<TypeView> types = plugins.all().stream().map(PluginsPage::view).toList();
        return Templates.plugins(types, plugins.problems(), SpiVersion.CURRENT);
    }

    private static TypeView view(InstalledType installed) {
        return new TypeView(
                installed.kind().label(),
                installed.factory().type(),
                installed.factory().label(),
                installed.origin(),
                installed.factory().getClass().getName());
    }
}
