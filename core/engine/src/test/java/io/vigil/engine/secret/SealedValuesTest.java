package io.vigil.engine.secret;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.spi.config.ConfigField;
import io.vigil.spi.config.FieldType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SealedValuesTest {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretsKeys keys = new SecretsKeys(key(), null);
    private final SealedValues box = new SealedValues(keys);

    @Test
    void sealsUnderAFreshNonceAndOpensAgain() {
        String first = box.seal("whsec_secret");
        String second = box.seal("whsec_secret");

        assertThat(first)
                .startsWith("vigil-sealed:v1:" + keys.currentId() + ":")
                .doesNotContain("whsec_secret");
        assertThat(first).isNotEqualTo(second);
        assertThat(box.open(first)).isEqualTo("whsec_secret");
        assertThat(box.open(second)).isEqualTo("whsec_secret");
    }

    @Test
    void handsBackAPlaintextValueSavedBeforeSealing() {
        assertThat(box.open("whsec_plain")).isEqualTo("whsec_plain");
        assertThat(box.sealedUnderCurrentKey("whsec_plain")).isFalse();
    }

    @Test
    void aWrongKeyFailsNamingTheKeyItNeeds() {
        SecretsKeys other = new SecretsKeys(key(), null);
        String sealed = new SealedValues(other).seal("token");

        assertThatThrownBy(() -> box.open(sealed))
                .isInstanceOf(UnreadableSecretException.class)
                .hasMessageContaining("sealed under secrets key " + other.currentId())
                .hasMessageContaining("configured key is " + keys.currentId());
    }

    @Test
    void anAlteredValueDoesNotOpen() {
        String sealed = box.seal("token");
        char last = sealed.charAt(sealed.length() - 2);
        String altered = sealed.substring(0, sealed.length() - 2)
                + (last == 'A' ? 'B' : 'A')
                + sealed.charAt(sealed.length() - 1);

        assertThatThrownBy(() -> box.open(altered))
                .isInstanceOf(UnreadableSecretException.class)
                .hasMessageContaining("altered");
    }

    @Test
    void thePreviousKeyOfARotationStillOpensWhatItSealed() {
        byte[] old = key();
        String sealedBefore = new SealedValues(new SecretsKeys(old, null)).seal("token");
        SealedValues rotating = new SealedValues(new SecretsKeys(key(), old));

        assertThat(rotating.open(sealedBefore)).isEqualTo("token");
        assertThat(rotating.sealedUnderCurrentKey(sealedBefore)).isFalse();
        assertThat(rotating.sealedUnderCurrentKey(rotating.seal("token"))).isTrue();
    }

    @Test
    void generatesAKeyFileReadableByItsOwnerOnlyWhenNoneIsConfigured(@TempDir Path state) throws Exception {
        List<String> log = new ArrayList<>();
        SecretsKeys generated = SecretsKeys.load(Optional.empty(), Optional.empty(), state, log::add);
        SecretsKeys again = SecretsKeys.load(Optional.empty(), Optional.empty(), state, log::add);

        Path file = state.resolve("secrets-key");
        assertThat(Base64.getDecoder().decode(Files.readString(file).strip())).hasSize(32);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
        assertThat(again.currentId()).isEqualTo(generated.currentId());
        assertThat(log).singleElement().asString().contains("generated one into " + file);
    }

    @Test
    void theEnvironmentKeyComesBeforeTheFileAndAMalformedOneIsRefused(@TempDir Path state) {
        String key = Base64.getEncoder().encodeToString(key());
        SecretsKeys fromEnvironment = SecretsKeys.load(Optional.of(key), Optional.empty(), state, line -> {});

        assertThat(fromEnvironment.current()).isEqualTo(Base64.getDecoder().decode(key));
        assertThat(state.resolve("secrets-key")).doesNotExist();
        assertThatThrownBy(() -> SecretsKeys.load(Optional.of("c2hvcnQ="), Optional.empty(), state, line -> {}))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("holds 5 bytes");
    }

    @Test
    void masksCredentialUrlsAndTheCredentialsInOtherUrls() {
        ConfigField hook = ConfigField.of("url", "URL", FieldType.URL).asCredentialUrl();
        ConfigField feed = ConfigField.of("url", "Feed", FieldType.URL);

        assertThat(CredentialMasks.masked(hook, "https://hooks.slack.com/services/T0/B0/XYZ"))
                .isEqualTo("https://hooks.slack.com/•••");
        assertThat(CredentialMasks.masked(feed, "https://u:p@example.org/feed?api_key=k1&lang=en&sig=s"))
                .isEqualTo("https://•••@example.org/feed?api_key=•••&lang=en&sig=•••");
        assertThat(CredentialMasks.masked(feed, "https://example.org/feed.xml"))
                .isEqualTo("https://example.org/feed.xml");
        assertThat(CredentialMasks.keepSaved(
                        io.vigil.spi.config.ConfigSpec.of(hook),
                        Map.of("url", "https://hooks.slack.com/services/T0/B0/XYZ"),
                        Map.of("url", "https://hooks.slack.com/•••")))
                .containsEntry("url", "https://hooks.slack.com/services/T0/B0/XYZ");
    }

    private static byte[] key() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return key;
    }
}
