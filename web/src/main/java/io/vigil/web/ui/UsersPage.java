package io.vigil.web.ui;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.identity.SecurityIdentity;
import io.vigil.web.security.AccountChanges;
import io.vigil.web.security.PasswordRules;
import io.vigil.web.security.Role;
import io.vigil.web.security.User;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import org.jboss.resteasy.reactive.RestForm;

/**
 * {@code /users}: admins add users with a role, change roles, set passwords (for a user who forgot theirs; users change
 * their own on {@link AccountPage}), and remove users. Reading needs an admin too: the list is not for everyone. A
 * role change, a password reset and removing a user end that user's sessions at once ({@link AccountChanges}); a reset
 * may also revoke their API tokens.
 */
@Path("/users")
@RolesAllowed("admin")
public class UsersPage {

    @Inject
    SecurityIdentity identity;

    @Inject
    AccountChanges changes;

    /** A user as listed. */
    public record UserView(long id, String username, String role, Instant createdAt, boolean you) {}

    /** What the add form shows again after a refusal. */
    public record NewUser(String username, String role, String usernameError, String passwordError) {}

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance users(
                List<UserView> users, List<String> roles, NewUser form, String problem, String notice);
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    @Transactional
    public Response users(
            @QueryParam("changed") Long changed,
            @QueryParam("revoked") Integer revoked,
            @QueryParam("feeds") Integer feeds) {
        User changedUser = changed == null ? null : User.findById(changed);
        String notice = changedUser == null
                ? null
                : "The password of " + changedUser.username + " was changed and their sessions ended"
                        + (revoked == null
                                ? "."
                                : "; " + new AccountChanges.Revoked(revoked, feeds == null ? 0 : feeds).describe()
                                        + ".");
        return Response.ok(Templates.users(views(), roles(), new NewUser("", "analyst", null, null), null, notice))
                .build();
    }

    @POST
    @Produces(MediaType.TEXT_HTML)
    @Transactional
    public Response add(@RestForm String username, @RestForm String password, @RestForm String role) {
        String name = username == null ? "" : username.strip();
        String usernameError = !User.USERNAME.matcher(name).matches()
                ? User.USERNAME_RULE
                : User.namedInAnyCase(name)
                        .map(taken -> "there is already a user " + taken.username)
                        .orElse(null);
        String passwordError = PasswordRules.problem(name, password).orElse(null);
        Role chosen;
        String roleProblem = null;
        try {
            chosen = Role.of(role);
        } catch (IllegalArgumentException e) {
            // only a hand-made request sends another: refused as the role change refuses it, not made a viewer
            chosen = Role.VIEWER;
            roleProblem = "No role " + role + ": choose admin, analyst or viewer.";
        }
        if (usernameError != null || passwordError != null || roleProblem != null) {
            return Response.status(400)
                    .entity(Templates.users(
                            views(),
                            roles(),
                            new NewUser(name, chosen.id(), usernameError, passwordError),
                            roleProblem,
                            null))
                    .build();
        }
        changes.create(name, password, chosen);
        return Response.seeOther(URI.create("/users")).build();
    }

    @POST
    @Path("/{id}/role")
    @Transactional
    public Response role(@PathParam("id") long id, @RestForm String role) {
        User user = find(id);
        Role chosen;
        try {
            chosen = Role.of(role);
        } catch (IllegalArgumentException e) {
            return refuse("No role " + role + ": choose admin, analyst or viewer.", 400);
        }
        if (isYou(user) && chosen != Role.ADMIN) {
            return refuse("You cannot take away your own admin role: ask another admin.", 409);
        }
        changes.changeRole(user, chosen);
        return Response.seeOther(URI.create("/users")).build();
    }

    @POST
    @Path("/{id}/password")
    @Transactional
    public Response password(@PathParam("id") long id, @RestForm String password, @RestForm boolean revokeTokens) {
        User user = find(id);
        String problem = PasswordRules.problem(user.username, password).orElse(null);
        if (problem != null) {
            return Response.status(400)
                    .entity(Templates.users(
                            views(),
                            roles(),
                            new NewUser("", "analyst", null, null),
                            "The password of " + user.username + " was not changed: " + problem + ".",
                            null))
                    .type(MediaType.TEXT_HTML_TYPE)
                    .build();
        }
        AccountChanges.Revoked revoked = changes.resetPassword(user, password, revokeTokens);
        return Response.seeOther(URI.create("/users?changed=" + user.id
                        + (revokeTokens ? "&revoked=" + revoked.apiTokens() + "&feeds=" + revoked.feeds() : "")))
                .build();
    }

    @POST
    @Path("/{id}/delete")
    @Transactional
    public Response delete(@PathParam("id") long id, @RestForm("_csrf") String csrf) {
        User user = find(id);
        if (isYou(user)) {
            return refuse("You cannot remove yourself.", 409);
        }
        changes.delete(user);
        return Response.seeOther(URI.create("/users")).build();
    }

    private Response refuse(String problem, int status) {
        return Response.status(status)
                .entity(Templates.users(views(), roles(), new NewUser("", "analyst", null, null), problem, null))
                .type(MediaType.TEXT_HTML_TYPE)
                .build();
    }

    private boolean isYou(User user) {
        return user.username.equals(identity.getPrincipal().getName());
    }

    private List<UserView> views() {
        List<User> users = User.list("order by username");
        return users.stream()
                .map(u -> new UserView(u.id, u.username, u.role, u.createdAt, isYou(u)))
                .toList();
    }

    private static List<String> roles() {
        return List.of(Role.ADMIN.id(), Role.ANALYST.id(), Role.VIEWER.id());
    }

    private static User find(long id) {
        User user = User.findById(id);
        if (user == null) {
            throw new NotFoundException("no user " + id);
        }
        return user;
    }
}
