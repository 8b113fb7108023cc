package io.vigil.web.security;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/**
 * What a password set through the pages must be: long enough, and not the username. The first admin's password, which
 * guards a fresh install, has the stricter {@link AdminPasswordPolicy}.
 */
public final class PasswordRules {

    public static final int MIN_LENGTH = 10;

    /**
     * The most a password may hold, in UTF-8 bytes: bcrypt reads the first 72 and ignores the rest, so a longer one would
     * let anyone who knows its start sign in with any ending.
     */
    public static final int MAX_BYTES = 72;

    /** What {@link #problem} says of a password over {@link #MAX_BYTES}. */
    static final String TOO_LONG = "at most " + MAX_BYTES + " bytes (" + MAX_BYTES
            + " plain letters, fewer with accents): the password hash reads no further, so the rest would not count";

    private PasswordRules() {}

    /** Why {@code password} will not do for {@code username}, in a few words for the form, or empty when it will. */
    public static Optional<String> problem(String username, String password) {
        if (password == null || password.length() < MIN_LENGTH) {
            return Optional.of("at least " + MIN_LENGTH + " characters");
        }
        if (tooLong(password)) {
            return Optional.of(TOO_LONG);
        }
        if (username != null
                && !username.isBlank()
                && password.toLowerCase(Locale.ROOT).contains(username.toLowerCase(Locale.ROOT))) {
            return Optional.of("must not contain the username");
        }
        return Optional.empty();
    }

    /** Whether {@code password} holds more than {@link #MAX_BYTES} UTF-8 bytes. */
    static boolean tooLong(String password) {
        return password != null && password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES;
    }
}
