package io.vigil.alerts.channel;

import io.vigil.engine.input.LoggedText;
import io.vigil.engine.plugin.PluginCalls;
import io.vigil.engine.plugin.PluginRegistry;
import io.vigil.engine.secret.CredentialMasks;
import io.vigil.engine.secret.Secrets;
import io.vigil.engine.secret.UnreadableSecretException;
import io.vigil.spi.PermanentFailureException;
import io.vigil.spi.PluginFactory;
import io.vigil.spi.TemporaryFailureException;
import io.vigil.spi.config.ConfigSpec;
import io.vigil.spi.config.InvalidConfigException;
import io.vigil.spi.config.PluginConfig;
import io.vigil.spi.http.OutboundHttp;
import io.vigil.spi.mail.MailSender;
import io.vigil.spi.notify.DeliveryReceipt;
import io.vigil.spi.notify.Notification;
import io.vigil.spi.notify.Notifier;
import io.vigil.spi.notify.NotifierContext;
import io.vigil.spi.notify.NotifierFactory;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The notifier of each channel, made once from its settings and kept until they change, and the one place where a
 * delivery through a plugin happens and its result is classified.
 *
 * <p>A cached notifier is keyed by the channel's {@code updated_at}, so a change saved by another instance is noticed
 * at the next delivery; the replaced notifier is closed. A notifier being closed may still finish a delivery another
 * thread started with it — the built-in ones hold no resources, and a third-party one must tolerate that. Whatever a
 * plugin throws is caught here: a {@link RuntimeException} counts as a permanent failure and never reaches the worker.
 * The status the receiver answered travels in the SPI's failure exceptions ({@code statusCode()}), so the delivery log
 * shows it in its own column without reading it back out of a message.
 * Thread-safe.
 */
@ApplicationScoped
public class ChannelNotifiers {

    private static final Logger LOG = Logger.getLogger(ChannelNotifiers.class);

    @Inject
    PluginRegistry plugins;

    @Inject
    Secrets secrets;

    @Inject
    OutboundHttp http;

    @Inject
    MailSender mail;

    @ConfigProperty(name = "vigil.base-url", defaultValue = "http://localhost:8080")
    String baseUrl;

    Clock clock = Clock.systemUTC();

    private record Cached(Instant version, Notifier notifier) {}

    private final Map<Long, Cached> cache = new ConcurrentHashMap<>();

    /**
     * Delivers one notification through a channel, and says how it went; never throws for what the plugin does.
     * Blocks for as long as the plugin does (its own timeouts bound that).
     */
    public DeliveryOutcome deliver(ChannelSnapshot channel, Notification notification) {
        long started = System.nanoTime();
        try {
            Notifier notifier = notifierFor(channel);
            DeliveryReceipt receipt;
            ClassLoader caller = PluginCalls.enter(notifier);
            try {
                receipt = notifier.deliver(notification);
            } finally {
                PluginCalls.leave(caller);
            }
            return DeliveryOutcome.accepted(receipt.statusCode(), receipt.response(), millisSince(started));
        } catch (TemporaryFailureException e) {
            return DeliveryOutcome.retryLater(
                    shown(channel, message(e)), e.statusCode(), e.retryAfter().orElse(null), millisSince(started));
        } catch (PermanentFailureException e) {
            return DeliveryOutcome.refused(shown(channel, message(e)), e.statusCode(), millisSince(started));
        } catch (RuntimeException | LinkageError e) {
            LOG.warnf(
                    LoggedText.thrown(e),
                    "the %s notifier of channel '%s' failed",
                    channel.type(),
                    LoggedText.of(channel.name()));
            return DeliveryOutcome.refused(
                    shown(channel, "the " + channel.type() + " plugin failed: " + e), 0, millisSince(started));
        }
    }

    /**
     * A delivery error as it may be stored and shown to viewers: whatever the plugin wrote, its channel's credentials
     * (a webhook's secret path, a bot token, an access token) are taken out. Errors are shown on the channels page
     * and in {@code /api/notifications}, where the settings themselves are masked.
     */
    private String shown(ChannelSnapshot channel, String error) {
        return errorMask(channel.type(), channel.config()).apply(error);
    }

    /**
     * How an error text about a channel of {@code type} with these stored settings is shown: its own credentials
     * taken out ({@link CredentialMasks#maskedText(String, ConfigSpec, Map)}), or only URLs masked when the type is
     * not installed or its secrets cannot be opened (sealed values cannot appear in clear in a message then).
     */
    public UnaryOperator<String> errorMask(String type, Map<String, String> storedConfig) {
        Optional<ConfigSpec> spec = plugins.notifierFactory(type).map(PluginFactory::configSpec);
        if (spec.isEmpty()) {
            return CredentialMasks::maskedText;
        }
        try {
            Map<String, String> opened = secrets.opened(storedConfig);
            return text -> CredentialMasks.maskedText(text, spec.get(), opened);
        } catch (UnreadableSecretException e) {
            return CredentialMasks::maskedText;
        }
    }

    /** Sends a {@link Notification.Kind#TEST} notification through a channel at once, outside the outbox. */
    public DeliveryOutcome test(ChannelSnapshot channel) {
        Notification test =
                new Notification(UUID.randomUUID().toString(), Notification.Kind.TEST, clock.instant(), List.of());
        return deliver(channel, test);
    }

    /**
     * Checks that a channel's settings make a working notifier, without sending anything.
     *
     * @throws InvalidConfigException when a setting does not fit the type's spec
     * @throws PermanentFailureException when the plugin refuses the settings
     */
    public void check(ChannelSnapshot channel) throws PermanentFailureException {
        create(channel).close();
    }

    /** Closes and drops the cached notifier of a channel that changed or is gone. */
    public void forget(long channelId) {
        Cached cached = cache.remove(channelId);
        if (cached != null) {
            close(cached.notifier());
        }
    }

    private Notifier notifierFor(ChannelSnapshot channel) throws PermanentFailureException {
        Cached cached = cache.get(channel.id());
        if (cached != null && cached.version().equals(channel.updatedAt())) {
            return cached.notifier();
        }
        synchronized (this) {
            cached = cache.get(channel.id());
            if (cached != null && cached.version().equals(channel.updatedAt())) {
                return cached.notifier();
            }
            Notifier created = create(channel);
            Cached replaced = cache.put(channel.id(), new Cached(channel.updatedAt(), created));
            if (replaced != null) {
                close(replaced.notifier());
            }
            return created;
        }
    }

    private Notifier create(ChannelSnapshot channel) throws PermanentFailureException {
        NotifierFactory factory = plugins.notifierFactory(channel.type())
                .orElseThrow(() -> new PermanentFailureException(
                        "no notifier type '" + channel.type() + "' is installed in this Vigil"));
        PluginConfig config;
        try {
            config = factory.configSpec().validate(secrets.opened(channel.config()));
        } catch (InvalidConfigException e) {
            throw new PermanentFailureException("the channel's settings are not valid: " + e.getMessage(), e);
        } catch (UnreadableSecretException e) {
            throw new PermanentFailureException(e.getMessage(), e);
        }
        try {
            return PluginCalls.call(factory, () -> factory.create(config, context(channel.name())));
        } catch (InvalidConfigException e) {
            // A plugin's own check of a setting (a webhook secret too short, say): the cause names the setting.
            throw new PermanentFailureException(e.getMessage(), e);
        } catch (RuntimeException | LinkageError e) {
            throw new PermanentFailureException("the " + channel.type() + " plugin could not start: " + e, e);
        }
    }

    private NotifierContext context(String channelName) {
        return new HostNotifierContext(channelName, clock, baseUrl, http, mail);
    }

    private static void close(Notifier notifier) {
        try {
            PluginCalls.run(notifier, notifier::close);
        } catch (RuntimeException | LinkageError e) {
            LOG.warnf(
                    LoggedText.thrown(e),
                    "closing notifier %s failed",
                    notifier.getClass().getName());
        }
    }

    private static long millisSince(long started) {
        return (System.nanoTime() - started) / 1_000_000;
    }

    private static String message(Exception e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    @PreDestroy
    void closeAll() {
        cache.keySet().forEach(this::forget);
    }
}
