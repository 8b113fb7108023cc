package io.vigil.spi.notify;

import io.vigil.spi.PermanentFailureException;
import io.vigil.spi.PluginFactory;
import io.vigil.spi.config.PluginConfig;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/** Describes a notification channel type and creates one notifier per configured channel. */
public interface NotifierFactory extends PluginFactory {

    /**
     * Creates the notifier for one channel. Called when the channel is created or changed and at start-up.
     *
     * @throws PermanentFailureException when the configuration cannot work; shown on the channel
     */
    Notifier create(PluginConfig config, NotifierContext context) throws PermanentFailureException;

    /**
     * Replaces the secret this type generates (see {@link #generatedValue}), keeping the replaced one working beside
     * the new one until {@code keepReplacedUntil} so receivers can switch without refusing a request (a webhook
     * signs with both meanwhile). Empty when this type has no secret to rotate, which is the default.
     *
     * @param config the channel's configuration, plain; a secret the platform could not open is absent
     * @param keepReplacedUntil the end of the overlap, or {@code null} to drop the replaced secret at once
     */
    default Optional<RotatedSecret> rotatedSecret(Map<String, String> config, Instant keepReplacedUntil) {
        return Optional.empty();
    }
}
