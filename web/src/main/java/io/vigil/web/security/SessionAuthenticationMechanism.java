package io.vigil.web.security;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * Signs browsers in by their session cookie ({@value Sessions#COOKIE}, see {@link Sessions}) and sends a page request
 * without a live session to the login form, remembering the page it asked for ({@code /login?next=…}) so that a link
 * from a notification lands where it points after signing in.
 *
 * <p>A cookie that names no live session signs nobody in — the request goes on as anonymous, so the login page itself
 * still opens — and the response drops the dead cookie. Runs after {@link HeaderAuthenticationMechanism}: credentials in
 * the header win over a cookie.
 */
@ApplicationScoped
public class SessionAuthenticationMechanism implements HttpAuthenticationMechanism {

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identityProviderManager) {
        String cookie = SessionCookies.read(context, Sessions.COOKIE);
        if (cookie == null || cookie.isEmpty()) {
            return Uni.createFrom().nullItem();
        }
        SessionRequest request = new SessionRequest(cookie);
        HttpSecurityUtils.setRoutingContextAttribute(request, context);
        return identityProviderManager
                .authenticate(request)
                .onFailure(AuthenticationFailedException.class)
                .recoverWithItem(() -> {
                    SessionCookies.dropOn(context);
                    return null;
                });
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return Uni.createFrom().item(new ChallengeData(302, HttpHeaders.LOCATION.toString(), loginUrl(context)));
    }

    @Override
    public Uni<Boolean> sendChallenge(RoutingContext context) {
        context.response()
                .setStatusCode(302)
                .putHeader(HttpHeaders.LOCATION, loginUrl(context))
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
                .end();
        return Uni.createFrom().item(true);
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of(SessionRequest.class);
    }

    /**
     * Above Quarkus OIDC's code mechanism (which only ever runs on {@code /login/oidc}, {@link OidcSignIn}), so a page
     * asked for without a session goes to Vigil's login form, not straight to the identity provider; below
     * {@link HeaderAuthenticationMechanism}.
     */
    @Override
    public int getPriority() {
        return DEFAULT_PRIORITY + 500;
    }

    /** The login form, with the page to return to when it was a page read (a form post cannot be repeated). */
    static String loginUrl(RoutingContext context) {
        HttpMethod method = context.request().method();
        if (method != HttpMethod.GET && method != HttpMethod.HEAD) {
            return "/login";
        }
        String asked = context.request().uri();
        String next = ReturnTo.safe(asked);
        return next.equals("/") ? "/login" : "/login?next=" + URLEncoder.encode(next, StandardCharsets.UTF_8);
    }
}
