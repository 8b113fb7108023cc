package io.vigil.engine.secret;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.SecretKeysHandler;
import io.smallrye.config.SecretKeysHandlerFactory;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Sealed values in Vigil's own configuration, such as the SMTP password:
 * {@code quarkus.mailer.password=${vigil-sealed::vigil-sealed:v1:…}} holds the value sealed under the secrets key
 * ({@code ./vigil seal} makes one), so the password is not in the configuration file or environment as plaintext.
 * Opened once, when the configuration is read, with the keys {@link SecretsKeys#load} finds.
 */
public final class SealedConfigValues implements SecretKeysHandlerFactory {

    /** The handler's name in a {@code ${name::value}} expression. */
    public static final String NAME = "vigil-sealed";

    @Override
    public SecretKeysHandler getSecretKeysHandler(ConfigSourceContext context) {
        return new SecretKeysHandler() {
            @Override
            public String decode(String secret) {
                SecretsKeys keys = SecretsKeys.load(
                        value(context, "vigil.secrets.key").or(() -> value(context, "VIGIL_SECRETS_KEY")),
                        value(context, "VIGIL_SECRETS_KEY_PREVIOUS"),
                        Path.of(value(context, "vigil.state-dir").orElse(".vigil")),
                        line -> {});
                String sealed = secret.startsWith(SealedValues.PREFIX) ? secret : SealedValues.PREFIX + secret;
                return new SealedValues(keys).open(sealed);
            }

            @Override
            public String getName() {
                return NAME;
            }
        };
    }

    @Override
    public String getName() {
        return NAME;
    }

    private static Optional<String> value(ConfigSourceContext context, String name) {
        ConfigValue value = context.getValue(name);
        return value == null || value.getValue() == null || value.getValue().isBlank()
                ? Optional.empty()
                : Optional.of(value.getValue());
    }
}
