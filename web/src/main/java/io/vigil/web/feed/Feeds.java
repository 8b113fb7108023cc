package io.vigil.web.feed;

import io.quarkus.security.identity.SecurityIdentity;
import io.vigil.engine.input.TextLimits;
import io.vigil.engine.limits.CreationLimits;
import io.vigil.engine.limits.Limit;
import io.vigil.engine.watch.WatchRule;
import io.vigil.web.audit.AuditLog;
import io.vigil.web.audit.AuditTarget;
import io.vigil.web.http.Problem;
import io.vigil.web.http.ProblemException;
import io.vigil.web.security.User;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * A user's Atom feeds of alerts, for the API and the feeds page alike: a user sees, makes and revokes only their own;
 * and the reading side, which finds a feed by the token in its URL.
 */
@ApplicationScoped
public class Feeds {

    static final int NAME_MAX = 100;

    /** A feed reader polls every few minutes; recording each poll would write a row every time. */
    static final Duration USE_RECORDED_EVERY = Duration.ofMinutes(5);

    @ConfigProperty(name = "vigil.base-url", defaultValue = "http://localhost:8080")
    String baseUrl;

    @Inject
    CreationLimits limits;

    @Inject
    AuditLog audit;

    /** Where a feed is read: {@code {vigil.base-url}/feeds/atom/{token}}. */
    public String url(String token) {
        return base() + "/feeds/atom/" + token;
    }

    String base() {
        return baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public List<AlertFeed> of(SecurityIdentity identity) {
        return AlertFeed.of(user(identity));
    }

    /**
     * Makes a feed of every alert, or of one rule's.
     *
     * @throws ProblemException naming {@code name} (blank or too long) or {@code ruleId} (no such rule)
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public AlertFeed.Issued issue(SecurityIdentity identity, String name, Long ruleId) {
        Optional<Problem> problem = problem(name, ruleId);
        if (problem.isPresent()) {
            throw new ProblemException(problem.get());
        }
        User owner = user(identity);
        limits.admitOne(Limit.FEEDS, owner.id);
        AlertFeed.Issued issued = AlertFeed.issue(owner, name.strip(), ruleId);
        // A feed's URL is a credential (it reads alerts without signing in): made and revoked on the record, as tokens.
        audit.record(
                "feed.create", target(issued.feed()), ruleId == null ? "every alert" : "the alerts of rule " + ruleId);
        return issued;
    }

    static AuditTarget target(AlertFeed feed) {
        return AuditTarget.of("feed", feed.id, feed.name);
    }

    /**
     * What is wrong with a feed to make, naming {@code name} (blank or too long) or {@code ruleId} (no such rule); empty
     * when nothing is. Asked before making it, a page can show the form again in the same transaction.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<Problem> problem(String name, Long ruleId) {
        String trimmed = name == null ? "" : name.strip();
        if (trimmed.isEmpty() || trimmed.length() > NAME_MAX) {
            return Optional.of(
                    Problem.of(400, "Bad Request", "give the feed a name of 1 to " + NAME_MAX + " characters")
                            .withField("name"));
        }
        Optional<String> twoLines = TextLimits.notOneLine("name", trimmed);
        if (twoLines.isPresent()) {
            return Optional.of(Problem.of(400, "Bad Request", twoLines.get()).withField("name"));
        }
        if (ruleId != null && WatchRule.findById(ruleId) == null) {
            return Optional.of(
                    Problem.of(400, "Bad Request", "there is no rule " + ruleId).withField("ruleId"));
        }
        return Optional.empty();
    }

    /** Revokes one of the user's feeds: its URL stops working at once. False when the user has no such feed. */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean revoke(SecurityIdentity identity, long id) {
        AlertFeed feed = AlertFeed.findById(id);
        if (feed == null || !feed.user.id.equals(user(identity).id)) {
            return false;
        }
        audit.record("feed.revoke", target(feed), null);
        feed.delete();
        return true;
    }

    /** The feed a token opens, noting that it was read (at most every few minutes). */
    @Transactional
    public Optional<FeedRef> open(String token, Instant now) {
        return AlertFeed.byToken(token).map(feed -> {
            if (feed.lastUsedAt == null || feed.lastUsedAt.isBefore(now.minus(USE_RECORDED_EVERY))) {
                feed.lastUsedAt = now;
            }
            WatchRule rule = feed.ruleId == null ? null : WatchRule.findById(feed.ruleId);
            return new FeedRef(feed.id, feed.name, feed.ruleId, rule == null ? null : rule.name, feed.createdAt);
        });
    }

    /** What rendering a feed needs of it, detached from the persistence context. */
    public record FeedRef(long id, String name, Long ruleId, String ruleName, Instant createdAt) {}

    /** The user behind the identity, looked up by name: feeds belong to Vigil users only. */
    static User user(SecurityIdentity identity) {
        if (identity.isAnonymous()) {
            throw new ProblemException(Problem.of(403, "Forbidden", "only a signed-in Vigil user has feeds"));
        }
        return User.named(identity.getPrincipal().getName())
                .orElseThrow(() ->
                        new ProblemException(Problem.of(403, "Forbidden", "only a signed-in Vigil user has feeds")));
    }
}
