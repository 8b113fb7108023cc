package io.vigil.notifier.chat.ntfy;

import io.vigil.spi.PermanentFailureException;
import io.vigil.spi.config.ConfigField;
import io.vigil.spi.config.ConfigSpec;
import io.vigil.spi.config.FieldType;
import io.vigil.spi.config.PluginConfig;
import io.vigil.spi.notify.Notifier;
import io.vigil.spi.notify.NotifierContext;
import io.vigil.spi.notify.NotifierFactory;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Describes the {@code ntfy} channel: a push notification to phones and desktops subscribed to an ntfy topic, on
 * ntfy.sh or a self-hosted server. A protected topic takes an access token, kept secret. Thread-safe.
 */
public final class NtfyNotifierFactory implements NotifierFactory {

    static final String URL = "url";
    static final String TOKEN = "token";
    static final String PRIORITY = "priority";
    static final String TAGS = "tags";

    /** ntfy's topic names: letters, digits, {@code -} and {@code _}, up to 64. */
    private static final Pattern TOPIC = Pattern.compile("[-_A-Za-z0-9]{1,64}");
    /** ntfy's tags: comma-separated words; those naming an emoji (such as {@code newspaper}) show as that emoji. */
    private static final Pattern TAG_LIST = Pattern.compile("[-_A-Za-z0-9+]{1,40}(,[-_A-Za-z0-9+]{1,40}){0,9}");

    @Override
    public String type() {
        return "ntfy";
    }

    @Override
    public String label() {
        return "ntfy";
    }

    @Override
    public String description() {
        return "Sends each alert as a push notification to an ntfy topic (ntfy.sh or your own server).";
    }

    @Override
    public Optional<String> addressField() {
        return Optional.of(URL);
    }

    @Override
    public ConfigSpec configSpec() {
        return ConfigSpec.of(
                ConfigField.of(URL, "Topic URL", FieldType.URL)
                        .asRequired()
                        .asCredentialUrl()
                        .withHelp("The topic's address, such as https://ntfy.sh/vigil-alerts-7Hq2; hard to guess."),
                ConfigField.of(TOKEN, "Access token", FieldType.STRING)
                        .asSecret()
                        .withHelp("For a protected topic: an access token (tk_…) of a user who may publish."),
                new ConfigField(
                        PRIORITY,
                        "Priority",
                        FieldType.CHOICE,
                        false,
                        "default",
                        "How insistently phones announce an alert: min, low, default, high or urgent.",
                        false,
                        List.of("min", "low", "default", "high", "urgent")),
                ConfigField.of(TAGS, "Tags", FieldType.STRING)
                        .withDefault("newspaper")
                        .withHelp("Comma-separated ntfy tags; an emoji name such as newspaper shows as 📰."));
    }

    @Override
    public Notifier create(PluginConfig config, NotifierContext context) throws PermanentFailureException {
        URI url = config.url(URL);
        String path = url.getPath() == null ? "" : url.getPath().replaceAll("/+$", "");
        String topic = path.substring(path.lastIndexOf('/') + 1);
        if (!TOPIC.matcher(topic).matches()) {
            throw new PermanentFailureException(
                    "the URL must end in a topic such as https://ntfy.sh/vigil-alerts, not '" + url + "' (url)");
        }
        String tags = config.get(TAGS).orElse("").replace(" ", "");
        if (!tags.isEmpty() && !TAG_LIST.matcher(tags).matches()) {
            throw new PermanentFailureException(
                    "tags must be up to ten comma-separated words of letters, digits, - and _ (tags)");
        }
        return new NtfyNotifier(url, config.get(TOKEN).orElse(null), config.string(PRIORITY), tags, context);
    }
}
