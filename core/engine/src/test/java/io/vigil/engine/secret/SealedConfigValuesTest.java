package io.vigil.engine.secret;

import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A sealed value in the configuration, as the SMTP password is given, opened when the configuration is read. */
class SealedConfigValuesTest {

    @Test
    void opensASealedPasswordInTheConfigurationWithTheSecretsKey(@TempDir Path state) {
        byte[] key = new byte[32];
        new java.security.SecureRandom().nextBytes(key);
        String sealed = new SealedValues(new SecretsKeys(key, null)).seal("smtp-password-1");

        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .addDefaultInterceptors()
                .addDiscoveredSecretKeysHandlers()
                .withSources(new PropertiesConfigSource(
                        Map.of(
                                "vigil.secrets.key", Base64.getEncoder().encodeToString(key),
                                "vigil.state-dir", state.toString(),
                                "quarkus.mailer.password", "${vigil-sealed::" + sealed + "}"),
                        "test",
                        100))
                .build();

        assertThat(config.getValue("quarkus.mailer.password", String.class)).isEqualTo("smtp-password-1");
        assertThat(sealed).doesNotContain("smtp-password-1");
    }
}
