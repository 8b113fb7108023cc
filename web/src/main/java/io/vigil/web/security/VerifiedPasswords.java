package io.vigil.web.security;

import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Remembers, for a few minutes, which passwords bcrypt has just accepted, so a script calling the API with HTTP Basic
 * does not pay a deliberately slow bcrypt check (60–130 ms here) on every request.
 *
 * <p>Only accepted passwords are remembered, as an HMAC under a key that lives in this process only, next to the
 * user's stored bcrypt hash at that moment: once the password changes, the stored hash changes and the memory no longer
 * applies. Wrong passwords always go through bcrypt and the login throttle. Thread-safe.
 */
@ApplicationScoped
public class VerifiedPasswords {

    private static final Duration REMEMBER_FOR = Duration.ofMinutes(5);
    private static final int MAX_ENTRIES = 10_000;

    private record Verified(String storedHash, byte[] passwordMac, long until) {}

    private final Map<String, Verified> verified = new ConcurrentHashMap<>();
    private final SecretKeySpec key;

    public VerifiedPasswords() {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        key = new SecretKeySpec(secret, "HmacSHA256");
    }

    /** Whether {@code password} is the one bcrypt accepted for this user's current stored hash, recently. */
    boolean recentlyAccepted(User user, String password) {
        Verified entry = verified.get(user.username);
        if (entry == null
                || System.nanoTime() - entry.until() > 0
                || !entry.storedHash().equals(user.passwordHash)) {
            return false;
        }
        return MessageDigest.isEqual(entry.passwordMac(), mac(password));
    }

    /** Records that bcrypt accepted {@code password} for the user's current stored hash. */
    void accepted(User user, String password) {
        if (verified.size() >= MAX_ENTRIES) {
            verified.clear(); // rare, and only costs the next requests a bcrypt check each
        }
        verified.put(
                user.username,
                new Verified(user.passwordHash, mac(password), System.nanoTime() + REMEMBER_FOR.toNanos()));
    }

    private byte[] mac(String password) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(password.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
