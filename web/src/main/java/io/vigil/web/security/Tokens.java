package io.vigil.web.security;

import io.quarkus.security.identity.SecurityIdentity;
import io.vigil.web.http.Problem;
import io.vigil.web.http.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;

/**
 * A signed-in user's own API tokens, for the API and the tokens page alike: a user sees, makes and revokes only their
 * own. Callers run inside a transaction.
 */
@ApplicationScoped
public class Tokens {

    static final int NAME_MAX = 100;

    @Transactional(Transactional.TxType.MANDATORY)
    public List<ApiToken> of(SecurityIdentity identity) {
        return ApiToken.of(user(identity));
    }

    /** Makes a token named {@code name}; a blank or overlong name is a problem on field {@code name}. */
    @Transactional(Transactional.TxType.MANDATORY)
    public ApiToken.Issued issue(SecurityIdentity identity, String name) {
        String trimmed = name == null ? "" : name.strip();
        if (trimmed.isEmpty() || trimmed.length() > NAME_MAX) {
            throw new ProblemException(
                    Problem.of(400, "Bad Request", "give the token a name of 1 to " + NAME_MAX + " characters")
                            .withField("name"));
        }
        return ApiToken.issue(user(identity), trimmed);
    }

    /** Revokes one of the user's tokens; false when the user has no such token. */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean revoke(SecurityIdentity identity, long id) {
        ApiToken token = ApiToken.findById(id);
        if (token == null || !token.user.id.equals(user(identity).id)) {
            return false;
        }
        if (token.revokedAt == null) {
            token.revokedAt = Instant.now();
        }
        return true;
    }

    static User user(SecurityIdentity identity) {
        Long id = identity.getAttribute(SignedIn.USER_ID);
        User user = id == null ? null : User.findById(id);
        if (user == null) {
            throw new ProblemException(Problem.of(403, "Forbidden", "only a signed-in Vigil user has API tokens"));
        }
        return user;
    }
}
