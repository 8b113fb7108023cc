package io.vigil.web.ui;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.identity.SecurityIdentity;
import io.vigil.web.security.PasswordRules;
import io.vigil.web.security.User;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.RestForm;

/**
 * {@code /account}: the signed-in user changes their own password, proving they know the current one (a session left
 * open on a shared screen must not be enough to take the account over).
 */
@Path("/account")
public class AccountPage {

    @Inject
    SecurityIdentity identity;

    /** What the form shows: a field's problem, or that the change is done. */
    public record PasswordForm(String currentError, String newError, boolean changed) {
        static PasswordForm empty() {
            return new PasswordForm(null, null, false);
        }
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance account(PasswordForm form);
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance account() {
        return Templates.account(PasswordForm.empty());
    }

    @POST
    @Path("/password")
    @Produces(MediaType.TEXT_HTML)
    @Transactional
    public Response changePassword(
            @RestForm("current") String current, @RestForm("password") String password, @RestForm String repeat) {
        String username = identity.getPrincipal().getName();
        User user = User.named(username).orElse(null);
        if (user == null) {
            // Signed in by another means than a user row (none exist today); nothing to change.
            return Response.status(404)
                    .entity(Templates.account(new PasswordForm("no such user", null, false)))
                    .build();
        }
        if (current == null || !user.passwordMatches(current)) {
            return Response.status(400)
                    .entity(Templates.account(new PasswordForm("this is not your current password", null, false)))
                    .build();
        }
        String problem = PasswordRules.problem(username, password).orElse(null);
        if (problem == null && !password.equals(repeat)) {
            problem = "the two new passwords differ";
        }
        if (problem == null && password.equals(current)) {
            problem = "the same as the current password";
        }
        if (problem != null) {
            return Response.status(400)
                    .entity(Templates.account(new PasswordForm(null, problem, false)))
                    .build();
        }
        user.setPassword(password);
        return Response.ok(Templates.account(new PasswordForm(null, null, true)))
                .build();
    }
}
