package io.vigil.notifier.webhook;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.spi.PermanentFailureException;
import io.vigil.spi.config.ConfigField;
import io.vigil.spi.config.ConfigSpec;
import io.vigil.spi.config.FieldType;
import io.vigil.spi.config.PluginConfig;
import io.vigil.spi.notify.Notifier;
import io.vigil.spi.notify.NotifierContext;
import io.vigil.spi.notify.NotifierFactory;

/**
 * Describes the {@code webhook} channel: an HTTP POST of each notification, as Vigil's signed JSON or as a
 * Slack-compatible message.
 *
 * <p>The {@code secret} is write-only. When a user leaves it empty, the platform fills it with
 * {@link WebhookSecrets#generate()} before it saves the channel; a {@code vigil} channel without one cannot be
 * created, because receivers are told to refuse unsigned requests. Thread-safe.
 */
public final class WebhookNotifierFactory implements NotifierFactory {

    static final String URL = "url";
    static final String SECRET = "secret";
    static final String FORMAT = "format";

    private final ObjectMapper json = new ObjectMapper();

    @Override
    public String type() {
        return "webhook";
    }

    @Override
    public String label() {
        return "Webhook";
    }

    @Override
    public String description() {
        return "Posts each alert as JSON signed the Standard Webhooks way, or as a message for a Slack-compatible chat.";
    }

    @Override
    public ConfigSpec configSpec() {
        return ConfigSpec.of(
                ConfigField.of(URL, "URL", FieldType.URL)
                        .asRequired()
                        .withHelp("Where Vigil posts, such as https://hooks.example.org/vigil."),
                ConfigField.of(SECRET, "Signing secret", FieldType.STRING)
                        .asSecret()
                        .withHelp("whsec_ followed by base64; leave empty and Vigil makes one and shows it once."),
                // A choice field needs its options from the start, so it is built whole rather than with of(…).
                new ConfigField(
                        FORMAT,
                        "Format",
                        FieldType.CHOICE,
                        false,
                        WebhookFormat.VIGIL.configValue(),
                        "vigil: signed JSON for your own receiver; slack: a Slack-compatible message.",
                        false,
                        WebhookFormat.configValues()));
    }

    @Override
    public Notifier create(PluginConfig config, NotifierContext context) throws PermanentFailureException {
        WebhookFormat format = WebhookFormat.fromConfig(config.string(FORMAT));
        WebhookSigner signer = null;
        if (config.get(SECRET).isPresent()) {
            try {
                signer = new WebhookSigner(config.string(SECRET));
            } catch (IllegalArgumentException e) {
                throw new PermanentFailureException(e.getMessage(), e);
            }
        } else if (format == WebhookFormat.VIGIL) {
            throw new PermanentFailureException("the channel has no signing secret; save it again to get one");
        }
        return new WebhookNotifier(config.url(URL), signer, format, json, context);
    }
}
