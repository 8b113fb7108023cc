package io.vigil.web.security;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Restores the user of a sign-in session from PostgreSQL ({@link Sessions}): one indexed read that also reads the
 * user's current role, so a changed role takes effect on the next request. An ended or unknown session fails, and the
 * browser is treated as signed out.
 */
@ApplicationScoped
public class SessionIdentityProvider implements IdentityProvider<SessionRequest> {

    @Inject
    Sessions sessions;

    @Override
    public Class<SessionRequest> getRequestType() {
        return SessionRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(SessionRequest request, AuthenticationRequestContext context) {
        return context.runBlocking(() -> sessions.resolve(request.secret())
                .map(live -> SignedIn.builder(live.account(), SignedIn.Credential.SESSION)
                        .addAttribute(SignedIn.SESSION_ID, live.id())
                        .addAttribute(SignedIn.SESSION_CSRF, CsrfToken.forSession(request.secret()))
                        .build())
                .orElseThrow(() -> new AuthenticationFailedException("the session ended or never existed")));
    }
}
