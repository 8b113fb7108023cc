package io.vigil.web.secret;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.vigil.alerts.channel.Channel;
import io.vigil.alerts.channel.ChannelNotifiers;
import io.vigil.engine.archive.ArchiveReady;
import io.vigil.engine.input.LoggedText;
import io.vigil.engine.plugin.PluginRegistry;
import io.vigil.engine.secret.Secrets;
import io.vigil.engine.secret.UnreadableSecretException;
import io.vigil.engine.source.ConfiguredSource;
import io.vigil.engine.websub.WebSubSubscription;
import io.vigil.spi.PluginFactory;
import io.vigil.spi.config.ConfigSpec;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The start-up step that brings every stored secret under the current key: plaintext secrets saved before values were
 * sealed, and values sealed under the previous key of a rotation, are sealed again. A secret that no configured key
 * opens is left as it is and named in the log; deliveries of its channel fail saying so, until the right key is
 * configured or an admin types the secret again.
 */
@ApplicationScoped
public class StoredSecrets {

    private static final Logger LOG = Logger.getLogger(StoredSecrets.class);

    @Inject
    Secrets secrets;

    @Inject
    PluginRegistry plugins;

    @Inject
    ChannelNotifiers notifiers;

    /** What one pass did. */
    public record Resealed(int resealed, List<String> unreadable) {
        public Resealed {
            unreadable = List.copyOf(unreadable);
        }
    }

    void onArchiveReady(@Observes ArchiveReady ready) {
        Resealed result = resealAll();
        if (result.resealed() > 0) {
            LOG.infof(
                    "sealed %d stored channel or source configuration(s) under secrets key %s",
                    result.resealed(), secrets.keys().currentId());
        }
        if (!result.unreadable().isEmpty()) {
            LOG.errorf(
                    "the configured secrets key (%s) cannot open the stored secrets of %s: set VIGIL_SECRETS_KEY"
                            + " (or restore .vigil/secrets-key) to the key they were sealed under, or type them again",
                    secrets.keys().currentId(), LoggedText.of(String.join(", ", result.unreadable())));
        }
    }

    /**
     * Seals every channel, source and WebSub subscription secret that is not sealed under the current key; one
     * transaction.
     */
    public Resealed resealAll() {
        return QuarkusTransaction.requiringNew().call(() -> {
            int resealed = 0;
            List<String> unreadable = new ArrayList<>();
            for (Channel channel : Channel.<Channel>listAll()) {
                Optional<ConfigSpec> spec =
                        plugins.notifierFactory(channel.type).map(PluginFactory::configSpec);
                Optional<Map<String, String>> sealed =
                        reseal(spec, channel.config, "channel '" + channel.name + "'", unreadable);
                if (sealed.isPresent()) {
                    channel.config = sealed.get();
                    notifiers.forget(channel.id);
                    resealed++;
                }
            }
            for (ConfiguredSource source : ConfiguredSource.<ConfiguredSource>listAll()) {
                Optional<ConfigSpec> spec = plugins.sourceFactory(source.type).map(PluginFactory::configSpec);
                Optional<Map<String, String>> sealed =
                        reseal(spec, source.config, "source '" + source.name + "'", unreadable);
                if (sealed.isPresent()) {
                    source.config = sealed.get();
                    resealed++;
                }
            }
            for (WebSubSubscription subscription : WebSubSubscription.<WebSubSubscription>listAll()) {
                if (!secrets.needsSealing(subscription.secret)) {
                    continue;
                }
                try {
                    subscription.secret = secrets.seal(secrets.open(subscription.secret));
                    resealed++;
                } catch (UnreadableSecretException e) {
                    unreadable.add("the WebSub subscription of source " + subscription.sourceId);
                }
            }
            for (WebSubSubscription subscription : WebSubSubscription.<WebSubSubscription>listAll()) {
                if (subscription.previousSecret == null || !secrets.needsSealing(subscription.previousSecret)) {
                    continue;
                }
                try {
                    subscription.previousSecret = secrets.seal(secrets.open(subscription.previousSecret));
                    resealed++;
                } catch (UnreadableSecretException e) {
                    unreadable.add("the previous WebSub secret of source " + subscription.sourceId);
                }
            }
            return new Resealed(resealed, unreadable);
        });
    }

    private Optional<Map<String, String>> reseal(
            Optional<ConfigSpec> spec, Map<String, String> config, String what, List<String> unreadable) {
        if (spec.isEmpty() || !secrets.needsSealing(spec.get(), config)) {
            return Optional.empty();
        }
        try {
            return Optional.of(secrets.sealed(spec.get(), config));
        } catch (UnreadableSecretException e) {
            unreadable.add(what);
            return Optional.empty();
        }
    }
}
