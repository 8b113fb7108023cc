package io.vigil.web.security;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.UsernamePasswordAuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Checks HTTP Basic credentials with {@link PasswordCheck}, on a worker thread (bcrypt is slow on purpose); a password
 * bcrypt accepted moments ago is recognised with one indexed read instead.
 */
@ApplicationScoped
public class PasswordIdentityProvider implements IdentityProvider<UsernamePasswordAuthenticationRequest> {

    @Inject
    PasswordCheck passwords;

    @Override
    public Class<UsernamePasswordAuthenticationRequest> getRequestType() {
        return UsernamePasswordAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(
            UsernamePasswordAuthenticationRequest request, AuthenticationRequestContext context) {
        String username = request.getUsername();
        String password = new String(request.getPassword().getPassword());
        String address = clientAddress(HttpSecurityUtils.getRoutingContextAttribute(request));
        return context.runBlocking(() -> switch (passwords.check(username, password, address, "basic", true)) {
            case PasswordCheck.Accepted accepted -> SignedIn.user(accepted.account(), SignedIn.Credential.PASSWORD);
            case PasswordCheck.Refused refused -> throw new AuthenticationFailedException(refused.reason());
        });
    }

    /** The client's address as Vigil sees it (the forwarded one behind a trusted proxy: quarkus.http.proxy.*). */
    static String clientAddress(RoutingContext routing) {
        if (routing == null || routing.request().remoteAddress() == null) {
            return "unknown";
        }
        return routing.request().remoteAddress().hostAddress();
    }
}
