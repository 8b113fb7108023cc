package io.vigil.web.feed;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.vigil.engine.digest.Sha256;
import io.vigil.web.security.User;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.hibernate.annotations.DynamicUpdate;

/**
 * An Atom feed of alerts a user subscribes to in a feed reader: every alert, or one rule's. Its URL carries a token
 * ({@code vgf_} and 32 random bytes), the only credential feed readers can send; only the token's SHA-256 is stored, so
 * the URL is shown once, when the feed is made. Deleting the feed revokes the token.
 */
@Entity
// Only the changed columns are written, so writers that read the row at different times do not undo each other.
@DynamicUpdate
@Table(name = "alert_feed")
public class AlertFeed extends PanacheEntityBase {

    /** What every feed token starts with, so a leaked one is recognisable. */
    public static final String PREFIX = "vgf_";

    private static final SecureRandom RANDOM = new SecureRandom();

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @ManyToOne(fetch = FetchType.EAGER, optional = false)
    @JoinColumn(name = "user_id")
    public User user;

    @Column(nullable = false)
    public String name;

    /** The rule whose alerts it lists, or {@code null} for every alert. */
    @Column(name = "rule_id")
    public Long ruleId;

    @Column(name = "token_hash", nullable = false, unique = true)
    public String tokenHash;

    @Column(nullable = false)
    public String prefix;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt = Instant.now();

    @Column(name = "last_used_at")
    public Instant lastUsedAt;

    /** A feed just made: the entity (persisted) and its token, which exists nowhere else. */
    public record Issued(AlertFeed feed, String token) {}

    /** Makes and stores a feed; the caller shows {@link Issued#token()} once. */
    static Issued issue(User user, String name, Long ruleId) {
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        String token = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        AlertFeed feed = new AlertFeed();
        feed.user = user;
        feed.name = name;
        feed.ruleId = ruleId;
        feed.tokenHash = hash(token);
        feed.prefix = token.substring(0, PREFIX.length() + 6);
        feed.persist();
        return new Issued(feed, token);
    }

    /** The feed this token opens, if any. */
    static Optional<AlertFeed> byToken(String token) {
        if (token == null || !token.startsWith(PREFIX) || token.length() > 100) {
            return Optional.empty();
        }
        return find("tokenHash", hash(token)).firstResultOptional();
    }

    static List<AlertFeed> of(User user) {
        return list("user = ?1 order by createdAt desc, id desc", user);
    }

    static String hash(String token) {
        return Sha256.hex(token);
    }
}
