package io.vigil.web.security;

import io.quarkus.security.identity.SecurityIdentity;
import io.vigil.web.http.Page;
import io.vigil.web.http.Problem;
import io.vigil.web.http.ProblemException;
import jakarta.annotation.security.RolesAllowed;
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
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * {@code /api/tokens}: the signed-in user's personal API tokens; a new token's secret is in the answer, once. Every
 * user has their own, whatever their role: a token acts with its owner's role.
 */
@Path("/api/tokens")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("viewer")
public class TokenResource {

    @Inject
    SecurityIdentity identity;

    @Inject
    Tokens tokens;

    /**
     * What a client sends to make a token.
     *
     * @param expiresAt an ISO-8601 date-time when it stops working by itself; left out, never
     * @param readOnly whether it may only read (refused every write with 403)
     */
    public record TokenRequest(String name, String expiresAt, Boolean readOnly) {}

    /** A token as listed: never the secret. */
    public record TokenJson(
            long id,
            String name,
            String prefix,
            Instant createdAt,
            Instant lastUsedAt,
            Instant revokedAt,
            Instant expiresAt,
            boolean readOnly) {
        static TokenJson from(ApiToken token) {
            return new TokenJson(
                    token.id,
                    token.name,
                    token.prefix,
                    token.createdAt,
                    token.lastUsedAt,
                    token.revokedAt,
                    token.expiresAt,
                    token.readOnly);
        }
    }

    /** A token just made, with its secret — the only time it is shown. */
    public record IssuedJson(
            long id,
            String name,
            String prefix,
            Instant createdAt,
            Instant expiresAt,
            boolean readOnly,
            String token) {}

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
        SignedIn.requirePersonFor(identity, "API tokens");
        if (request == null) {
            throw ProblemException.badRequest("expected a JSON object {name, expiresAt?, readOnly?}");
        }
        ApiToken.Issued issued = tokens.issue(
                identity,
                new Tokens.TokenSpec(
                        request.name(), expiresAt(request.expiresAt()), Boolean.TRUE.equals(request.readOnly())));
        ApiToken token = issued.token();
        return Response.created(URI.create("/api/tokens/" + token.id))
                .entity(new IssuedJson(
                        token.id,
                        token.name,
                        token.prefix,
                        token.createdAt,
                        token.expiresAt,
                        token.readOnly,
                        issued.secret()))
                .header("Cache-Control", "no-store")
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

    static Instant expiresAt(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value.strip()).toInstant();
        } catch (DateTimeParseException e) {
            throw new ProblemException(Problem.of(
                            400,
                            "Bad Request",
                            "expiresAt must be an ISO-8601 date-time such as 2027-01-31T12:00:00Z, not '" + value + "'")
                    .withField("expiresAt"));
        }
    }
}
