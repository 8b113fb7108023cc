package io.vigil.web.security;

import io.quarkus.elytron.security.common.BcryptUtil;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.hibernate.annotations.DynamicUpdate;

/** Someone who may log in: a username, a bcrypt hash of the password, and one {@link Role}. */
@Entity
// Only the changed columns are written: a password change hashes inside its transaction, and must not write back the
// role it read before an admin changed it (ConcurrentAccountChangesTest).
@DynamicUpdate
@Table(name = "users")
public class User extends PanacheEntityBase {

    /**
     * What a username may be, however the user comes to exist (the users page, an import, an identity provider): ASCII
     * letters, digits and {@code . _ @ -}, so no name passes for another (a Cyrillic {@code а} in {@code аdmin}, a
     * space, an invisible character) in the audit log or on alerts.
     */
    public static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9._@-]{2,64}");

    /** The rule {@link #USERNAME} sets, worded for a person. */
    public static final String USERNAME_RULE = "2 to 64 letters, digits, dots, dashes, @ or underscores";

    /** bcrypt's cost: 2^10 rounds, about 60 ms per check on our machines — slow for guessing, fine for a login. */
    static final int BCRYPT_COST = 10;

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(nullable = false, unique = true)
    public String username;

    @Column(name = "password_hash", nullable = false)
    public String passwordHash;

    @Column(nullable = false)
    public String role;

    /** The identity provider's subject for a user who signs in with OIDC ({@link OidcSignIn}); null for local users. */
    @Column(name = "oidc_subject")
    public String oidcSubject;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt = Instant.now();

    /** A new user, not yet persisted; the password is hashed here and never kept. */
    public static User create(String username, String password, Role role) {
        User user = new User();
        user.username = username;
        user.setPassword(password);
        user.role = role.id();
        return user;
    }

    /**
     * Hashes the new password. Refuses one longer than {@link PasswordRules#MAX_BYTES} UTF-8 bytes, which bcrypt would
     * cut without a word: the forms say so first ({@link PasswordRules}); this is the last guard for every other way.
     */
    public void setPassword(String password) {
        if (PasswordRules.tooLong(password)) {
            throw new IllegalArgumentException("a password holds at most " + PasswordRules.MAX_BYTES + " bytes");
        }
        passwordHash = BcryptUtil.bcryptHash(password, BCRYPT_COST);
    }

    public boolean passwordMatches(String password) {
        return BcryptUtil.matches(password, passwordHash);
    }

    public Role role() {
        return Role.of(role);
    }

    public static Optional<User> named(String username) {
        return find("username", username).firstResultOptional();
    }

    /**
     * The user whose name is {@code username} in any case. Names that differ only in case would pass for one another
     * (in the audit log, on alerts, on the users page), so every way of adding a user gives out each name once,
     * whatever its case; signing in still takes the name exactly.
     */
    public static Optional<User> namedInAnyCase(String username) {
        return find("lower(username) = ?1", username.toLowerCase(Locale.ROOT)).firstResultOptional();
    }
}
