package io.vigil.web.security;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.credential.TokenCredential;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.smallrye.mutiny.Uni;
import io.vigil.web.http.DatabaseUnavailableException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * Checks a personal API token ({@code Bearer vgl_…}): one indexed read of its hash that also reads its owner's current
 * role. Revoked and expired tokens fail at once, on every instance, because nothing is cached. "Last used" is written
 * at most once a minute per token, so a busy script does not write on every request.
 */
@ApplicationScoped
public class TokenIdentityProvider implements IdentityProvider<TokenAuthenticationRequest> {

    static final String UNKNOWN = "the API token is unknown, expired or revoked";

    @Inject
    DataSource database;

    @Override
    public Class<TokenAuthenticationRequest> getRequestType() {
        return TokenAuthenticationRequest.class;
    }

    /**
     * Before Quarkus OIDC's provider (priority 0), which takes the same kind of request: a Vigil API token is answered
     * here and never handed to OIDC as a would-be JWT; the tokens OIDC itself obtained pass on to it.
     */
    @Override
    public int priority() {
        return 100;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(
            TokenAuthenticationRequest request, AuthenticationRequestContext context) {
        if (request.getToken().getClass() != TokenCredential.class) {
            // an ID or access token Quarkus OIDC obtained (OidcSignIn): its own identity provider checks it
            return Uni.createFrom().nullItem();
        }
        String secret = request.getToken().getToken();
        if (!TokenSecrets.wellFormed(secret, ApiToken.PREFIX)) {
            return Uni.createFrom().failure(new AuthenticationFailedException(UNKNOWN));
        }
        String sql =
                """
                select t.id, t.read_only, t.last_used_at is null or t.last_used_at < now() - interval '1 minute',
                       u.id, u.username, u.role
                from api_token t join users u on u.id = t.user_id
                where t.token_hash = ? and t.revoked_at is null and (t.expires_at is null or t.expires_at > now())
                """;
        return context.runBlocking(() -> {
            try (Connection connection = database.getConnection();
                    PreparedStatement query = connection.prepareStatement(sql)) {
                query.setString(1, TokenSecrets.hash(secret));
                try (ResultSet row = query.executeQuery()) {
                    if (!row.next()) {
                        throw new AuthenticationFailedException(UNKNOWN);
                    }
                    long tokenId = row.getLong(1);
                    boolean readOnly = row.getBoolean(2);
                    if (row.getBoolean(3)) {
                        try (PreparedStatement touch =
                                connection.prepareStatement("update api_token set last_used_at = now() where id = ?")) {
                            touch.setLong(1, tokenId);
                            touch.executeUpdate();
                        }
                    }
                    Account account = new Account(row.getLong(4), row.getString(5), Role.of(row.getString(6)));
                    return SignedIn.builder(account, SignedIn.Credential.API_TOKEN)
                            .addAttribute(SignedIn.READ_ONLY, readOnly)
                            .build();
                }
            } catch (SQLException e) {
                throw new DatabaseUnavailableException(e);
            }
        });
    }
}
