package io.vigil.engine.secret;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The keys that seal secrets: the current one, which seals and opens, and during a rotation the previous one, which
 * only opens (values it sealed are re-sealed under the current one).
 *
 * <p>Where the current key comes from, first found wins: {@code vigil.secrets.key} ({@code VIGIL_SECRETS_KEY}), then
 * the key file {@code <state-dir>/secrets-key} (which {@code ./vigil start} makes and {@code ./vigil backup} includes),
 * else a new key is generated into that file. The previous key: {@code vigil.secrets.previous-key}
 * ({@code VIGIL_SECRETS_KEY_PREVIOUS}), then {@code <state-dir>/secrets-key.previous}. Each is the base64 of 32 bytes.
 *
 * @param current the AES-256 key that seals
 * @param previous the key of a rotation in progress, which still opens, or {@code null}
 */
public record SecretsKeys(byte[] current, byte[] previous) {

    /** The key file in the state folder, as backups expect it. */
    public static final String KEY_FILE = "secrets-key";

    /** The previous key's file in the state folder, written by {@code ./vigil rotate-secrets-key}. */
    public static final String PREVIOUS_KEY_FILE = "secrets-key.previous";

    static final int KEY_BYTES = 32;

    public SecretsKeys {
        Objects.requireNonNull(current, "current is null");
        current = current.clone();
        previous = previous == null ? null : previous.clone();
        if (current.length != KEY_BYTES || (previous != null && previous.length != KEY_BYTES)) {
            throw new IllegalArgumentException("a secrets key is " + KEY_BYTES + " bytes");
        }
    }

    /** A new random key, base64: what {@code VIGIL_SECRETS_KEY} and the key file hold. */
    public static String generate() {
        byte[] key = new byte[KEY_BYTES];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    /**
     * The keys as configured, generating the key file when there is no key at all.
     *
     * @param key the value of {@code vigil.secrets.key}, empty when not set
     * @param previousKey the value of {@code vigil.secrets.previous-key}, empty when not set
     * @param stateDirectory the state folder, {@code .vigil} by default
     * @param log told, in one line, when a key file is generated
     * @throws IllegalStateException with a sentence for the operator when a key is malformed or cannot be stored
     */
    public static SecretsKeys load(
            Optional<String> key, Optional<String> previousKey, Path stateDirectory, Consumer<String> log) {
        Path keyFile = stateDirectory.resolve(KEY_FILE);
        byte[] current;
        if (key.isPresent() && !key.get().isBlank()) {
            current = decode(key.get(), "VIGIL_SECRETS_KEY (vigil.secrets.key)");
        } else if (Files.isRegularFile(keyFile)) {
            current = decode(read(keyFile), keyFile.toString());
        } else {
            current = decode(createKeyFile(keyFile), keyFile.toString());
            log.accept("No secrets key was configured: generated one into " + keyFile
                    + " (back it up with ./vigil backup, or set VIGIL_SECRETS_KEY; without it the stored channel and"
                    + " source secrets cannot be read)");
        }
        byte[] previous = null;
        Path previousFile = stateDirectory.resolve(PREVIOUS_KEY_FILE);
        if (previousKey.isPresent() && !previousKey.get().isBlank()) {
            previous = decode(previousKey.get(), "VIGIL_SECRETS_KEY_PREVIOUS (vigil.secrets.previous-key)");
        } else if (Files.isRegularFile(previousFile)) {
            previous = decode(read(previousFile), previousFile.toString());
        }
        if (previous != null && Arrays.equals(previous, current)) {
            previous = null;
        }
        return new SecretsKeys(current, previous);
    }

    /** The id sealed values carry for the current key. */
    public String currentId() {
        return SealedValues.idOf(current);
    }

    public Optional<String> previousId() {
        return previous == null ? Optional.empty() : Optional.of(SealedValues.idOf(previous));
    }

    /** The key with that id, current or previous. */
    Optional<byte[]> withId(String id) {
        if (currentId().equals(id)) {
            return Optional.of(current);
        }
        return previous != null && previousId().orElseThrow().equals(id) ? Optional.of(previous) : Optional.empty();
    }

    @Override
    public byte[] current() {
        return current.clone();
    }

    @Override
    public byte[] previous() {
        return previous == null ? null : previous.clone();
    }

    @Override
    public String toString() {
        return "SecretsKeys[current=" + currentId() + ", previous="
                + previousId().orElse("none") + "]";
    }

    private static byte[] decode(String text, String where) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(text.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(where + " is not base64: make one with `head -c 32 /dev/urandom | base64`");
        }
        if (key.length != KEY_BYTES) {
            throw new IllegalStateException(where + " holds " + key.length + " bytes, and a secrets key is " + KEY_BYTES
                    + ": make one with `head -c 32 /dev/urandom | base64`");
        }
        return key;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the secrets key " + file + ": " + e.getMessage(), e);
        }
    }

    private static String createKeyFile(Path file) {
        String key = generate();
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, key + "\n", StandardCharsets.UTF_8);
            return key;
        } catch (FileAlreadyExistsException raced) {
            // Another instance on the same state folder made it first: use that one.
            return read(file);
        } catch (IOException | UnsupportedOperationException e) {
            throw new IllegalStateException(
                    "no secrets key is configured and none can be stored in " + file + " (" + e.getMessage()
                            + "): set VIGIL_SECRETS_KEY to the base64 of 32 random bytes",
                    e);
        }
    }
}
