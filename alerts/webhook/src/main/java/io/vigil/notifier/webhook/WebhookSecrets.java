package io.vigil.notifier.webhook;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * Webhook signing secrets in the Standard Webhooks form: {@code whsec_} followed by the base64 of the key bytes.
 *
 * <p>The platform calls {@link #generate()} when a user saves a webhook channel without a secret, and shows the secret
 * once so that the receiver can be set up with it.
 */
public final class WebhookSecrets {

    /** The prefix that tells a Standard Webhooks secret from other strings. */
    public static final String PREFIX = "whsec_";

    /** 32 bytes: as long as the HMAC-SHA256 output, within the 24 to 64 bytes the specification asks for. */
    private static final int KEY_BYTES = 32;

    /** The shortest key Standard Webhooks allows. */
    static final int MIN_KEY_BYTES = 24;

    /** The longest key Standard Webhooks allows. */
    static final int MAX_KEY_BYTES = 64;

    private static final SecureRandom RANDOM = new SecureRandom();

    private WebhookSecrets() {}

    /** A new random secret such as {@code whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw…}; thread-safe. */
    public static String generate() {
        byte[] key = new byte[KEY_BYTES];
        RANDOM.nextBytes(key);
        return PREFIX + Base64.getEncoder().encodeToString(key);
    }

    /**
     * The key bytes of a secret. Like the reference libraries, it also takes the base64 part alone, without the prefix.
     *
     * @throws IllegalArgumentException when the rest is not base64 or holds no bytes, with a message for the user
     */
    static byte[] key(String secret) {
        String encoded = secret.strip();
        if (encoded.startsWith(PREFIX)) {
            encoded = encoded.substring(PREFIX.length());
        }
        byte[] key;
        try {
            key = Base64.getDecoder().decode(encoded);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the secret must be " + PREFIX + " followed by base64", e);
        }
        if (key.length == 0) {
            throw new IllegalArgumentException("the secret holds no key after " + PREFIX);
        }
        return key;
    }

    /**
     * The key bytes of a secret a channel signs with from now on: as {@link #key}, and 24 to 64 bytes long.
     *
     * @throws IllegalArgumentException when it is malformed or of another length, with a message for the user
     */
    static byte[] signingKey(String secret) {
        byte[] key = key(secret);
        if (key.length < MIN_KEY_BYTES || key.length > MAX_KEY_BYTES) {
            throw new IllegalArgumentException("the secret holds " + key.length + " bytes, and Standard Webhooks asks"
                    + " for " + MIN_KEY_BYTES + " to " + MAX_KEY_BYTES + " (leave it empty and Vigil makes one)");
        }
        return key;
    }
}
