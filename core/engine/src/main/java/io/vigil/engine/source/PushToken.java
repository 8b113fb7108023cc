package io.vigil.engine.source;

import io.vigil.engine.digest.Sha256;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * A source's push token: a secret with which an outside program (a scraper, a mail-to-webhook bridge) pushes
 * articles into that one source through {@code POST /api/ingest}, sent as {@code Authorization: Bearer vps_…} or
 * {@code X-Vigil-Source-Token: vps_…}.
 *
 * <p>A token is {@value #PREFIX} followed by 43 characters (256 random bits, base64url). Vigil keeps only its SHA-256
 * hash ({@link #hash}); the token itself is shown once, when it is made. The prefix lets a security layer tell push
 * tokens from other bearer tokens without a database lookup, and lets secret scanners recognise a leaked one.
 */
public final class PushToken {

    /** What every push token starts with: Vigil push source. */
    public static final String PREFIX = "vps_";

    /** The header that carries a push token when {@code Authorization} is taken by something else. */
    public static final String HEADER = "X-Vigil-Source-Token";

    private static final SecureRandom RANDOM = new SecureRandom();

    private PushToken() {}

    /** A new random token. */
    static String generate() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The stored form of a token: its SHA-256, in hex. */
    public static String hash(String token) {
        return Sha256.hex(token);
    }

    /** Whether {@code value} has the shape of a push token (and so should be checked as one). */
    public static boolean looksLike(String value) {
        return value != null && value.startsWith(PREFIX) && value.length() > PREFIX.length();
    }

    /**
     * The push token a request carries, if it carries one at all: the {@code X-Vigil-Source-Token} header whatever its
     * value (an empty header is a push token that resolves to no source), else the first {@code Authorization} header
     * that is a bearer token starting with {@value #PREFIX} in any letter case ({@code Bearer VPS_x}, {@code bearer vps_}).
     * Other bearer tokens (API tokens) and Basic credentials are not push tokens and are left alone.
     *
     * <p>A request that carries one is judged by it alone: when it does not resolve to a live token, the request is
     * refused, whatever else it carries.
     *
     * @param authorizations every {@code Authorization} header of the request, in order
     * @param sourceTokenHeader the {@code X-Vigil-Source-Token} header, or {@code null} when there is none
     */
    public static Optional<String> carried(List<String> authorizations, String sourceTokenHeader) {
        if (sourceTokenHeader != null) {
            return Optional.of(sourceTokenHeader.strip());
        }
        for (String authorization : authorizations) {
            String value = authorization.strip();
            if (value.regionMatches(true, 0, "Bearer ", 0, 7)) {
                String token = value.substring(7).strip();
                if (token.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
                    return Optional.of(token);
                }
            }
        }
        return Optional.empty();
    }
}
