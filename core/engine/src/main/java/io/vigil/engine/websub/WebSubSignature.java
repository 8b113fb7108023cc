package io.vigil.engine.websub;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks a content distribution's {@code X-Hub-Signature: method=hex} header: the HMAC of the body keyed with the
 * subscription's secret (WebSub §8). {@code sha256} is what Vigil asks for and prefers; {@code sha384}, {@code sha512}
 * and the older {@code sha1} are accepted because the hub picks the method. Compared in constant time.
 */
public final class WebSubSignature {

    private static final Map<String, String> ALGORITHMS = Map.of(
            "sha256", "HmacSHA256",
            "sha384", "HmacSHA384",
            "sha512", "HmacSHA512",
            "sha1", "HmacSHA1");

    private WebSubSignature() {}

    /** Whether {@code header} is a valid signature of {@code body} with {@code secret}; a missing one is not. */
    public static boolean verifies(String header, String secret, byte[] body) {
        if (header == null || secret == null || body == null) {
            return false;
        }
        int equals = header.indexOf('=');
        if (equals < 0) {
            return false;
        }
        String algorithm = ALGORITHMS.get(header.substring(0, equals).strip().toLowerCase(Locale.ROOT));
        if (algorithm == null) {
            return false;
        }
        byte[] sent;
        try {
            sent = HexFormat.of().parseHex(header.substring(equals + 1).strip().toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException notHex) {
            return false;
        }
        return MessageDigest.isEqual(sent, hmac(algorithm, secret, body));
    }

    /** The header a hub would send: {@code sha256=} and the hex HMAC-SHA256 of the body. */
    public static String sign(String secret, byte[] body) {
        return "sha256=" + HexFormat.of().formatHex(hmac("HmacSHA256", secret, body));
    }

    private static byte[] hmac(String algorithm, String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), algorithm));
            return mac.doFinal(body);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("every JDK has " + algorithm, e);
        }
    }
}
