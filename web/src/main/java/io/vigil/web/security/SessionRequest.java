package io.vigil.web.security;

import io.quarkus.security.identity.request.BaseAuthenticationRequest;

/** The session cookie a browser sent, to be checked by {@link SessionIdentityProvider}. */
final class SessionRequest extends BaseAuthenticationRequest {

    private final String secret;

    SessionRequest(String secret) {
        this.secret = secret;
    }

    String secret() {
        return secret;
    }
}
