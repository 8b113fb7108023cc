package io.vigil.web.security;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;

/** Checks a personal API token ({@code Bearer vgl_…}) against the stored hashes; revoked tokens fail. */
@ApplicationScoped
public class TokenIdentityProvider implements IdentityProvider<TokenAuthenticationRequest> {

    /** "Last used" is written at most this often per token, so a busy script does not write on every request. */
    static final Duration LAST_USED_PRECISION = Duration.ofMinutes(1);

    @Override
    public Class<TokenAuthenticationRequest> getRequestType() {
        return TokenAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(
            TokenAuthenticationRequest request, AuthenticationRequestContext context) {
        String secret = request.getToken().getToken();
        return context.runBlocking(() -> QuarkusTransaction.requiringNew().call(() -> {
            ApiToken token = ApiToken.live(secret)
                    .orElseThrow(() -> new AuthenticationFailedException("unknown or revoked API token"));
            Instant now = Instant.now();
            if (token.lastUsedAt == null || token.lastUsedAt.isBefore(now.minus(LAST_USED_PRECISION))) {
                token.lastUsedAt = now;
            }
            return SignedIn.identity(token.user);
        }));
    }
}
