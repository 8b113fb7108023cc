package io.vigil.web.security;

import io.vigil.engine.digest.Sha256;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The one way Vigil makes and stores bearer secrets (API tokens, session ids): 256 random bits, base64url, behind a
 * recognisable prefix; stored as SHA-256. A fast hash is enough for 256 random bits and lets a request find its row by
 * an index, so checking one costs one indexed lookup.
 */
final class TokenSecrets {

    /** The length of a secret without its prefix: 32 bytes in base64url without padding. */
    static final int RANDOM_LENGTH = 43;

    private static final SecureRandom RANDOM = new SecureRandom();

    private TokenSecrets() {}

    static String generate(String prefix) {
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        return prefix + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }

    /** Whether {@code secret} has the shape {@link #generate} gives it, so a malformed one costs no lookup. */
    static boolean wellFormed(String secret, String prefix) {
        if (secret == null || secret.length() != prefix.length() + RANDOM_LENGTH || !secret.startsWith(prefix)) {
            return false;
        }
        for (int i = prefix.length(); i < secret.length(); i++) {
            char c = secret.charAt(i);
            boolean base64url =
                    (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
            if (!base64url) {
                return false;
            }
        }
        return true;
    }

    static String hash(String secret) {
        return Sha256.hex(secret);
    }
}
