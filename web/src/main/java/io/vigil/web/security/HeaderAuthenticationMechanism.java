package io.vigil.web.security;

import io.quarkus.security.credential.PasswordCredential;
import io.quarkus.security.credential.TokenCredential;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.security.identity.request.UsernamePasswordAuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Set;

/**
 * Authenticates requests that carry credentials in the {@code Authorization} header — HTTP Basic or a personal API
 * token ({@code Bearer vgl_…}) — and answers unauthenticated API requests with a 401 problem document.
 *
 * <p>It runs before the form login (higher priority), so a script never meets a login page; requests without the header
 * fall through to the form login's session cookie, and page requests without a session are sent to the login page.
 * Browsers never get a Basic challenge (their requests carry {@code Sec-Fetch-Mode}), so they do not cache Basic
 * credentials that a cross-site form could then ride on.
 */
@ApplicationScoped
public class HeaderAuthenticationMechanism implements HttpAuthenticationMechanism {

    private static final String BASIC = "basic ";
    private static final String BEARER = "bearer ";

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identityProviderManager) {
        // The first Authorization header that holds credentials Vigil knows counts; others (a foreign bearer token)
        // are left to whoever reads them.
        for (String header : context.request().headers().getAll(HttpHeaders.AUTHORIZATION)) {
            AuthenticationRequest request = credentials(header);
            if (request != null) {
                HttpSecurityUtils.setRoutingContextAttribute(request, context);
                return identityProviderManager.authenticate(request);
            }
        }
        return Uni.createFrom().nullItem();
    }

    /** The credentials in one Authorization header value, or null when it holds none Vigil knows. */
    static AuthenticationRequest credentials(String header) {
        if (header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            String token = header.substring(BEARER.length()).trim();
            return token.startsWith(ApiToken.PREFIX)
                    ? new TokenAuthenticationRequest(new TokenCredential(token, "bearer"))
                    : null;
        }
        if (!header.regionMatches(true, 0, BASIC, 0, BASIC.length())) {
            return null;
        }
        String decoded;
        try {
            decoded = new String(
                    Base64.getDecoder().decode(header.substring(BASIC.length()).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException notBase64) {
            return null;
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            return null;
        }
        return new UsernamePasswordAuthenticationRequest(
                decoded.substring(0, colon),
                new PasswordCredential(decoded.substring(colon + 1).toCharArray()));
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        if (!isApi(context)) {
            return Uni.createFrom().nullItem();
        }
        return Uni.createFrom().item(new ChallengeData(401, "WWW-Authenticate", challenge(context)));
    }

    @Override
    public Uni<Boolean> sendChallenge(RoutingContext context) {
        if (!isApi(context)) {
            return Uni.createFrom().item(false);
        }
        String body =
                """
                {"type":"about:blank","title":"Unauthorized","status":401,\
                "detail":"sign in with HTTP Basic or an API token (Authorization: Bearer vgl_…)"}""";
        context.response()
                .setStatusCode(401)
                .putHeader("WWW-Authenticate", challenge(context))
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/problem+json")
                .end(body);
        return Uni.createFrom().item(true);
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of(UsernamePasswordAuthenticationRequest.class, TokenAuthenticationRequest.class);
    }

    @Override
    public int getPriority() {
        return DEFAULT_PRIORITY + 1000;
    }

    /** Whether the request is for the API (or Quarkus' own endpoints), which answer 401 rather than a login page. */
    static boolean isApi(RoutingContext context) {
        String path = context.normalizedPath();
        return path.startsWith("/api/") || path.equals("/api") || path.startsWith("/q/");
    }

    private static String challenge(RoutingContext context) {
        return context.request().getHeader("Sec-Fetch-Mode") == null
                ? "Basic realm=\"Vigil\""
                : "Bearer realm=\"Vigil\"";
    }
}
