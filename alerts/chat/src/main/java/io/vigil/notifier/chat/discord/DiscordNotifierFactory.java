package io.vigil.notifier.chat.discord;

import io.vigil.spi.PermanentFailureException;
import io.vigil.spi.config.ConfigField;
import io.vigil.spi.config.ConfigSpec;
import io.vigil.spi.config.FieldType;
import io.vigil.spi.config.PluginConfig;
import io.vigil.spi.notify.Notifier;
import io.vigil.spi.notify.NotifierContext;
import io.vigil.spi.notify.NotifierFactory;
import java.net.URI;
import java.util.Optional;

/**
 * Describes the {@code discord} channel: each notification is posted to a Discord channel through one of its
 * webhooks, as embeds. The webhook URL holds the webhook's token, so the whole URL is a credential. Thread-safe.
 */
public final class DiscordNotifierFactory implements NotifierFactory {

    static final String URL = "url";

    @Override
    public String type() {
        return "discord";
    }

    @Override
    public String label() {
        return "Discord";
    }

    @Override
    public String description() {
        return "Posts each alert to a Discord channel through a webhook, as embeds.";
    }

    @Override
    public Optional<String> addressField() {
        return Optional.of(URL);
    }

    @Override
    public ConfigSpec configSpec() {
        return ConfigSpec.of(ConfigField.of(URL, "Webhook URL", FieldType.URL)
                .asRequired()
                .asCredentialUrl()
                .withHelp("Channel settings → Integrations → Webhooks → Copy Webhook URL;"
                        + " https://discord.com/api/webhooks/…"));
    }

    @Override
    public Notifier create(PluginConfig config, NotifierContext context) throws PermanentFailureException {
        URI url = config.url(URL);
        String path = url.getPath() == null ? "" : url.getPath();
        if (!path.matches(".*/webhooks/[^/]+/[^/]+/?")) {
            throw new PermanentFailureException(
                    "a Discord webhook URL looks like https://discord.com/api/webhooks/<id>/<token> (url)");
        }
        return new DiscordNotifier(url, context);
    }
}
