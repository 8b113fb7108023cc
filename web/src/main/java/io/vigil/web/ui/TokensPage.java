package io.vigil.web.ui;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.identity.SecurityIdentity;
import io.vigil.web.http.ProblemException;
import io.vigil.web.security.ApiToken;
import io.vigil.web.security.Tokens;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import org.jboss.resteasy.reactive.RestForm;

/** {@code /tokens}: the signed-in user's personal API tokens — make one (shown once), see when each was used, revoke. */
@Path("/tokens")
public class TokensPage {

    @Inject
    SecurityIdentity identity;

    @Inject
    Tokens tokens;

    /** A token as listed. */
    public record TokenView(
            long id, String name, String prefix, Instant createdAt, Instant lastUsedAt, boolean revoked) {}

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance tokens(
                List<TokenView> tokens, String issued, String issuedName, String nameError);
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    @Transactional
    public TemplateInstance tokens() {
        return Templates.tokens(views(), null, null, null);
    }

    @POST
    @Produces(MediaType.TEXT_HTML)
    @Transactional
    public Response issue(@RestForm String name) {
        try {
            ApiToken.Issued issued = tokens.issue(identity, name);
            return Response.ok(Templates.tokens(views(), issued.secret(), issued.token().name, null))
                    .header("Cache-Control", "no-store")
                    .build();
        } catch (ProblemException e) {
            return Response.status(400)
                    .entity(Templates.tokens(views(), null, null, e.getMessage()))
                    .build();
        }
    }

    @POST
    @Path("/{id}/revoke")
    @Transactional
    public Response revoke(@PathParam("id") long id, @RestForm("_csrf") String csrf) {
        tokens.revoke(identity, id);
        return Response.seeOther(URI.create("/tokens")).build();
    }

    private List<TokenView> views() {
        return tokens.of(identity).stream()
                .map(t -> new TokenView(t.id, t.name, t.prefix, t.createdAt, t.lastUsedAt, t.revoked()))
                .toList();
    }
}
