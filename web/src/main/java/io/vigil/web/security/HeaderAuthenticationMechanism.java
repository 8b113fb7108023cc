package io.vigil.web.security;

import io.quarkus.security.AuthenticationFailedException;
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
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vigil.engine.source.PushToken;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Authenticates requests that carry credentials in a header — a source's push token ({@code X-Vigil-Source-Token}, or
 * {@code Authorization: Bearer vps_…}), HTTP Basic, or a personal API token ({@code Bearer vgl_…}) — and answers
 * requests that need a user and have none with a 401 problem document when they are API calls or brought credentials.
 *
 * <p>A push token is judged first and alone: a request that carries one is that source's push or nothing, so a push
 * token that does not resolve is a 401 even when the request also carries a user's credentials. It runs before
 * {@link SessionAuthenticationMechanism} (higher priority), so a script never meets a login page; a page request
 * without credentials is sent to the login form by that mechanism. Browsers never get a Basic challenge (their requests
 * carry {@code Sec-Fetch-Mode}), so they do not cache Basic credentials that a cross-site form could then ride on.
 */
@ApplicationScoped
public class HeaderAuthenticationMechanism implements HttpAuthenticationMechanism {

    /** The routing-context key of why the credentials a request carried were refused, for the 401's detail. */
    static final String REFUSAL = "vigil.auth.refusal";

    private static final String BASIC = "basic ";
    private static final String BEARER = "bearer ";

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identityProviderManager) {
        List<String> authorizations = context.request().headers().getAll(HttpHeaders.AUTHORIZATION);
        Optional<String> pushToken =
                PushToken.carried(authorizations, context.request().getHeader(PushToken.HEADER));
        if (pushToken.isPresent()) {
            return authenticate(new PushTokenRequest(pushToken.get()), context, identityProviderManager);
        }
        // The first Authorization header that holds credentials Vigil knows counts; others (a foreign bearer token)
        // are left to whoever reads them.
        for (String header : authorizations) {
            AuthenticationRequest request = credentials(header);
            if (request != null) {
                return authenticate(request, context, identityProviderManager);
            }
        }
        return Uni.createFrom().nullItem();
    }

    private static Uni<SecurityIdentity> authenticate(
            AuthenticationRequest request, RoutingContext context, IdentityProviderManager identityProviderManager) {
        HttpSecurityUtils.setRoutingContextAttribute(request, context);
        return identityProviderManager.authenticate(request).onFailure().invoke(failure -> {
            if (failure instanceof AuthenticationFailedException refused && refused.getMessage() != null) {
                context.put(REFUSAL, refused.getMessage());
            }
        });
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
        if (!answersWith401(context)) {
            return Uni.createFrom().nullItem();
        }
        return Uni.createFrom().item(new ChallengeData(401, "WWW-Authenticate", challenge(context)));
    }

    @Override
    public Uni<Boolean> sendChallenge(RoutingContext context) {
        if (!answersWith401(context)) {
            return Uni.createFrom().item(false);
        }
        String refusal = context.get(REFUSAL);
        String detail =
                refusal != null ? refusal : "sign in with HTTP Basic or an API token (Authorization: Bearer vgl_…)";
        String body = new JsonObject()
                .put("type", "about:blank")
                .put("title", "Unauthorized")
                .put("status", 401)
                .put("detail", detail)
                .encode();
        context.response()
                .setStatusCode(401)
                .putHeader("WWW-Authenticate", challenge(context))
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/problem+json")
                .end(body);
        return Uni.createFrom().item(true);
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of(
                UsernamePasswordAuthenticationRequest.class, TokenAuthenticationRequest.class, PushTokenRequest.class);
    }

    @Override
    public int getPriority() {
        return DEFAULT_PRIORITY + 1000;
    }

    /**
     * Whether a refusal is a 401 rather than the login page: for the API (and Quarkus' own endpoints), however its path
     * is spelled, and for any request that brought header credentials — a script with a wrong password must not be
     * handed a login form.
     */
    static boolean answersWith401(RoutingContext context) {
        if (context.get(REFUSAL) != null
                || context.request().getHeader(PushToken.HEADER) != null
                || context.request().getHeader(HttpHeaders.AUTHORIZATION) != null) {
            return true;
        }
        String path = RequestPaths.canonical(context.request().path());
        return path.equals("/api") || path.startsWith("/api/") || path.startsWith("/q/");
    }

    private static String challenge(RoutingContext context) {
        return context.request().getHeader("Sec-Fetch-Mode") == null
                ? "Basic realm=\"Vigil\""
                : "Bearer realm=\"Vigil\"";
    }
}
