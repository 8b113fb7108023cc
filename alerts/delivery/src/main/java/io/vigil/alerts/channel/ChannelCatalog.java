package io.vigil.alerts.channel;

import io.vigil.engine.input.TextLimits;
import io.vigil.engine.limits.CreationLimits;
import io.vigil.engine.limits.Limit;
import io.vigil.engine.plugin.PluginCalls;
import io.vigil.engine.plugin.PluginRegistry;
import io.vigil.engine.secret.CredentialMasks;
import io.vigil.engine.secret.Secrets;
import io.vigil.engine.secret.UnreadableSecretException;
import io.vigil.spi.PermanentFailureException;
import io.vigil.spi.PluginKind;
import io.vigil.spi.config.ConfigField;
import io.vigil.spi.config.InvalidConfigException;
import io.vigil.spi.notify.NotifierFactory;
import io.vigil.spi.notify.RotatedSecret;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Creates, changes and deletes channels, checking each definition against its notifier type before it is saved.
 *
 * <p>Secrets are write-only: a secret left blank on an edit keeps the saved value, and a field still blank that the
 * type {@linkplain io.vigil.spi.PluginFactory#generatedValue generates} (a webhook's signing secret) gets a new value,
 * which {@link SavedChannel#generatedSecret()} hands back exactly once.
 */
@ApplicationScoped
public class ChannelCatalog {

    @Inject
    CreationLimits limits;

    @Inject
    PluginRegistry plugins;

    @Inject
    ChannelNotifiers notifiers;

    @Inject
    Secrets secrets;

    /**
     * What a user asks a channel to be.
     *
     * @param type the notifier type name
     * @param name a unique name
     * @param config the type's settings as typed; a blank secret means "keep the saved one"
     * @param enabled whether alerts are sent through it
     * @param digest when its digests go out; {@code null} keeps the saved times (the defaults for a new channel)
     */
    public record ChannelDefinition(
            String type, String name, Map<String, String> config, boolean enabled, DigestTimes digest) {
        public ChannelDefinition {
            config = config == null ? Map.of() : new HashMap<>(config);
            config.values().removeIf(value -> value == null);
            config = Map.copyOf(config);
        }

        /** A definition that leaves the digest times as they are. */
        public ChannelDefinition(String type, String name, Map<String, String> config, boolean enabled) {
            this(type, name, config, enabled, null);
        }
    }

    /** A saved channel, and the secret Vigil generated for it when it did (shown once, never again). */
    /**
     * @param changedSettings the names of the settings an update changed, secrets included (never their values), in
     *     name order, for the audit log; empty for a new channel
     */
    public record SavedChannel(Channel channel, String generatedSecret, List<String> changedSettings) {}

    /**
     * Saves a new channel.
     *
     * @param createdBy the user making it, counted against their share of the cap; {@code null} records nobody
     */
    @Transactional
    public SavedChannel create(ChannelDefinition definition, Long createdBy) {
        limits.admitOneFor(Limit.CHANNELS, createdBy);
        Channel channel = new Channel();
        channel.createdAt = Instant.now();
        channel.createdBy = createdBy;
        String generated = apply(channel, definition);
        channel.persist();
        return new SavedChannel(channel, generated, List.of());
    }

    /** Changes a channel; {@code null} when there is none with that id. */
    @Transactional
    public SavedChannel update(long id, ChannelDefinition definition) {
        Channel channel = Channel.findById(id);
        if (channel == null) {
            return null;
        }
        Map<String, String> before = channel.config == null ? Map.of() : new HashMap<>(channel.config);
        String generated = apply(channel, definition);
        notifiers.forget(id);
        // Sealed values that were kept are kept byte for byte, so a differing value is a setting that changed.
        TreeSet<String> names = new TreeSet<>(before.keySet());
        names.addAll(channel.config.keySet());
        List<String> changed = names.stream()
                .filter(name -> !Objects.equals(before.get(name), channel.config.get(name)))
                .toList();
        return new SavedChannel(channel, generated, changed);
    }

    /**
     * A new signing secret for a webhook channel, with the secret it replaces kept signing beside it for a while.
     *
     * @param secret the new secret, shown this once
     * @param previousUntil when the replaced secret stops signing, or {@code null} when none is kept
     */
    public record Rotation(Channel channel, String secret, Instant previousUntil) {}

    /**
     * Gives a webhook channel a new signing secret. During {@code overlap} every request carries the signatures of
     * both the new and the replaced secret, so receivers can switch to the new one without refusing a request.
     *
     * @return the rotation, or {@code null} when there is no channel with that id
     * @throws InvalidChannelException when the channel is not a webhook channel
     */
    @Transactional
    public Rotation rotateSecret(long id, Duration overlap) {
        Channel channel = Channel.findById(id);
        if (channel == null) {
            return null;
        }
        NotifierFactory factory = plugins.notifierFactory(channel.type)
                .orElseThrow(() -> new InvalidChannelException(
                        "type", "no notifier type '" + channel.type + "' is installed in this Vigil"));
        Instant until = overlap.isPositive()
                ? Instant.now().truncatedTo(ChronoUnit.SECONDS).plus(overlap)
                : null;
        RotatedSecret rotated = PluginCalls.call(
                        factory, () -> factory.rotatedSecret(readable(factory, channel.config), until))
                .orElseThrow(() ->
                        new InvalidChannelException("type", "a " + channel.type + " channel has no secret to rotate"));
        channel.config = secrets.sealed(factory.configSpec(), rotated.config());
        channel.updatedAt = Instant.now();
        notifiers.forget(id);
        return new Rotation(channel, rotated.secret(), rotated.replacedUntil());
    }

    /** The channel's settings opened; a secret no key opens is left out (it cannot work during an overlap either). */
    private Map<String, String> readable(NotifierFactory factory, Map<String, String> config) {
        Map<String, String> plain = new HashMap<>();
        for (Map.Entry<String, String> entry : config.entrySet()) {
            try {
                plain.putAll(secrets.opened(Map.of(entry.getKey(), entry.getValue())));
            } catch (UnreadableSecretException e) {
                // left out
            }
        }
        return plain;
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
        DigestTimes digest =
                definition.digest() == null ? null : definition.digest().checked();
        String name = definition.name() == null ? "" : definition.name().strip();
        if (name.isEmpty()) {
            throw new InvalidChannelException("name", "name is required");
        }
        TextLimits.excess("name", name, TextLimits.NAME).ifPresent(tooLong -> {
            throw new InvalidChannelException("name", tooLong);
        });
        TextLimits.notOneLine("name", name).ifPresent(twoLines -> {
            throw new InvalidChannelException("name", twoLines);
        });
        Channel sameName = Channel.findByName(name).orElse(null);
        if (sameName != null && !sameName.id.equals(channel.id)) {
            throw new InvalidChannelException("name", "a channel named '" + name + "' already exists");
        }
        boolean sameType = definition.type().equals(channel.type);
        // A blank secret keeps the saved one, and so does a credential URL sent back as the mask a non-admin sees.
        Map<String, String> config = CredentialMasks.keepSaved(
                factory.configSpec(), sameType ? channel.config : Map.of(), definition.config());
        for (ConfigField field : factory.configSpec().fields()) {
            String given = config.get(field.name());
            if (field.secret() && (given == null || given.isBlank())) {
                config.remove(field.name());
            }
        }
        String generated = null;
        for (ConfigField field : factory.configSpec().fields()) {
            String given = config.get(field.name());
            if (given == null || given.isBlank()) {
                Optional<String> made = PluginCalls.call(factory, () -> factory.generatedValue(field.name()));
                if (made.isPresent()) {
                    config.put(field.name(), made.get());
                    generated = generated == null ? made.get() : generated;
                }
            }
        }
        for (ConfigField field : factory.configSpec().fields()) {
            // Only a channel moved to another host loses a saved secret (CredentialMasks.keepSaved): say why.
            if (sameType
                    && field.secret()
                    && field.required()
                    && channel.config.containsKey(field.name())
                    && !config.containsKey(field.name())) {
                throw new InvalidChannelException(
                        "config." + field.name(),
                        field.name() + ": type it again: a saved secret goes only to the host it was saved for");
            }
        }
        // The spec names the setting at fault; a trial notifier catches what only the plugin knows (a malformed
        // secret, say), so a channel that cannot work is refused now instead of failing at the first alert.
        Map<String, String> plain;
        try {
            plain = secrets.opened(config);
        } catch (UnreadableSecretException e) {
            throw new InvalidChannelException("config", e.getMessage() + " (type it again)");
        }
        factory.configSpec().validate(plain);
        Instant now = Instant.now();
        try {
            notifiers.check(new ChannelSnapshot(
                    channel.id == null ? 0 : channel.id, definition.type(), name, plain, definition.enabled(), now));
        } catch (PermanentFailureException e) {
            if (e.getCause() instanceof InvalidConfigException invalid
                    && !invalid.problems().isEmpty()) {
                throw new InvalidChannelException(
                        "config." + invalid.problems().get(0).field(), e.getMessage());
            }
            throw new InvalidChannelException("config", e.getMessage());
        }
        channel.type = definition.type();
        channel.name = name;
        channel.config = secrets.sealed(factory.configSpec(), config);
        channel.enabled = definition.enabled();
        channel.updatedAt = now;
        if (digest != null) {
            channel.digestHour = digest.hour();
            channel.digestTimeZone = digest.timeZone();
            channel.digestDay = digest.day();
        }
        return generated;
    }

    private String installed() {
        return String.join(", ", plugins.typeNames(PluginKind.NOTIFIER));
    }
}
