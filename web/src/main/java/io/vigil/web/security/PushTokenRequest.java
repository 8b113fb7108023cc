package io.vigil.web.security;

import io.quarkus.security.identity.request.BaseAuthenticationRequest;

/** A source's push token a request carried, to be checked by {@link PushTokenIdentityProvider}. */
final class PushTokenRequest extends BaseAuthenticationRequest {

    private final String token;

    PushTokenRequest(String token) {
        this.token = token;
    }

    String token() {
        return token;
    }
}
