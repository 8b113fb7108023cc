package io.vigil.web.audit;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.vigil.web.http.Page;
import io.vigil.web.http.Paging;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** {@code /audit}: the audit log for admins, newest first, filtered by who, what and what kind of thing. */
@Path("/audit")
@RolesAllowed("admin")
public class AuditPage {

    static final int SHOWN = 50;

    /** The kinds of things the filter offers. */
    static final List<String> KINDS = List.of("rule", "channel", "source", "silence", "user", "token", "notification");

    @Inject
    AuditLog audit;

    /**
     * The page's state.
     *
     * @param newer the link to the newer events, or null on the first page
     * @param older the link to the older events, or null on the last page
     */
    public record AuditView(
            Page<AuditEvent> events,
            String actor,
            String action,
            String target,
            List<String> kinds,
            String newer,
            String older) {}

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance audit(AuditView view);
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance page(
            @QueryParam("actor") String actor,
            @QueryParam("action") String action,
            @QueryParam("target") String target,
            @QueryParam("offset") Integer offset) {
        int from = offset == null || offset < 0 ? 0 : offset;
        AuditLog.Filter filter = AuditResource.filter(actor, action, target, null, null, null);
        Page<AuditEvent> events = audit.find(filter, new Paging(SHOWN, from));
        String query = "actor=" + encode(actor) + "&action=" + encode(action) + "&target=" + encode(target);
        String newer = from == 0 ? null : "/audit?" + query + "&offset=" + Math.max(0, from - SHOWN);
        String older = from + SHOWN >= events.total() ? null : "/audit?" + query + "&offset=" + (from + SHOWN);
        return Templates.audit(new AuditView(events, value(actor), value(action), value(target), KINDS, newer, older));
    }

    private static String value(String parameter) {
        return parameter == null ? "" : parameter.strip();
    }

    private static String encode(String parameter) {
        return URLEncoder.encode(value(parameter), StandardCharsets.UTF_8);
    }
}
