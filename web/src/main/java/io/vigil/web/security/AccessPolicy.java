package io.vigil.web.security;

import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.HttpSecurityPolicy;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Set;

/**
 * Who may do what, for the API and the pages alike: reading needs a signed-in user; changing sources, channels,
 * notifications and users needs an admin; any other change (rules, alerts, silences, pushed articles) an analyst.
 * A rule preview and one's own API tokens are open to every signed-in user; a push with a source's push token needs
 * no user (the ingest resource checks the token).
 *
 * <p>Named {@code vigil-access} for {@code quarkus.http.auth.permission.*.policy}. An anonymous request is denied, which
 * asks for credentials (401 or the login page); a signed-in user without the role gets 403.
 */
@ApplicationScoped
public class AccessPolicy implements HttpSecurityPolicy {

    /** A source's push token (io.vigil.engine.source.PushToken): its own header, or a bearer token with this prefix. */
    static final String PUSH_TOKEN_HEADER = "X-Vigil-Source-Token";

    static final String PUSH_TOKEN_PREFIX = "vps_";

    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");

    private static final List<String> ADMIN_PATHS = List.of(
            "/api/sources",
            "/api/channels",
            "/api/notifications",
            "/api/plugins",
            "/api/users",
            "/sources",
            "/channels",
            "/users");

    private static final List<String> EVERYONE_PATHS = List.of(
            "/api/rules/preview", "/rules/preview", "/rules/check", "/tokens", "/api/tokens", "/account", "/logout");

    @Override
    public Uni<CheckResult> checkPermission(
            RoutingContext request, Uni<SecurityIdentity> identity, AuthorizationRequestContext requestContext) {
        if (carriesPushToken(request)) {
            // the ingest resource checks a source's push token itself and refuses an unknown one with 401
            return Uni.createFrom().item(CheckResult.PERMIT);
        }
        String needed = requiredRole(request.request().method().name(), request.normalizedPath());
        return identity.map(
                user -> user.isAnonymous() || !user.hasRole(needed) ? CheckResult.DENY : CheckResult.PERMIT);
    }

    @Override
    public String name() {
        return "vigil-access";
    }

    /** The role a request needs: {@code viewer}, {@code analyst} or {@code admin}. */
    static String requiredRole(String method, String path) {
        if (SAFE_METHODS.contains(method) || under(path, EVERYONE_PATHS)) {
            return Role.VIEWER.id();
        }
        return under(path, ADMIN_PATHS) ? Role.ADMIN.id() : Role.ANALYST.id();
    }

    /** Whether the request pushes to {@code /api/ingest} with a source's push token ({@code vps_…}). */
    static boolean carriesPushToken(RoutingContext request) {
        if (!request.normalizedPath().equals("/api/ingest")) {
            return false;
        }
        String authorization = request.request().getHeader("Authorization");
        return request.request().getHeader(PUSH_TOKEN_HEADER) != null
                || (authorization != null
                        && authorization.regionMatches(true, 0, "Bearer " + PUSH_TOKEN_PREFIX, 0, 11));
    }

    private static boolean under(String path, List<String> prefixes) {
        return prefixes.stream().anyMatch(prefix -> path.equals(prefix) || path.startsWith(prefix + "/"));
    }
}
