package io.vigil.engine.source;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
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
    static String hash(String token) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** Whether {@code value} has the shape of a push token (and so should be checked as one). */
    public static boolean looksLike(String value) {
        return value != null && value.startsWith(PREFIX) && value.length() > PREFIX.length();
    }

    /**
     * The push token a request carries, if any: the {@code X-Vigil-Source-Token} header, or an {@code Authorization}
     * bearer token that starts with {@value #PREFIX}. Other bearer tokens (API tokens) are not push tokens and are
     * left alone.
     *
     * @param authorization the {@code Authorization} header, or {@code null}
     * @param sourceTokenHeader the {@code X-Vigil-Source-Token} header, or {@code null}
     */
    public static Optional<String> fromHeaders(String authorization, String sourceTokenHeader) {
        if (sourceTokenHeader != null && !sourceTokenHeader.isBlank()) {
            return Optional.of(sourceTokenHeader.strip());
        }
        if (authorization != null) {
            String value = authorization.strip();
            if (value.regionMatches(true, 0, "Bearer ", 0, 7)) {
                String token = value.substring(7).strip();
                if (looksLike(token)) {
                    return Optional.of(token);
                }
            }
        }
        return Optional.empty();
    }
}
