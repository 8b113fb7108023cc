package io.vigil.web.ui;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.ext.web.RoutingContext;
import io.vigil.web.security.AccountChanges;
import io.vigil.web.security.CsrfToken;
import io.vigil.web.security.PasswordCheck;
import io.vigil.web.security.PasswordRules;
import io.vigil.web.security.SessionCookies;
import io.vigil.web.security.Sessions;
import io.vigil.web.security.SignedIn;
import io.vigil.web.security.User;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import org.jboss.resteasy.reactive.RestForm;

/**
 * {@code /account}: the signed-in user's sessions and password. They change their password by proving they know the
 * current one (a session left open on a shared screen must not be enough to take the account over; the check is
 * throttled like a sign-in), which ends all their sessions but this one's successor; and they sign out everywhere.
 */
@Path("/account")
@RolesAllowed("viewer")
public class AccountPage {

    @Inject
    SecurityIdentity identity;

    @Inject
    CsrfToken csrfToken;

    @Inject
    PasswordCheck passwords;

    @Inject
    AccountChanges changes;

    @Inject
    Sessions sessions;

    @Inject
    CurrentVertxRequest request;

    /** What the password form shows: a field's problem, or that the change is done. */
    public record PasswordForm(String currentError, String newError, boolean changed) {
        static PasswordForm empty() {
            return new PasswordForm(null, null, false);
        }
    }

    /** One of the user's sessions; {@code current} for the one this page was read with. */
    public record SessionRow(
            long id, Instant createdAt, Instant lastSeenAt, String address, String userAgent, boolean current) {}

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance account(PasswordForm form, List<SessionRow> sessions);
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance account() {
        return page(PasswordForm.empty(), SignedIn.sessionId(identity).orElse(null));
    }

    @POST
    @Path("/password")
    @Produces(MediaType.TEXT_HTML)
    @Transactional
    public Response changePassword(
            @RestForm("current") String current, @RestForm("password") String password, @RestForm String repeat) {
        User user = SignedIn.userId(identity).map(id -> User.<User>findById(id)).orElse(null);
        Long sessionId = SignedIn.sessionId(identity).orElse(null);
        if (user == null) {
            return Response.status(404)
                    .entity(page(new PasswordForm("no such user", null, false), sessionId))
                    .build();
        }
        if (current == null || current.isEmpty()) {
            return Response.status(400)
                    .entity(page(new PasswordForm("enter your current password", null, false), sessionId))
                    .build();
        }
        RoutingContext routing = request.getCurrent();
        String address = routing.request().remoteAddress() == null
                ? "unknown"
                : routing.request().remoteAddress().hostAddress();
        if (passwords.check(user.username, current, address, "account", false)
                instanceof PasswordCheck.Refused refused) {
            String problem = refused.lockedOut() ? refused.reason() : "this is not your current password";
            return Response.status(400)
                    .entity(page(new PasswordForm(problem, null, false), sessionId))
                    .build();
        }
        String problem = PasswordRules.problem(user.username, password).orElse(null);
        if (problem == null && !password.equals(repeat)) {
            problem = "the two new passwords differ";
        }
        if (problem == null && password.equals(current)) {
            problem = "the same as the current password";
        }
        if (problem != null) {
            return Response.status(400)
                    .entity(page(new PasswordForm(null, problem, false), sessionId))
                    .build();
        }
        changes.changeOwnPassword(user, password);
        if (sessionId == null) {
            return Response.ok(page(new PasswordForm(null, null, true), null)).build();
        }
        // every session ended, this one too: this browser gets a new one, every other device must sign in again
        Sessions.Opened opened =
                sessions.open(user.id, address, routing.request().getHeader(HttpHeaders.USER_AGENT));
        csrfToken.sessionOpened(opened.secret());
        SessionCookies.openOn(routing, opened.secret());
        return Response.ok(page(new PasswordForm(null, null, true), opened.id()))
                .build();
    }

    /** Ends every session of the user, this one included, and shows the login form. */
    @POST
    @Path("/sign-out-everywhere")
    public Response signOutEverywhere(@RestForm("_csrf") String csrf) {
        long userId = SignedIn.userId(identity).orElseThrow();
        changes.signOutEverywhere(userId, identity.getPrincipal().getName());
        return Response.seeOther(URI.create("/login"))
                .header(
                        HttpHeaders.SET_COOKIE,
                        SessionCookies.dropped(SessionCookies.secure(request.getCurrent()))
                                .encode())
                .build();
    }

    private TemplateInstance page(PasswordForm form, Long currentSession) {
        List<SessionRow> rows = SignedIn.userId(identity).map(sessions::of).orElse(List.of()).stream()
                .map(s -> new SessionRow(
                        s.id(),
                        s.createdAt(),
                        s.lastSeenAt(),
                        s.address(),
                        s.userAgent(),
                        currentSession != null && currentSession == s.id()))
                .toList();
        return Templates.account(form, rows);
    }
}
