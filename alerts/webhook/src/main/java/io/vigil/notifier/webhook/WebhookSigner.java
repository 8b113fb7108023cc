package io.vigil.notifier.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs webhook requests the Standard Webhooks way: {@code v1,} and the base64 HMAC-SHA256 of
 * {@code id.timestamp.body}, keyed with the secret's bytes.
 *
 * <p>Thread-safe: it keeps only the key and makes a {@link Mac}, which is not thread-safe, for every signature.
 */
final class WebhookSigner {

    private static final String ALGORITHM = "HmacSHA256";

    private final SecretKeySpec key;

    private WebhookSigner(byte[] key) {
        this.key = new SecretKeySpec(key, ALGORITHM);
    }

    /**
     * The signer of a channel's current secret.
     *
     * @throws IllegalArgumentException when the secret is not {@code whsec_} and base64 of 24 to 64 bytes
     */
    static WebhookSigner current(String secret) {
        return new WebhookSigner(WebhookSecrets.signingKey(secret));
    }

    /**
     * The signer of a secret being rotated out, which may be shorter than a new one may be: rotating is how a channel
     * gets rid of a short secret.
     *
     * @throws IllegalArgumentException when the secret is not {@code whsec_} and base64
     */
    static WebhookSigner previous(String secret) {
        return new WebhookSigner(WebhookSecrets.key(secret));
    }

    /**
     * The {@code webhook-signature} value for one request.
     *
     * @param id the {@code webhook-id}
     * @param timestamp the {@code webhook-timestamp}, unix seconds
     * @param body the exact bytes of the request body
     */
    String sign(String id, long timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            mac.update((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
            return "v1," + Base64.getEncoder().encodeToString(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK has " + ALGORITHM, e);
        }
    }
}
