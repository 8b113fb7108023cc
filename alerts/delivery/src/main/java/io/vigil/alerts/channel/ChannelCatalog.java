package io.vigil.alerts.channel;

import io.vigil.engine.plugin.PluginRegistry;
import io.vigil.notifier.webhook.WebhookSecrets;
import io.vigil.spi.PermanentFailureException;
import io.vigil.spi.PluginKind;
import io.vigil.spi.config.ConfigField;
import io.vigil.spi.notify.NotifierFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Creates, changes and deletes channels, checking each definition against its notifier type before it is saved.
 *
 * <p>Secrets are write-only: a secret left blank on an edit keeps the saved value, and a {@code webhook} channel saved
 * without a secret gets a new one, which {@link SavedChannel#generatedSecret()} hands back exactly once.
 */
@ApplicationScoped
public class ChannelCatalog {

    /** The notifier type whose empty secret Vigil fills in itself. */
    static final String WEBHOOK = "webhook";

    static final String SECRET = "secret";

    @Inject
    PluginRegistry plugins;

    @Inject
    ChannelNotifiers notifiers;

    /**
     * What a user asks a channel to be.
     *
     * @param type the notifier type name
     * @param name a unique name
     * @param config the type's settings as typed; a blank secret means "keep the saved one"
     * @param enabled whether alerts are sent through it
     */
    public record ChannelDefinition(String type, String name, Map<String, String> config, boolean enabled) {
        public ChannelDefinition {
            config = config == null ? Map.of() : new HashMap<>(config);
            config.values().removeIf(value -> value == null);
            config = Map.copyOf(config);
        }
    }

    /** A saved channel, and the secret Vigil generated for it when it did (shown once, never again). */
    public record SavedChannel(Channel channel, String generatedSecret) {}

    @Transactional
    public SavedChannel create(ChannelDefinition definition) {
        Channel channel = new Channel();
        channel.createdAt = Instant.now();
        String generated = apply(channel, definition);
        channel.persist();
        return new SavedChannel(channel, generated);
    }

    /** Changes a channel; {@code null} when there is none with that id. */
    @Transactional
    public SavedChannel update(long id, ChannelDefinition definition) {
        Channel channel = Channel.findById(id);
        if (channel == null) {
            return null;
        }
        String generated = apply(channel, definition);
        notifiers.forget(id);
        return new SavedChannel(channel, generated);
    }

    @Transactional
    public boolean delete(long id) {
        boolean deleted = Channel.deleteById(id);
        notifiers.forget(id);
        return deleted;
    }

    /** Names the secret settings of a type, so the API can leave them out. */
    public boolean isSecret(String type, String field) {
        return plugins.notifierFactory(type)
                .flatMap(factory -> factory.configSpec().field(field))
                .map(ConfigField::secret)
                .orElse(false);
    }

    private String apply(Channel channel, ChannelDefinition definition) {
        if (definition.type() == null || definition.type().isBlank()) {
            throw new InvalidChannelException("type", "type is required (installed: " + installed() + ")");
        }
        NotifierFactory factory = plugins.notifierFactory(definition.type())
                .orElseThrow(() -> new InvalidChannelException(
                        "type", "unknown channel type '" + definition.type() + "' (installed: " + installed() + ")"));
        String name = definition.name() == null ? "" : definition.name().strip();
        if (name.isEmpty()) {
            throw new InvalidChannelException("name", "name is required");
        }
        if (name.length() > 200) {
            throw new InvalidChannelException("name", "name is longer than 200 characters");
        }
        Channel sameName = Channel.findByName(name).orElse(null);
        if (sameName != null && !sameName.id.equals(channel.id)) {
            throw new InvalidChannelException("name", "a channel named '" + name + "' already exists");
        }
        Map<String, String> config = new HashMap<>(definition.config());
        boolean sameType = definition.type().equals(channel.type);
        for (ConfigField field : factory.configSpec().fields()) {
            String given = config.get(field.name());
            if (field.secret() && (given == null || given.isBlank())) {
                config.remove(field.name());
                if (sameType && channel.config.containsKey(field.name())) {
                    config.put(field.name(), channel.config.get(field.name()));
                }
            }
        }
        String generated = null;
        if (WEBHOOK.equals(definition.type()) && !config.containsKey(SECRET)) {
            generated = WebhookSecrets.generate();
            config.put(SECRET, generated);
        }
        // The spec names the setting at fault; a trial notifier catches what only the plugin knows (a malformed
        // secret, say), so a channel that cannot work is refused now instead of failing at the first alert.
        factory.configSpec().validate(config);
        Instant now = Instant.now();
        try {
            notifiers.check(new ChannelSnapshot(
                    channel.id == null ? 0 : channel.id, definition.type(), name, config, definition.enabled(), now));
        } catch (PermanentFailureException e) {
            throw new InvalidChannelException("config", e.getMessage());
        }
        channel.type = definition.type();
        channel.name = name;
        channel.config = config;
        channel.enabled = definition.enabled();
        channel.updatedAt = now;
        return generated;
    }

    private String installed() {
        return String.join(", ", plugins.typeNames(PluginKind.NOTIFIER));
    }
}
