package io.vigil.web.security;

import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.vigil.web.http.Problem;
import io.vigil.web.http.ProblemException;
import java.util.Optional;

/**
 * The security identity of a caller: a signed-in user (the username as principal, the role and the roles it includes)
 * or a source's push token, which holds the one role {@link #SOURCE_PUSH} and nothing else.
 */
public final class SignedIn {

    /** The identity attribute holding the user's id. */
    public static final String USER_ID = "vigil.user-id";

    /** The identity attribute holding the user's own role (admin, analyst or viewer). */
    public static final String ROLE = "vigil.role";

    /** The identity attribute naming the credential: {@link Credential}. */
    public static final String CREDENTIAL = "vigil.credential";

    /** The identity attribute holding the id of the session a browser signed in with ({@code user_session.id}). */
    public static final String SESSION_ID = "vigil.session-id";

    /**
     * The identity attribute holding the anti-forgery token of the session a browser signed in with
     * ({@link CsrfToken#forSession}): a form posted with that session must repeat it, whatever cookie it carries.
     */
    public static final String SESSION_CSRF = "vigil.session-csrf";

    /** The identity attribute that is {@code true} for a read-only API token, which is refused every write. */
    public static final String READ_ONLY = "vigil.read-only";

    /** The identity attributes of a push token: the source it pushes into. */
    public static final String SOURCE_ID = "vigil.source-id";

    public static final String SOURCE_NAME = "vigil.source-name";

    /**
     * The role of a source's push token: it may push into its source ({@code POST /api/ingest}) and nothing else. It is
     * not a user role and includes none.
     */
    public static final String SOURCE_PUSH = "source-push";

    /** How a caller proved who they are. */
    public enum Credential {
        SESSION,
        PASSWORD,
        API_TOKEN,
        PUSH_TOKEN
    }

    private SignedIn() {}

    static SecurityIdentity user(Account account, Credential credential) {
        return builder(account, credential).build();
    }

    static QuarkusSecurityIdentity.Builder builder(Account account, Credential credential) {
        return QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(account.username()))
                .addRoles(account.role().grants())
                .addAttribute(USER_ID, account.id())
                .addAttribute(ROLE, account.role().id())
                .addAttribute(CREDENTIAL, credential);
    }

    static SecurityIdentity pushToken(long sourceId, String sourceName) {
        return QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal("source:" + sourceName))
                .addRole(SOURCE_PUSH)
                .addAttribute(SOURCE_ID, sourceId)
                .addAttribute(SOURCE_NAME, sourceName)
                .addAttribute(CREDENTIAL, Credential.PUSH_TOKEN)
                .build();
    }

    /** The signed-in user's id; empty for anonymous callers and push tokens. */
    public static Optional<Long> userId(SecurityIdentity identity) {
        return Optional.ofNullable(identity.getAttribute(USER_ID));
    }

    /**
     * The user to record as the maker of what this caller creates (a rule, a silence, a channel, a source), counted
     * against that user's share of the team's caps; {@code null} for a caller who is no user. An API token acts for its
     * user, so what it makes is theirs.
     */
    public static Long creatorId(SecurityIdentity identity) {
        return userId(identity).orElse(null);
    }

    /** The session the caller signed in with; empty for other credentials. */
    public static Optional<Long> sessionId(SecurityIdentity identity) {
        return Optional.ofNullable(identity.getAttribute(SESSION_ID));
    }

    /**
     * Refuses making a credential (an API token, a feed URL) with an API token: a token that leaks must not be able to
     * leave behind one that outlives its own revocation. A person makes credentials, signed in with a password or a
     * browser session; a script that needs a new token asks its owner.
     */
    public static void requirePersonFor(SecurityIdentity identity, String what) {
        if (identity.getAttribute(CREDENTIAL) == Credential.API_TOKEN) {
            throw new ProblemException(Problem.of(
                    403,
                    "Forbidden",
                    "an API token cannot make " + what + ": sign in with your password or in the browser to make one"));
        }
    }

    /** Whether the caller may only read (a read-only API token). */
    public static boolean readOnly(SecurityIdentity identity) {
        return Boolean.TRUE.equals(identity.getAttribute(READ_ONLY));
    }
}
