package io.vigil.web.security;

import io.vertx.ext.web.RoutingContext;
import io.vigil.web.http.Problem;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.Arrays;
import java.util.Optional;
import org.jboss.resteasy.reactive.server.SimpleResourceInfo;

/**
 * How an endpoint's declared role refuses a caller, once routing found the endpoint: a caller who is not signed in gets
 * a 401 problem document from the API (and whenever they sent credentials) or the login form for a page; a caller
 * whose role is too low gets 403 saying which role the endpoint needs.
 */
public final class Refusals {

    private Refusals() {}

    /** The answer to a caller who is not signed in. */
    public static Response notSignedIn(RoutingContext context) {
        if (context != null && !HeaderAuthenticationMechanism.answersWith401(context)) {
            return Response.status(302)
                    .location(URI.create(SessionAuthenticationMechanism.loginUrl(context)))
                    .header(HttpHeaders.CACHE_CONTROL, "no-store")
                    .build();
        }
        String refusal = context == null ? null : context.get(HeaderAuthenticationMechanism.REFUSAL);
        return Response.fromResponse(Problem.of(
                                401,
                                "Unauthorized",
                                refusal != null
                                        ? refusal
                                        : "sign in with HTTP Basic or an API token (Authorization: Bearer vgl_…)")
                        .toResponse())
                .header(
                        "WWW-Authenticate",
                        context != null && context.request().getHeader("Sec-Fetch-Mode") != null
                                ? "Bearer realm=\"Vigil\""
                                : "Basic realm=\"Vigil\"")
                .build();
    }

    /** The answer to a signed-in caller whose role does not reach the endpoint's. */
    public static Response roleTooLow(RoutingContext context, SimpleResourceInfo endpoint, String callerRole) {
        String needed = neededRole(endpoint).orElse(null);
        String detail = needed == null
                ? "you may not do this"
                : callerRole == null
                        ? "this needs the " + needed + " role"
                        : "this needs the " + needed + " role; you are " + article(callerRole) + " " + callerRole;
        boolean api = context == null || HeaderAuthenticationMechanism.answersWith401(context);
        if (api) {
            return Problem.of(403, "Forbidden", detail).toResponse();
        }
        return Response.status(403)
                .type(MediaType.TEXT_PLAIN_TYPE.withCharset("UTF-8"))
                .entity("Forbidden: " + detail + ".")
                .build();
    }

    /**
     * Whether a refusal of this request is a problem document (the API, or a request with header credentials) rather
     * than words for a page.
     */
    public static boolean forTheApi(RoutingContext context) {
        return context == null || HeaderAuthenticationMechanism.answersWith401(context);
    }

    /** The least of the user roles an endpoint declares, when it declares any. */
    static Optional<String> neededRole(SimpleResourceInfo endpoint) {
        if (endpoint == null || endpoint.getResourceClass() == null) {
            return Optional.empty(); // a route outside the REST layer (/q/…), refused by its HTTP permission
        }
        RolesAllowed declared = null;
        try {
            declared = endpoint.getResourceClass()
                    .getMethod(endpoint.getMethodName(), endpoint.parameterTypes())
                    .getAnnotation(RolesAllowed.class);
        } catch (NoSuchMethodException e) {
            // a method of a superclass or an interface: the class's declaration applies
        }
        if (declared == null) {
            declared = endpoint.getResourceClass().getAnnotation(RolesAllowed.class);
        }
        if (declared == null) {
            return Optional.empty();
        }
        return Arrays.stream(declared.value())
                .flatMap(id ->
                        Arrays.stream(Role.values()).filter(role -> role.id().equals(id)))
                .min(Enum::compareTo)
                .map(Role::id);
    }

    private static String article(String role) {
        return role.startsWith("a") ? "an" : "a";
    }
}
