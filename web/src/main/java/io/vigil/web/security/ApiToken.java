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
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * A personal API token: {@code vgl_} and 32 random bytes, sent as {@code Authorization: Bearer vgl_…}. Only its SHA-256
 * is stored — a fast hash is enough for 256 random bits, and lets a request find its token by an index — so the token
 * is shown once, when it is made.
 */
@Entity
@Table(name = "api_token")
public class ApiToken extends PanacheEntityBase {

    /** What every Vigil token starts with, so a leaked one is recognisable (secret scanners, logs). */
    public static final String PREFIX = "vgl_";

    private static final SecureRandom RANDOM = new SecureRandom();

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

    /** A token just made: the entity (persisted) and the token itself, which exists nowhere else. */
    public record Issued(ApiToken token, String secret) {}

    /** Makes and stores a new token for {@code user}; the caller shows {@link Issued#secret()} once. */
    public static Issued issue(User user, String name) {
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        String secret = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        ApiToken token = new ApiToken();
        token.user = user;
        token.name = name;
        token.tokenHash = hash(secret);
        token.prefix = secret.substring(0, PREFIX.length() + 6);
        token.persist();
        return new Issued(token, secret);
    }

    /** The live (not revoked) token with this secret. */
    public static Optional<ApiToken> live(String secret) {
        return find("tokenHash = ?1 and revokedAt is null", hash(secret)).firstResultOptional();
    }

    public static List<ApiToken> of(User user) {
        return list("user = ?1 order by createdAt desc, id desc", user);
    }

    public boolean revoked() {
        return revokedAt != null;
    }

    static String hash(String secret) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
