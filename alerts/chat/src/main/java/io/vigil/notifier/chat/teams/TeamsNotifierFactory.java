package io.vigil.notifier.chat.teams;

import io.vigil.spi.config.ConfigField;
import io.vigil.spi.config.ConfigSpec;
import io.vigil.spi.config.FieldType;
import io.vigil.spi.config.PluginConfig;
import io.vigil.spi.notify.Notifier;
import io.vigil.spi.notify.NotifierContext;
import io.vigil.spi.notify.NotifierFactory;
import java.util.Optional;

/**
 * Describes the {@code teams} channel: each notification is posted to a Microsoft Teams channel or chat through a
 * Workflows webhook (the "Send webhook alerts to a channel" template), as an Adaptive Card. The webhook URL carries its
 * signature, so the whole URL is a credential. Thread-safe.
 */
public final class TeamsNotifierFactory implements NotifierFactory {

    static final String URL = "url";

    @Override
    public String type() {
        return "teams";
    }

    @Override
    public String label() {
        return "Microsoft Teams";
    }

    @Override
    public String description() {
        return "Posts each alert to a Teams channel through a Workflows webhook, as an Adaptive Card.";
    }

    @Override
    public Optional<String> addressField() {
        return Optional.of(URL);
    }

    @Override
    public ConfigSpec configSpec() {
        return ConfigSpec.of(ConfigField.of(URL, "Workflows webhook URL", FieldType.URL)
                .asRequired()
                .asCredentialUrl()
                .withHelp(
                        "Teams channel ⋯ → Workflows → \"Send webhook alerts to a channel\"; copy the URL it shows."));
    }

    @Override
    public Notifier create(PluginConfig config, NotifierContext context) {
        return new TeamsNotifier(config.url(URL), context);
    }
}
