package io.vigil.web.security;

import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vigil.web.http.Problem;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import java.util.Set;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;
import org.jboss.resteasy.reactive.server.SimpleResourceInfo;
import org.jboss.resteasy.reactive.server.core.CurrentRequestManager;
import org.jboss.resteasy.reactive.server.core.ResteasyReactiveRequestContext;

/**
 * Refuses a state-changing request (POST, PUT, PATCH, DELETE) that relies on the session cookie unless it repeats the
 * {@link CsrfToken} — its session's, for a request signed in by one; answers 403. Requests signed in by credentials in a header (HTTP Basic, API tokens, push tokens)
 * need no token: a browser never adds that header to a cross-site request by itself. What counts is the credential that
 * signed the request in, not the headers present: a request with a session cookie and an {@code Authorization} header
 * Vigil does not take (a foreign bearer token, malformed Basic) is signed in by its cookie, and needs the token.
 *
 * <p>Such a request is also refused when the browser says it came from another origin's page ({@link PageOrigin}:
 * {@code Sec-Fetch-Site}, or an {@code Origin} that is not Vigil's). The token alone does not stop a page on a sibling
 * host ({@code intranet.example.org} beside {@code vigil.example.org}): it is the same site, so the
 * {@code SameSite=Strict} cookies go with its form, and it may set a {@value CsrfToken#COOKIE} cookie of its choosing
 * for the parent domain (cookie tossing) and repeat that value in the form. Against a signed-in browser that pair is
 * worthless anyway (its token is bound to its session); this check also keeps such a page from posting the login form,
 * whose token is the cookie's. A browser that sends neither header is judged by the token alone.
 */
public class CsrfFilters {

    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");

    @Inject
    CsrfToken token;

    @Inject
    SecurityIdentity identity;

    @Inject
    CurrentVertxRequest vertxRequest;

    @Inject
    PageOrigin pageOrigin;

    @ServerRequestFilter(readBody = true)
    public Optional<Response> check(ContainerRequestContext request, SimpleResourceInfo resource) {
        token.load(
                SessionCookies.read(vertxRequest.getCurrent(), CsrfToken.COOKIE),
                identity.getAttribute(SignedIn.SESSION_CSRF));
        if (SAFE_METHODS.contains(request.getMethod())) {
            token.value(); // a page read now hands the browser its token for the forms that follow
            return Optional.empty();
        }
        if (signedInByHeader()
                || (resource != null && resource.getResourceClass().isAnnotationPresent(CsrfExempt.class))) {
            return Optional.empty();
        }
        Optional<String> foreign = pageOrigin.foreignPage(vertxRequest.getCurrent());
        if (foreign.isPresent()) {
            return Optional.of(refusal(request, foreign.get()));
        }
        String sent = request.getHeaderString(CsrfToken.HEADER);
        if (sent == null && isForm(request.getMediaType())) {
            ResteasyReactiveRequestContext context = CurrentRequestManager.get();
            Object field = context == null ? null : context.getFormParameter(CsrfToken.FIELD, true, false);
            sent = field == null ? null : field.toString();
        }
        if (token.matches(sent)) {
            return Optional.empty();
        }
        return Optional.of(refusal(
                request, "this form did not come from a Vigil page, or it expired: reload the page and try again"));
    }

    private static Response refusal(ContainerRequestContext request, String detail) {
        if (request.getUriInfo().getPath().startsWith("/api")) {
            return Problem.of(403, "Forbidden", detail).toResponse();
        }
        return Response.status(403)
                .type(MediaType.TEXT_PLAIN_TYPE.withCharset("UTF-8"))
                .entity("Refused: " + detail + ".")
                .build();
    }

    @ServerResponseFilter
    public void issue(ContainerRequestContext request, ContainerResponseContext response) {
        if (token.issued()) {
            boolean secure = SessionCookies.secure(vertxRequest.getCurrent());
            response.getHeaders()
                    .add(
                            HttpHeaders.SET_COOKIE,
                            new NewCookie.Builder(SessionCookies.name(CsrfToken.COOKIE, secure))
                                    .value(token.value())
                                    .path("/")
                                    .httpOnly(true)
                                    .secure(secure)
                                    .sameSite(NewCookie.SameSite.STRICT)
                                    .build());
        }
    }

    /** Whether the request was signed in by a credential it carried in a header, which no other site can make it send. */
    private boolean signedInByHeader() {
        Object credential = identity.getAttribute(SignedIn.CREDENTIAL);
        return credential == SignedIn.Credential.PASSWORD
                || credential == SignedIn.Credential.API_TOKEN
                || credential == SignedIn.Credential.PUSH_TOKEN;
    }

    private static boolean isForm(MediaType type) {
        return type != null
                && (MediaType.APPLICATION_FORM_URLENCODED_TYPE.isCompatible(type)
                        || MediaType.MULTIPART_FORM_DATA_TYPE.isCompatible(type));
    }
}
