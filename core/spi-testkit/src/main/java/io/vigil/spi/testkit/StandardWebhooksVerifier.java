package io.vigil.spi.testkit;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A receiver's check of a Standard Webhooks signature, written from the specification rather than from Vigil's signer,
 * so a test of a signing notifier does not check the signer against itself: the timestamp within five minutes of the
 * receiver's clock, and one of the space-separated {@code v1,} signatures equal to the HMAC-SHA256 of
 * {@code id.timestamp.body}, compared in constant time. Immutable, so one verifier may serve many threads.
 */
public final class StandardWebhooksVerifier {

    private static final Duration TOLERANCE = Duration.ofMinutes(5);

    private final byte[] key;

    /** @param secret the channel secret, base64, with or without the {@code whsec_} prefix */
    public StandardWebhooksVerifier(String secret) {
        this.key = Base64.getDecoder().decode(secret.startsWith("whsec_") ? secret.substring(6) : secret);
    }

    /**
     * Why the request is refused, or {@code null} when it is authentic.
     *
     * @param id the {@code webhook-id} header
     * @param timestamp the {@code webhook-timestamp} header, in seconds since the epoch
     * @param signatures the {@code webhook-signature} header
     * @param now the receiver's clock
     */
    public String problem(String id, String timestamp, String signatures, byte[] body, Instant now) {
        if (id == null || timestamp == null || signatures == null) {
            return "a webhook header is missing";
        }
        long seconds;
        try {
            seconds = Long.parseLong(timestamp);
        } catch (NumberFormatException e) {
            return "the timestamp is not a number";
        }
        if (Math.abs(now.getEpochSecond() - seconds) > TOLERANCE.toSeconds()) {
            return "the timestamp is outside the tolerance";
        }
        byte[] expected = expected(id, timestamp, body);
        for (String signature : signatures.split(" ")) {
            if (!signature.startsWith("v1,")) {
                continue;
            }
            try {
                if (MessageDigest.isEqual(expected, Base64.getDecoder().decode(signature.substring(3)))) {
                    return null;
                }
            } catch (IllegalArgumentException notBase64) {
                // another signature may still match
            }
        }
        return "no signature matches";
    }

    private byte[] expected(String id, String timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
