package io.vigil.engine.source;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.vigil.engine.secret.CredentialMasks;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hibernate.annotations.DynamicUpdate;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * A source as the user configured it — a plugin type, a name and settings — with the cursor its plugin asked us to
 * keep and its health: when it last ran, what it found, what went wrong.
 */
@Entity
// Only the changed columns are written: the scheduler records a fetch from a read older than an admin's edit or a new
// push token, and must not write the old values back (ConcurrentSourceWritesTest).
@DynamicUpdate
@Table(name = "source")
public class ConfiguredSource extends PanacheEntityBase {

    /** How many skipped items a source remembers for its health page. */
    static final int SKIPPED_KEPT = 50;

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(nullable = false)
    public String type;

    @Column(nullable = false, unique = true)
    public String name;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public Map<String, String> config = new HashMap<>();

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public Map<String, String> cursor = new HashMap<>();

    @Column(nullable = false)
    public boolean enabled = true;

    @Column(name = "fetch_interval_seconds", nullable = false)
    public int fetchIntervalSeconds = 300;

    @Column(name = "next_fetch_at", nullable = false)
    public Instant nextFetchAt = Instant.now();

    @Column(name = "last_fetch_at")
    public Instant lastFetchAt;

    @Column(name = "last_success_at")
    public Instant lastSuccessAt;

    @Column(name = "last_error")
    public String lastError;

    @Column(name = "last_error_at")
    public Instant lastErrorAt;

    @Column(name = "consecutive_failures", nullable = false)
    public int consecutiveFailures;

    @Column(name = "last_new", nullable = false)
    public int lastNew;

    @Column(name = "last_duplicate", nullable = false)
    public int lastDuplicate;

    @Column(name = "last_failed", nullable = false)
    public int lastFailed;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public List<Map<String, String>> skipped = new ArrayList<>();

    @Column(name = "created_at", nullable = false)
    public Instant createdAt = Instant.now();

    /** The id of the user who made it, counted against their share of the caps; {@code null} when nobody is recorded. */
    @Column(name = "created_by", updatable = false)
    public Long createdBy;

    /** The SHA-256 of this source's push token ({@link PushToken}), or {@code null} when it has none. */
    @Column(name = "push_token_hash", unique = true)
    public String pushTokenHash;

    @Column(name = "push_token_created_at")
    public Instant pushTokenCreatedAt;

    public static Optional<ConfiguredSource> findByName(String name) {
        return find("name", name).firstResultOptional();
    }

    /** The source a push token belongs to; empty for an unknown, revoked or malformed token. */
    public static Optional<ConfiguredSource> findByPushToken(String token) {
        if (!PushToken.looksLike(token)) {
            return Optional.empty();
        }
        return find("pushTokenHash", PushToken.hash(token)).firstResultOptional();
    }

    /**
     * Gives this source a new push token, replacing the one it had; the old token stops working when the transaction
     * commits.
     *
     * @return the token itself, which is not kept and cannot be shown again
     */
    public String issuePushToken(Instant now) {
        String token = PushToken.generate();
        pushTokenHash = PushToken.hash(token);
        pushTokenCreatedAt = now;
        return token;
    }

    /** Withdraws this source's push token, if it has one. */
    public void revokePushToken() {
        pushTokenHash = null;
        pushTokenCreatedAt = null;
    }

    public Duration fetchInterval() {
        return Duration.ofSeconds(fetchIntervalSeconds);
    }

    /** Records a finished fetch: the counts, the new cursor, and the next run one interval from now. */
    public void fetchSucceeded(FetchReport report, Map<String, String> newCursor, Instant now, Duration jitter) {
        lastFetchAt = now;
        lastSuccessAt = now;
        lastError = null;
        consecutiveFailures = 0;
        lastNew = report.newArticles();
        lastDuplicate = report.duplicates();
        lastFailed = report.failed();
        cursor = new HashMap<>(newCursor);
        remember(report.skipped(), now);
        if (report.failed() > 0) {
            lastError = CredentialMasks.maskedText(
                    report.failed() + " document(s) could not be stored: " + report.firstFailure());
            lastErrorAt = now;
        }
        nextFetchAt = now.plus(fetchInterval()).plus(jitter);
    }

    /** Records content a hub pushed: the counts and the new cursor; when the source is polled next stays as it was. */
    public void pushReceived(FetchReport report, Map<String, String> newCursor, Instant now) {
        lastNew = report.newArticles();
        lastDuplicate = report.duplicates();
        lastFailed = report.failed();
        cursor = new HashMap<>(newCursor);
        remember(report.skipped(), now);
    }

    /**
     * Records a failed fetch and backs off exponentially (interval × 2^failures, at most a day), or waits what the
     * other side asked for when it said so.
     */
    public void fetchFailed(String reason, FetchReport partial, Instant now, Duration retryAfter) {
        lastFetchAt = now;
        lastError = CredentialMasks.maskedText(reason);
        lastErrorAt = now;
        consecutiveFailures++;
        lastNew = partial.newArticles();
        lastDuplicate = partial.duplicates();
        lastFailed = partial.failed();
        remember(partial.skipped(), now);
        Duration backoff = fetchInterval().multipliedBy(1L << Math.min(consecutiveFailures - 1, 10));
        Duration day = Duration.ofDays(1);
        if (backoff.compareTo(day) > 0) {
            backoff = day;
        }
        if (retryAfter != null && retryAfter.compareTo(backoff) > 0) {
            backoff = retryAfter;
        }
        nextFetchAt = now.plus(backoff);
    }

    private void remember(Map<String, String> newlySkipped, Instant now) {
        if (newlySkipped.isEmpty()) {
            return;
        }
        List<Map<String, String>> kept = new ArrayList<>();
        newlySkipped.forEach((item, reason) -> kept.add(Map.of(
                "item",
                CredentialMasks.maskedText(item),
                "reason",
                CredentialMasks.maskedText(reason),
                "at",
                now.toString())));
        kept.addAll(skipped);
        skipped = new ArrayList<>(kept.subList(0, Math.min(kept.size(), SKIPPED_KEPT)));
    }
}
