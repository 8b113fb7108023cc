package io.vigil.notifier.webhook;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.spi.PermanentFailureException;
import io.vigil.spi.config.ConfigField;
import io.vigil.spi.config.ConfigProblem;
import io.vigil.spi.config.ConfigSpec;
import io.vigil.spi.config.FieldType;
import io.vigil.spi.config.InvalidConfigException;
import io.vigil.spi.config.PluginConfig;
import io.vigil.spi.notify.Notifier;
import io.vigil.spi.notify.NotifierContext;
import io.vigil.spi.notify.NotifierFactory;
import io.vigil.spi.notify.RotatedSecret;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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
    static final String VERSION = "version";
    /** During a rotation, the secret replaced, which still signs until {@link #PREVIOUS_SECRET_UNTIL}. */
    public static final String PREVIOUS_SECRET = "previous-secret";
    /** When the previous secret stops signing: an ISO-8601 instant. */
    public static final String PREVIOUS_SECRET_UNTIL = "previous-secret-until";

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

    /** A webhook saved without a signing secret gets a new one, shown to the user once, so every receiver can verify. */
    @Override
    public Optional<String> generatedValue(String field) {
        return SECRET.equals(field) ? Optional.of(WebhookSecrets.generate()) : Optional.empty();
    }

    @Override
    public Optional<RotatedSecret> rotatedSecret(Map<String, String> config, Instant keepReplacedUntil) {
        Map<String, String> rotated = new HashMap<>(config);
        String replaced = rotated.get(SECRET);
        rotated.remove(PREVIOUS_SECRET);
        rotated.remove(PREVIOUS_SECRET_UNTIL);
        Instant until = null;
        if (replaced != null && !replaced.isBlank() && keepReplacedUntil != null) {
            until = keepReplacedUntil;
            rotated.put(PREVIOUS_SECRET, replaced);
            rotated.put(PREVIOUS_SECRET_UNTIL, until.toString());
        }
        String secret = WebhookSecrets.generate();
        rotated.put(SECRET, secret);
        return Optional.of(new RotatedSecret(rotated, secret, until));
    }

    @Override
    public Optional<String> addressField() {
        return Optional.of(URL);
    }

    @Override
    public ConfigSpec configSpec() {
        return ConfigSpec.of(
                ConfigField.of(URL, "URL", FieldType.URL)
                        .asRequired()
                        .asCredentialUrl()
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
                        WebhookFormat.configValues()),
                new ConfigField(
                        VERSION,
                        "Payload version",
                        FieldType.CHOICE,
                        false,
                        "1",
                        "The vigil document's version (docs/webhooks.md). 2 adds how the rule was read, the clause"
                                + " behind each mark and the escalation type; 1 stays as it was.",
                        false,
                        List.of("1", "2")),
                ConfigField.of(PREVIOUS_SECRET, "Previous signing secret", FieldType.STRING)
                        .asSecret()
                        .withHelp("Set by Rotate secret: the secret replaced, which also signs every request until the"
                                + " time below, so receivers can switch without missing one."),
                ConfigField.of(PREVIOUS_SECRET_UNTIL, "Previous secret signs until", FieldType.STRING)
                        .withHelp("An ISO-8601 instant such as 2026-12-03T18:00:00Z; after it only the secret above"
                                + " signs."));
    }

    @Override
    public Notifier create(PluginConfig config, NotifierContext context) throws PermanentFailureException {
        WebhookFormat format = WebhookFormat.fromConfig(config.string(FORMAT));
        WebhookSigner signer = null;
        if (config.get(SECRET).isPresent()) {
            try {
                signer = WebhookSigner.current(config.string(SECRET));
            } catch (IllegalArgumentException e) {
                throw refused(SECRET, e.getMessage());
            }
        } else if (format == WebhookFormat.VIGIL) {
            throw new PermanentFailureException("the channel has no signing secret; save it again to get one");
        }
        WebhookNotifier.Previous previous = null;
        if (config.get(PREVIOUS_SECRET).isPresent() && signer != null) {
            Instant until;
            try {
                until = Instant.parse(config.get(PREVIOUS_SECRET_UNTIL).orElseThrow());
            } catch (java.util.NoSuchElementException | DateTimeParseException e) {
                throw refused(
                        PREVIOUS_SECRET_UNTIL,
                        "must be an ISO-8601 instant such as 2026-12-03T18:00:00Z while"
                                + " a previous secret is kept");
            }
            try {
                previous = new WebhookNotifier.Previous(WebhookSigner.previous(config.string(PREVIOUS_SECRET)), until);
            } catch (IllegalArgumentException e) {
                throw refused(PREVIOUS_SECRET, e.getMessage());
            }
        }
        int version = "2".equals(config.string(VERSION)) ? VigilPayloadV2.VERSION : VigilPayload.VERSION;
        return new WebhookNotifier(config.url(URL), signer, previous, format, version, json, context);
    }

    /**
     * A setting the platform's spec lets through but this plugin refuses; the cause names the setting, so the problem
     * the platform answers shows the field.
     */
    private static PermanentFailureException refused(String field, String message) {
        return new PermanentFailureException(
                message, new InvalidConfigException(List.of(new ConfigProblem(field, message))));
    }
}
