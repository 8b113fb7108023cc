package io.vigil.web.security;

import io.quarkus.arc.Arc;
import io.quarkus.security.identity.SecurityIdentity;
import io.vigil.web.audit.AuditLog;
import io.vigil.web.audit.AuditTarget;
import io.vigil.web.feed.AlertFeed;
import io.vigil.web.http.Problem;
import io.vigil.web.http.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;

/**
 * What changes about a user and what must end with it, in one place: a new password, a reset one, a changed role and
 * a deleted user end every session of that user at once (on every instance, {@link Sessions}); an admin's reset may
 * also revoke the credentials the user made for what cannot sign in — API tokens and Atom feed URLs — and so does the
 * identity provider withdrawing the user's every mapped group ({@link #withdraw}). Each change is audited. Runs in the caller's transaction, so the change, the end of
 * the sessions and the audit record commit together.
 */
@ApplicationScoped
public class AccountChanges {

    @Inject
    Sessions sessions;

    @Inject
    VerifiedPasswords verifiedPasswords;

    @Inject
    AuditLog audit;

    @Inject
    SecurityIdentity identity;

    @Transactional(Transactional.TxType.MANDATORY)
    public User create(String username, String password, Role role) {
        if (!User.USERNAME.matcher(username).matches()) {
            throw new ProblemException(Problem.of(400, "Bad Request", "a username is " + User.USERNAME_RULE)
                    .withField("username"));
        }
        User.namedInAnyCase(username).ifPresent(taken -> {
            throw new ProblemException(Problem.of(409, "Conflict", "there is already a user " + taken.username)
                    .withField("username"));
        });
        User user = User.create(username, password, role);
        user.persist();
        audit.record("user.create", AuditTarget.user(user.id, user.username), "role " + role.id());
        return user;
    }

    /** The user changed their own password: every session of theirs ends (the caller may open a new one). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void changeOwnPassword(User user, String password) {
        user.setPassword(password);
        endSignIns(user);
        audit.record("user.password-change", AuditTarget.user(user.id, user.username), null);
    }

    /**
     * What revoking a user's standing credentials took away: each is a credential that needs no sign-in (an Atom feed's
     * URL reads every alert), so an account taken over could otherwise keep reading after its password is reset.
     */
    public record Revoked(int apiTokens, int feeds) {
        /** For the audit log and the users page: {@code 2 API token(s) revoked, 1 Atom feed URL(s) revoked}. */
        public String describe() {
            return apiTokens + " API token(s) revoked, " + feeds + " Atom feed URL(s) revoked";
        }
    }

    /**
     * An admin set the user's password: every session ends, and with {@code revokeCredentials} every API token and Atom
     * feed URL of theirs too.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Revoked resetPassword(User user, String password, boolean revokeCredentials) {
        user.setPassword(password);
        endSignIns(user);
        Revoked revoked = revokeCredentials ? revokeCredentials(user) : new Revoked(0, 0);
        audit.record(
                "user.password-reset",
                AuditTarget.user(user.id, user.username),
                revokeCredentials ? "sessions ended, " + revoked.describe() : "sessions ended");
        return revoked;
    }

    /**
     * The identity provider no longer gives the user any role (none of their groups is mapped): every session ends and
     * every API token and Atom feed URL is revoked, since those act without the provider. Not audited here: the caller
     * records the refused sign-in with what ended, in this transaction.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Revoked withdraw(User user) {
        endSignIns(user);
        return revokeCredentials(user);
    }

    private static Revoked revokeCredentials(User user) {
        int tokens = ApiToken.revokeAllOf(user, Instant.now());
        int feeds = (int) AlertFeed.delete("user", user);
        return new Revoked(tokens, feeds);
    }

    /**
     * Gives the user another role; their sessions end (their tokens take the new role with the next request). An admin
     * cannot take away their own admin role, by whichever way they ask (the users page, a configuration import): 409.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void changeRole(User user, Role role) {
        Role before = user.role();
        if (before == role) {
            return;
        }
        if (isCaller(user) && before == Role.ADMIN) {
            throw new ProblemException(Problem.of(
                    409,
                    "Conflict",
                    "you cannot take away your own admin role (" + user.username + "): ask another admin"));
        }
        user.role = role.id();
        sessions.endAllOf(user.id);
        audit.record("user.role", AuditTarget.user(user.id, user.username), before.id() + " → " + role.id());
    }

    /** Removes the user, never the caller themselves (409): another admin must. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void delete(User user) {
        if (isCaller(user)) {
            throw new ProblemException(Problem.of(
                    409, "Conflict", "you cannot remove yourself (" + user.username + "): ask another admin"));
        }
        // sessions, tokens and verified passwords go with the row (on delete cascade)
        audit.record("user.delete", AuditTarget.user(user.id, user.username), "role " + user.role);
        user.delete();
    }

    /** Signs the user out everywhere (the account page's button): every session ends. */
    public int signOutEverywhere(long userId, String username) {
        int ended = sessions.endAllOf(userId);
        audit.record("session.sign-out-everywhere", AuditTarget.user(userId, username), ended + " session(s) ended");
        return ended;
    }

    /** Whether the request's caller is {@code user}; outside a request (the import command) nobody is. */
    private boolean isCaller(User user) {
        return Arc.container().requestContext().isActive()
                && SignedIn.userId(identity).map(id -> id.equals(user.id)).orElse(false);
    }

    private void endSignIns(User user) {
        sessions.endAllOf(user.id);
        verifiedPasswords.forget(user.id);
    }
}
