package io.vigil.engine.secret;

import io.vigil.engine.digest.Sha256;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals secret values for storage with AES-256-GCM, and opens them again.
 *
 * <p>A sealed value reads {@code vigil-sealed:v1:<key id>:<base64url of nonce and ciphertext>}: the version says how
 * the rest is made (a random 96-bit nonce, then the ciphertext with its 128-bit tag), and the key id (the first four
 * bytes of the SHA-256 of the key, in hex) says which key sealed it, so a rotation knows what to re-seal and a wrong
 * key is named rather than guessed at. A value without the prefix is a plaintext one saved before values were sealed:
 * {@link #open} hands it back as it is, and it is sealed the next time it is saved.
 *
 * <p>Thread-safe: it keeps only the keys and makes a {@link Cipher}, which is not thread-safe, for every value.
 */
public final class SealedValues {

    /** What every sealed value starts with. */
    public static final String PREFIX = "vigil-sealed:";

    static final String VERSION = "v1";

    private static final String CIPHER = "AES/GCM/NoPadding";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretsKeys keys;

    public SealedValues(SecretsKeys keys) {
        this.keys = Objects.requireNonNull(keys, "keys is null");
    }

    /** The keys it seals and opens with. */
    public SecretsKeys keys() {
        return keys;
    }

    /** Whether {@code value} is a sealed value (of any key), rather than plaintext. */
    public static boolean isSealed(String value) {
        return value != null && value.startsWith(PREFIX);
    }

    /** Whether {@code value} is sealed under the current key: nothing to re-seal. */
    public boolean sealedUnderCurrentKey(String value) {
        return isSealed(value) && value.startsWith(PREFIX + VERSION + ":" + keys.currentId() + ":");
    }

    /** The sealed form of {@code plaintext}, under the current key and a fresh nonce. */
    public String seal(String plaintext) {
        Objects.requireNonNull(plaintext, "plaintext is null");
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance(CIPHER);
            cipher.init(Cipher.ENCRYPT_MODE, aes(keys.current()), new GCMParameterSpec(TAG_BITS, nonce));
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            byte[] whole = new byte[nonce.length + sealed.length];
            System.arraycopy(nonce, 0, whole, 0, nonce.length);
            System.arraycopy(sealed, 0, whole, nonce.length, sealed.length);
            return PREFIX + VERSION + ":" + keys.currentId() + ":"
                    + Base64.getUrlEncoder().withoutPadding().encodeToString(whole);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK has " + CIPHER, e);
        }
    }

    /**
     * The plaintext of a sealed value, or {@code value} itself when it is not sealed (a value saved before sealing).
     *
     * @throws UnreadableSecretException when neither the current nor the previous key sealed it, or it was altered
     */
    public String open(String value) {
        if (!isSealed(value)) {
            return value;
        }
        String[] parts = value.substring(PREFIX.length()).split(":", 3);
        if (parts.length != 3 || !VERSION.equals(parts[0])) {
            throw new UnreadableSecretException("a sealed value of an unknown format ("
                    + (parts.length > 0 ? parts[0] : "") + "): it was written by a newer Vigil");
        }
        String keyId = parts[1];
        Optional<byte[]> key = keys.withId(keyId);
        if (key.isEmpty()) {
            throw new UnreadableSecretException("the value was sealed under secrets key " + keyId + ", and the"
                    + " configured key is " + keys.currentId()
                    + keys.previousId().map(id -> " (previous " + id + ")").orElse("")
                    + ": set VIGIL_SECRETS_KEY (or .vigil/secrets-key) to the key it was sealed under, or type the"
                    + " secret again");
        }
        byte[] whole;
        try {
            whole = Base64.getUrlDecoder().decode(parts[2]);
        } catch (IllegalArgumentException e) {
            throw new UnreadableSecretException("the sealed value is damaged (not base64)");
        }
        if (whole.length < NONCE_BYTES + TAG_BITS / 8) {
            throw new UnreadableSecretException("the sealed value is damaged (too short)");
        }
        try {
            Cipher cipher = Cipher.getInstance(CIPHER);
            cipher.init(Cipher.DECRYPT_MODE, aes(key.get()), new GCMParameterSpec(TAG_BITS, whole, 0, NONCE_BYTES));
            byte[] plain = cipher.doFinal(whole, NONCE_BYTES, whole.length - NONCE_BYTES);
            return new String(plain, StandardCharsets.UTF_8);
        } catch (AEADBadTagException e) {
            throw new UnreadableSecretException("the sealed value does not open under key " + keyId
                    + ": it was altered, or the key file was replaced by another key with the same id");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK has " + CIPHER, e);
        }
    }

    /** The id of a key as sealed values name it: the first four bytes of its SHA-256, in hex. */
    static String idOf(byte[] key) {
        return HexFormat.of().formatHex(Sha256.digest(key), 0, 4);
    }

    private static SecretKeySpec aes(byte[] key) {
        return new SecretKeySpec(key, "AES");
    }
}
