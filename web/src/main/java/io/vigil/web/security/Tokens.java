package io.vigil.web.security;

import io.quarkus.security.identity.SecurityIdentity;
import io.vigil.engine.input.TextLimits;
import io.vigil.engine.limits.CreationLimits;
import io.vigil.engine.limits.Limit;
import io.vigil.web.audit.AuditLog;
import io.vigil.web.audit.AuditTarget;
import io.vigil.web.http.Problem;
import io.vigil.web.http.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A signed-in user's own API tokens, for the API and the tokens page alike: a user sees, makes and revokes only their
 * own, and each is audited. Callers run inside a transaction.
 */
@ApplicationScoped
public class Tokens {

    static final int NAME_MAX = 100;

    /** The latest expiry a token may be given. */
    static final Duration LONGEST = Duration.ofDays(5 * 366);

    @Inject
    CreationLimits limits;

    @Inject
    AuditLog audit;

    /** What a new token is to be: its name, when it ends by itself ({@code null}: never), whether it may only read. */
    public record TokenSpec(String name, Instant expiresAt, boolean readOnly) {}

    @Transactional(Transactional.TxType.MANDATORY)
    public List<ApiToken> of(SecurityIdentity identity) {
        return ApiToken.of(user(identity));
    }

    /** Makes a token, once {@link #check} accepted its spec. */
    @Transactional(Transactional.TxType.MANDATORY)
    public ApiToken.Issued issue(SecurityIdentity identity, TokenSpec spec) {
        TokenSpec checked = check(spec);
        User owner = user(identity);
        limits.admitOne(Limit.API_TOKENS, owner.id);
        ApiToken.Issued issued = ApiToken.issue(owner, checked.name(), checked.expiresAt(), checked.readOnly());
        ApiToken token = issued.token();
        audit.record(
                "token.create",
                AuditTarget.token(token.id, token.name),
                (token.readOnly ? "read-only" : "read-write")
                        + (token.expiresAt == null ? ", never expires" : ", expires " + token.expiresAt));
        return issued;
    }

    /**
     * The spec with its name trimmed, or a problem: a blank or overlong name on field {@code name}, an expiry in the past
     * or more than five years ahead on {@code expiresAt}. Touches no transaction, so a page can show the problem and
     * go on reading.
     */
    public static TokenSpec check(TokenSpec spec) {
        String trimmed = spec.name() == null ? "" : spec.name().strip();
        if (trimmed.isEmpty() || trimmed.length() > NAME_MAX) {
            throw new ProblemException(
                    Problem.of(400, "Bad Request", "give the token a name of 1 to " + NAME_MAX + " characters")
                            .withField("name"));
        }
        TextLimits.notOneLine("name", trimmed).ifPresent(twoLines -> {
            throw new ProblemException(Problem.of(400, "Bad Request", twoLines).withField("name"));
        });
        Instant now = Instant.now();
        if (spec.expiresAt() != null && !spec.expiresAt().isAfter(now)) {
            throw new ProblemException(Problem.of(400, "Bad Request", "expiresAt must be in the future")
                    .withField("expiresAt"));
        }
        if (spec.expiresAt() != null && spec.expiresAt().isAfter(now.plus(LONGEST))) {
            throw new ProblemException(
                    Problem.of(400, "Bad Request", "expiresAt must be at most five years ahead; leave it out for never")
                            .withField("expiresAt"));
        }
        return new TokenSpec(trimmed, spec.expiresAt(), spec.readOnly());
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
            audit.record("token.revoke", AuditTarget.token(token.id, token.name), null);
        }
        return true;
    }

    static User user(SecurityIdentity identity) {
        Long id = SignedIn.userId(identity).orElse(null);
        User user = id == null ? null : User.findById(id);
        if (user == null) {
            throw new ProblemException(Problem.of(403, "Forbidden", "only a signed-in Vigil user has API tokens"));
        }
        return user;
    }
}
