package io.vigil.web.security;

import io.quarkus.security.identity.SecurityIdentity;
import io.vigil.web.http.Page;
import io.vigil.web.http.ProblemException;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Instant;

/** {@code /api/tokens}: the signed-in user's personal API tokens; a new token's secret is in the answer, once. */
@Path("/api/tokens")
@Produces(MediaType.APPLICATION_JSON)
public class TokenResource {

    @Inject
    SecurityIdentity identity;

    @Inject
    Tokens tokens;

    /** What a client sends to make a token. */
    public record TokenRequest(String name) {}

    /** A token as listed: never the secret. */
    public record TokenJson(
            long id, String name, String prefix, Instant createdAt, Instant lastUsedAt, Instant revokedAt) {
        static TokenJson from(ApiToken token) {
            return new TokenJson(
                    token.id, token.name, token.prefix, token.createdAt, token.lastUsedAt, token.revokedAt);
        }
    }

    /** A token just made, with its secret — the only time it is shown. */
    public record IssuedJson(long id, String name, String prefix, Instant createdAt, String token) {}

    @GET
    @Transactional
    public Page<TokenJson> list() {
        var mine = tokens.of(identity).stream().map(TokenJson::from).toList();
        return new Page<>(mine, mine.size());
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Transactional
    public Response create(TokenRequest request) {
        if (request == null) {
            throw ProblemException.badRequest("expected a JSON object {name}");
        }
        ApiToken.Issued issued = tokens.issue(identity, request.name());
        ApiToken token = issued.token();
        return Response.created(URI.create("/api/tokens/" + token.id))
                .entity(new IssuedJson(token.id, token.name, token.prefix, token.createdAt, issued.secret()))
                .build();
    }

    @DELETE
    @Path("/{id}")
    @Transactional
    public Response revoke(@PathParam("id") long id) {
        if (!tokens.revoke(identity, id)) {
            throw ProblemException.notFound("no token " + id);
        }
        return Response.noContent().build();
    }
}
