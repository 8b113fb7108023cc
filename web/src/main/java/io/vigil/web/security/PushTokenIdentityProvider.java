package io.vigil.web.security;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vigil.engine.source.PushToken;
import io.vigil.web.http.DatabaseUnavailableException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * Resolves a source's push token to that source: one indexed read of {@code source.push_token_hash}. A token that
 * resolves to no source — unknown, replaced, revoked, empty or malformed — fails, and the request is refused with 401
 * whatever else it carries.
 */
@ApplicationScoped
public class PushTokenIdentityProvider implements IdentityProvider<PushTokenRequest> {

    static final String UNKNOWN = "the push token is unknown or was revoked";

    @Inject
    DataSource database;

    @Override
    public Class<PushTokenRequest> getRequestType() {
        return PushTokenRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(PushTokenRequest request, AuthenticationRequestContext context) {
        String token = request.token();
        if (!PushToken.looksLike(token)) {
            return Uni.createFrom().failure(new AuthenticationFailedException(UNKNOWN));
        }
        return context.runBlocking(() -> {
            try (Connection connection = database.getConnection();
                    PreparedStatement query =
                            connection.prepareStatement("select id, name from source where push_token_hash = ?")) {
                query.setString(1, PushToken.hash(token));
                try (ResultSet row = query.executeQuery()) {
                    if (!row.next()) {
                        throw new AuthenticationFailedException(UNKNOWN);
                    }
                    return SignedIn.pushToken(row.getLong(1), row.getString(2));
                }
            } catch (SQLException e) {
                throw new DatabaseUnavailableException(e);
            }
        });
    }
}
