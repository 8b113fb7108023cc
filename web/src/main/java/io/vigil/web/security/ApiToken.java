package io.vigil.web.security;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import org.hibernate.annotations.DynamicUpdate;

/**
 * A personal API token: {@code vgl_} and 32 random bytes, sent as {@code Authorization: Bearer vgl_…}. Only its SHA-256
 * is stored — a fast hash is enough for 256 random bits, and lets a request find its token by an index — so the token
 * is shown once, when it is made. It may end by itself ({@link #expiresAt}) and may be read-only ({@link #readOnly}: it
 * is refused every write). {@link TokenIdentityProvider} checks tokens on requests.
 */
@Entity
// Only the changed columns are written, so writers that read the row at different times do not undo each other.
@DynamicUpdate
@Table(name = "api_token")
public class ApiToken extends PanacheEntityBase {

    /** What every Vigil token starts with, so a leaked one is recognisable (secret scanners, logs). */
    public static final String PREFIX = "vgl_";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @ManyToOne(fetch = FetchType.EAGER, optional = false)
    @JoinColumn(name = "user_id")
    public User user;

    @Column(nullable = false)
    public String name;

    @Column(name = "token_hash", nullable = false, unique = true)
    public String tokenHash;

    @Column(nullable = false)
    public String prefix;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt = Instant.now();

    @Column(name = "last_used_at")
    public Instant lastUsedAt;

    @Column(name = "revoked_at")
    public Instant revokedAt;

    @Column(name = "expires_at")
    public Instant expiresAt;

    @Column(name = "read_only", nullable = false)
    public boolean readOnly;

    /** A token just made: the entity (persisted) and the token itself, which exists nowhere else. */
    public record Issued(ApiToken token, String secret) {}

    /**
     * Makes and stores a new token for {@code user}; the caller shows {@link Issued#secret()} once.
     *
     * @param expiresAt when it stops working by itself, or {@code null} for never
     */
    public static Issued issue(User user, String name, Instant expiresAt, boolean readOnly) {
        String secret = TokenSecrets.generate(PREFIX);
        ApiToken token = new ApiToken();
        token.user = user;
        token.name = name;
        token.tokenHash = TokenSecrets.hash(secret);
        token.prefix = secret.substring(0, PREFIX.length() + 6);
        token.expiresAt = expiresAt;
        token.readOnly = readOnly;
        token.persist();
        return new Issued(token, secret);
    }

    /** Revokes every live token of the user (an admin's password reset may ask for it); answers how many. */
    public static int revokeAllOf(User user, Instant now) {
        return (int) update("revokedAt = ?1 where user = ?2 and revokedAt is null", now, user);
    }

    public static List<ApiToken> of(User user) {
        return list("user = ?1 order by createdAt desc, id desc", user);
    }

    public boolean revoked() {
        return revokedAt != null;
    }

    /** Whether it ended by itself before {@code now}. */
    public boolean expired(Instant now) {
        return expiresAt != null && !expiresAt.isAfter(now);
    }
}
