package io.vigil.spi.notify;

import io.vigil.spi.PermanentFailureException;
import io.vigil.spi.PluginFactory;
import io.vigil.spi.config.PluginConfig;

/** Describes a notification channel type and creates one notifier per configured channel. */
public interface NotifierFactory extends PluginFactory {

    /**
     * Creates the notifier for one channel. Called when the channel is created or changed and at start-up.
     *
     * @throws PermanentFailureException when the configuration cannot work; shown on the channel
     */
    Notifier create(PluginConfig config, NotifierContext context) throws PermanentFailureException;
}
