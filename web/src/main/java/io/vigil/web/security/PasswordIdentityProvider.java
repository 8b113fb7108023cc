package io.vigil.web.security;

import io.quarkus.narayana.jta.QuarkusTransaction;
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
 * Checks a username and password — from the login form or HTTP Basic — against the users table, with
 * {@link LoginThrottle} in front of it. Runs on a worker thread (bcrypt is slow on purpose); a password bcrypt accepted
 * moments ago is recognised without it ({@link VerifiedPasswords}).
 */
@ApplicationScoped
public class PasswordIdentityProvider implements IdentityProvider<UsernamePasswordAuthenticationRequest> {

    @Inject
    LoginThrottle throttle;

    @Inject
    FirstAdmin firstAdmin;

    @Inject
    VerifiedPasswords verifiedPasswords;

    @Override
    public Class<UsernamePasswordAuthenticationRequest> getRequestType() {
        return UsernamePasswordAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(
            UsernamePasswordAuthenticationRequest request, AuthenticationRequestContext context) {
        String username = request.getUsername();
        String password = new String(request.getPassword().getPassword());
        String address = clientAddress(request);
        return context.runBlocking(() -> {
            if (!throttle.allows(username, address)) {
                throw new AuthenticationFailedException("too many failed logins for " + username + "; wait a minute");
            }
            firstAdmin.ensureCreated();
            User user = QuarkusTransaction.requiringNew()
                    .call(() -> User.named(username).orElse(null));
            if (user != null && verifiedPasswords.recentlyAccepted(user, password)) {
                return SignedIn.identity(user);
            }
            if (user == null || !user.passwordMatches(password)) {
                throttle.failed(username, address);
                throw new AuthenticationFailedException("wrong username or password");
            }
            verifiedPasswords.accepted(user, password);
            throttle.succeeded(username, address);
            return SignedIn.identity(user);
        });
    }

    private static String clientAddress(UsernamePasswordAuthenticationRequest request) {
        RoutingContext routing = HttpSecurityUtils.getRoutingContextAttribute(request);
        if (routing == null || routing.request().remoteAddress() == null) {
            return "unknown";
        }
        return routing.request().remoteAddress().hostAddress();
    }
}
