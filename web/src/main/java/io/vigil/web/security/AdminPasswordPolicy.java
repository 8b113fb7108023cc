package io.vigil.web.security;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Decides whether the first admin's password is good enough to start Vigil with outside dev and test mode: at least
 * {@value #MIN_LENGTH} characters, not the username, not a well-known password, not one repeated pattern.
 */
public final class AdminPasswordPolicy {

    static final int MIN_LENGTH = 12;

    private static final Set<String> WELL_KNOWN = Set.of(
            "password",
            "password123",
            "password1234",
            "administrator",
            "changeme",
            "changemenow",
            "letmein",
            "qwertyuiop",
            "qwerty123456",
            "123456789012",
            "iloveyou",
            "admin123",
            "admin1234",
            "vigil",
            "vigilvigil",
            "welcome",
            "secret");

    private AdminPasswordPolicy() {}

    /** Why {@code password} is refused for {@code username}, or empty when it is acceptable. */
    public static Optional<String> problem(String username, String password) {
        if (password == null || password.isBlank()) {
            return Optional.of("VIGIL_ADMIN_PASSWORD is not set: set it (at least " + MIN_LENGTH
                    + " characters) to create the first admin");
        }
        String lower = password.toLowerCase(Locale.ROOT);
        if (password.length() < MIN_LENGTH) {
            return Optional.of("VIGIL_ADMIN_PASSWORD is too short: use at least " + MIN_LENGTH + " characters");
        }
        if (lower.contains(username.toLowerCase(Locale.ROOT)) && username.length() >= 3) {
            return Optional.of("VIGIL_ADMIN_PASSWORD contains the username: choose another");
        }
        if (WELL_KNOWN.contains(lower) || WELL_KNOWN.stream().anyMatch(known -> lower.equals(known + known))) {
            return Optional.of("VIGIL_ADMIN_PASSWORD is a well-known password: choose another");
        }
        if (password.chars().distinct().count() < 5) {
            return Optional.of("VIGIL_ADMIN_PASSWORD repeats too few characters: use at least 5 different ones");
        }
        return Optional.empty();
    }
}
