package io.vigil.web.security;

/**
 * Where to go after signing in: a page of this Vigil, never another site. The login form carries it as {@code next};
 * anything that is not a plain local path ({@code //evil.example}, {@code /\evil.example}, {@code https://…}, control
 * characters) becomes the dashboard.
 */
final class ReturnTo {

    static final int MAX_LENGTH = 2000;

    private ReturnTo() {}

    /** {@code requested} when it is a local path with its query, else {@code "/"}. */
    static String safe(String requested) {
        if (requested == null
                || requested.isEmpty()
                || requested.length() > MAX_LENGTH
                || requested.charAt(0) != '/'
                || (requested.length() > 1 && (requested.charAt(1) == '/' || requested.charAt(1) == '\\'))) {
            return "/";
        }
        for (int i = 0; i < requested.length(); i++) {
            char c = requested.charAt(i);
            if (c < 0x21 || c == 0x7f || c == '\\') {
                return "/";
            }
        }
        if (requested.startsWith("/login") || requested.startsWith("/logout")) {
            return "/";
        }
        try {
            java.net.URI.create(requested);
        } catch (IllegalArgumentException notAUri) {
            return "/";
        }
        return requested;
    }
}
