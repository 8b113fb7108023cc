package io.vigil.web.security;

import java.util.Locale;
import java.util.Optional;

/**
 * What a password set through the pages must be: long enough, and not the username. The first admin's password, which
 * guards a fresh install, has the stricter {@link AdminPasswordPolicy}.
 */
public final class PasswordRules {

    public static final int MIN_LENGTH = 10;

    private PasswordRules() {}

    /** Why {@code password} will not do for {@code username}, in a few words for the form, or empty when it will. */
    public static Optional<String> problem(String username, String password) {
        if (password == null || password.length() < MIN_LENGTH) {
            return Optional.of("at least " + MIN_LENGTH + " characters");
        }
        if (username != null
                && !username.isBlank()
                && password.toLowerCase(Locale.ROOT).contains(username.toLowerCase(Locale.ROOT))) {
            return Optional.of("must not contain the username");
        }
        return Optional.empty();
    }
}
