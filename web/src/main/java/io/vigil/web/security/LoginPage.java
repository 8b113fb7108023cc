package io.vigil.web.security;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.ext.web.RoutingContext;
import io.vigil.web.audit.AuditLog;
import io.vigil.web.audit.AuditTarget;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.jboss.resteasy.reactive.RestForm;

/**
 * Signing in and out: the login form ({@code GET /login}), its post ({@code POST /login}, which opens a server-side
 * session, {@link Sessions}) and signing out ({@code POST /logout}, which ends it). The form carries its anti-forgery
 * token like every other ({@link CsrfFilters}), and the page to return to ({@code next}), so a link from a notification
 * lands where it points after signing in.
 */
@Path("/")
public class LoginPage {

    @Inject
    PasswordCheck passwords;

    @Inject
    Sessions sessions;

    @Inject
    AuditLog audit;

    @Inject
    SecurityIdentity identity;

    @Inject
    CurrentVertxRequest request;

    @Inject
    SignInMethods methods;

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance login(
                String next, String username, String problem, boolean local, String oidcProvider, String oidcUrl);
    }

    /** Why the form is shown again: the codes {@code error} may hold, and what the form then says. */
    enum Problem {
        WRONG("Wrong username or password."),
        LOCKED("Too many failed sign-ins just now: wait a minute and try again."),
        MISSING("Enter your username and your password.");

        final String message;

        Problem(String message) {
            this.message = message;
        }

        static String message(String code) {
            for (Problem problem : values()) {
                if (problem.name().equalsIgnoreCase(code)) {
                    return problem.message;
                }
            }
            return code == null ? null : WRONG.message;
        }
    }

    /** The form. Open to everyone: it is how one signs in; a signed-in user is sent on to where they were going. */
    @GET
    @Path("login")
    @Produces(MediaType.TEXT_HTML)
    @PermitAll
    public Response form(@QueryParam("next") String next, @QueryParam("error") String error) {
        String target = ReturnTo.safe(next);
        if (error == null && SignedIn.userId(identity).isPresent()) {
            return Response.seeOther(URI.create(target)).build();
        }
        String oidcUrl = "/login/oidc"
                + (target.equals("/") ? "" : "?next=" + URLEncoder.encode(target, StandardCharsets.UTF_8));
        return Response.ok(Templates.login(
                        target,
                        "",
                        Problem.message(error),
                        methods.localOpen(),
                        methods.oidcOpen() ? methods.providerName() : null,
                        oidcUrl))
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .build();
    }

    /**
     * Checks the username and password ({@link PasswordCheck}: throttled, the same cost for unknown usernames) and
     * opens a session. Open to everyone, like the form; the anti-forgery token is checked before this runs.
     */
    @POST
    @Path("login")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    @PermitAll
    public Response signIn(
            @RestForm String username,
            @RestForm String password,
            @RestForm String next,
            @RestForm(CsrfToken.FIELD) String csrf) {
        String target = ReturnTo.safe(next);
        if (username == null || username.isBlank() || password == null || password.isEmpty()) {
            return refused(Problem.MISSING, target);
        }
        RoutingContext routing = request.getCurrent();
        String address = PasswordIdentityProvider.clientAddress(routing);
        return switch (passwords.check(username, password, address, "form", false)) {
            case PasswordCheck.Refused refused -> refused(refused.lockedOut() ? Problem.LOCKED : Problem.WRONG, target);
            case PasswordCheck.Accepted accepted -> {
                Account account = accepted.account();
                Sessions.Opened opened =
                        sessions.open(account.id(), address, routing.request().getHeader(HttpHeaders.USER_AGENT));
                audit.record(
                        new AuditLog.Actor(account.username(), account.id(), address),
                        "session.sign-in",
                        AuditTarget.user(account.id(), account.username()),
                        null);
                SessionCookies.openOn(routing, opened.secret());
                yield Response.seeOther(URI.create(target))
                        .header(HttpHeaders.CACHE_CONTROL, "no-store")
                        .build();
            }
        };
    }

    /**
     * Ends the session the cookie names and shows the login form. Open to everyone: a browser whose session already
     * ended is simply sent to the form; the anti-forgery token is still required, so no other site can sign you out.
     */
    @POST
    @Path("logout")
    @PermitAll
    public Response logout(@RestForm(CsrfToken.FIELD) String csrf) {
        String session = SessionCookies.read(request.getCurrent(), Sessions.COOKIE);
        if (session != null) {
            sessions.end(session);
            SignedIn.userId(identity)
                    .ifPresent(id -> audit.record(
                            "session.sign-out",
                            AuditTarget.user(id, identity.getPrincipal().getName()),
                            null));
        }
        return Response.seeOther(URI.create("/login"))
                .header(
                        HttpHeaders.SET_COOKIE,
                        SessionCookies.dropped(SessionCookies.secure(request.getCurrent()))
                                .encode())
                .build();
    }

    private static Response refused(Problem problem, String target) {
        String location = "/login?error=" + problem.name().toLowerCase(java.util.Locale.ROOT)
                + (target.equals("/") ? "" : "&next=" + URLEncoder.encode(target, StandardCharsets.UTF_8));
        return Response.seeOther(URI.create(location)).build();
    }
}
