package io.vigil.web.ui;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.identity.SecurityIdentity;
import io.vigil.web.http.ProblemException;
import io.vigil.web.security.ApiToken;
import io.vigil.web.security.Tokens;
import jakarta.annotation.security.RolesAllowed;
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
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jboss.resteasy.reactive.RestForm;

/**
 * {@code /tokens}: the signed-in user's personal API tokens — make one (shown once; optionally read-only, optionally
 * ending by itself), see when each was used, revoke. Every user has their own, whatever their role.
 */
@Path("/tokens")
@RolesAllowed("viewer")
public class TokensPage {

    /** The expiries the form offers, in days; none means never. */
    static final List<Integer> EXPIRY_DAYS = List.of(7, 30, 90, 365);

    @Inject
    SecurityIdentity identity;

    @Inject
    Tokens tokens;

    /** A token as listed. */
    public record TokenView(
            long id,
            String name,
            String prefix,
            Instant createdAt,
            Instant lastUsedAt,
            Instant expiresAt,
            boolean readOnly,
            boolean revoked,
            boolean expired) {}

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance tokens(
                List<TokenView> tokens, List<Integer> expiries, String issued, String issuedName, String nameError);
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    @Transactional
    public TemplateInstance tokens() {
        return Templates.tokens(views(), EXPIRY_DAYS, null, null, null);
    }

    /** Makes a token; {@code expiresInDays} is one of the offered expiries or empty (never). */
    @POST
    @Produces(MediaType.TEXT_HTML)
    @Transactional
    public Response issue(@RestForm String name, @RestForm String expiresInDays, @RestForm boolean readOnly) {
        Instant expiresAt = null;
        if (expiresInDays != null && !expiresInDays.isBlank()) {
            try {
                int days = Integer.parseInt(expiresInDays.strip());
                if (!EXPIRY_DAYS.contains(days)) {
                    throw new NumberFormatException();
                }
                expiresAt = Instant.now().plus(Duration.ofDays(days));
            } catch (NumberFormatException e) {
                return Response.status(400)
                        .entity(Templates.tokens(
                                views(), EXPIRY_DAYS, null, null, "choose one of the offered expiries"))
                        .build();
            }
        }
        try {
            // checked first, outside the transaction's interceptors: a refusal must not roll back the page's reads
            Tokens.TokenSpec spec = Tokens.check(new Tokens.TokenSpec(name, expiresAt, readOnly));
            ApiToken.Issued issued = tokens.issue(identity, spec);
            return Response.ok(Templates.tokens(views(), EXPIRY_DAYS, issued.secret(), issued.token().name, null))
                    .header("Cache-Control", "no-store")
                    .build();
        } catch (ProblemException e) {
            return Response.status(400)
                    .entity(Templates.tokens(views(), EXPIRY_DAYS, null, null, e.getMessage()))
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
        Instant now = Instant.now();
        return tokens.of(identity).stream()
                .map(t -> new TokenView(
                        t.id,
                        t.name,
                        t.prefix,
                        t.createdAt,
                        t.lastUsedAt,
                        t.expiresAt,
                        t.readOnly,
                        t.revoked(),
                        t.expired(now)))
                .toList();
    }
}
