package io.vigil.engine.source;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.vigil.engine.archive.ArchiveReady;
import io.vigil.engine.input.TextLimits;
import io.vigil.engine.limits.CreationLimits;
import io.vigil.engine.limits.Limit;
import io.vigil.engine.plugin.PluginRegistry;
import io.vigil.engine.secret.CredentialMasks;
import io.vigil.engine.secret.Secrets;
import io.vigil.engine.secret.UnreadableSecretException;
import io.vigil.engine.websub.WebSubSubscriber;
import io.vigil.spi.PermanentFailureException;
import io.vigil.spi.PluginKind;
import io.vigil.spi.config.ConfigField;
import io.vigil.spi.config.FieldType;
import io.vigil.spi.config.InvalidConfigException;
import io.vigil.spi.config.PluginConfig;
import io.vigil.spi.source.FolderRoots;
import io.vigil.spi.source.SourceFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Creates, changes and deletes configured sources, checking each definition against its plugin's configuration spec
 * before it is saved; and gives a new install its first source, the seeds folder.
 */
@ApplicationScoped
public class SourceCatalog {

    private static final Logger LOG = Logger.getLogger(SourceCatalog.class);

    static final Duration MIN_INTERVAL = Duration.ofSeconds(10);

    /** The name of a source definition's interval, as a refusal names it. */
    public static final String INTERVAL_FIELD = "interval";

    @Inject
    CreationLimits limits;

    @Inject
    PluginRegistry plugins;

    @Inject
    SourceRunner runner;

    @Inject
    SourceSettings settings;

    @Inject
    WebSubSubscriber webSub;

    @Inject
    Secrets secrets;

    /**
     * What a user asks a source to be.
     *
     * @param type the plugin type name
     * @param name a unique name, shown as the outlet of its articles
     * @param config the plugin settings as typed
     * @param enabled whether it is fetched on schedule
     * @param interval how often it is fetched ({@code 15m}, {@code PT1H}); {@code null} or blank keeps the saved
     *     interval, or gives a new source its type's {@linkplain SourceFactory#defaultFetchInterval() default}
     */
    public record SourceDefinition(
            String type, String name, Map<String, String> config, boolean enabled, String interval) {
        public SourceDefinition {
            config = config == null ? Map.of() : Map.copyOf(config);
        }

        /** A definition that leaves the interval as it is (the type's default for a new source). */
        public SourceDefinition(String type, String name, Map<String, String> config, boolean enabled) {
            this(type, name, config, enabled, null);
        }
    }

    /**
     * Saves a new source, to be fetched at once.
     *
     * @param createdBy the user making it, counted against their share of the cap; {@code null} records nobody
     */
    @Transactional
    public ConfiguredSource create(SourceDefinition definition, Long createdBy) {
        limits.admitOneFor(Limit.SOURCES, createdBy);
        ConfiguredSource source = new ConfiguredSource();
        source.createdBy = createdBy;
        apply(source, definition);
        source.nextFetchAt = Instant.now();
        source.persist();
        return source;
    }

    @Transactional
    public ConfiguredSource update(long id, SourceDefinition definition) {
        ConfiguredSource source = ConfiguredSource.findById(id);
        if (source == null) {
            return null;
        }
        boolean changed =
                !source.type.equals(definition.type()) || !source.config.equals(mergedSecrets(source, definition));
        apply(source, definition);
        if (changed) {
            // Different settings may mean a different feed or folder: start over, and fetch soon.
            source.cursor = new HashMap<>();
            source.nextFetchAt = Instant.now();
            source.consecutiveFailures = 0;
            runner.forget(id);
            // Another feed may have another hub; the next fetch subscribes again if it advertises one.
            webSub.withdraw(id);
        }
        return source;
    }

    @Transactional
    public boolean delete(long id) {
        webSub.withdraw(id);
        boolean deleted = ConfiguredSource.deleteById(id);
        runner.forget(id);
        return deleted;
    }

    /**
     * Runs one fetch of a source as it would be defined, storing nothing: what it would store now, what it would skip
     * and why, or the failure its health would show.
     *
     * @param config the settings as a user typed them
     * @throws InvalidSourceException when the type is unknown or the settings do not fit its spec
     */
    public SourceTrial tryOut(String type, Map<String, String> config) {
        SourceFactory factory = factory(type);
        PluginConfig validated = validated(factory, config == null ? Map.of() : config);
        return runner.tryOut(factory, "dry run of a " + factory.type() + " source", validated);
    }

    private SourceFactory factory(String type) {
        if (type == null || type.isBlank()) {
            throw new InvalidSourceException("type", "type is required (installed: " + installed() + ")");
        }
        return plugins.sourceFactory(type)
                .orElseThrow(() -> new InvalidSourceException(
                        "type", "unknown source type '" + type + "' (installed: " + installed() + ")"));
    }

    /** The settings checked against the type's spec, defaults filled in; a refusal names the field at fault. */
    private static PluginConfig validated(SourceFactory factory, Map<String, String> config) {
        try {
            return factory.configSpec().validate(config);
        } catch (InvalidConfigException e) {
            String field = e.problems().isEmpty()
                    ? "config"
                    : "config." + e.problems().get(0).field();
            throw new InvalidSourceException(field, e.getMessage());
        }
    }

    private void apply(ConfiguredSource source, SourceDefinition definition) {
        SourceFactory factory = factory(definition.type());
        String name = definition.name() == null ? "" : definition.name().strip();
        if (name.isEmpty()) {
            throw new InvalidSourceException("name", "name is required");
        }
        TextLimits.excess("name", name, TextLimits.NAME).ifPresent(tooLong -> {
            throw new InvalidSourceException("name", tooLong);
        });
        TextLimits.notOneLine("name", name).ifPresent(twoLines -> {
            throw new InvalidSourceException("name", twoLines);
        });
        ConfiguredSource sameName = ConfiguredSource.findByName(name).orElse(null);
        if (sameName != null && !sameName.id.equals(source.id)) {
            throw new InvalidSourceException("name", "a source named '" + name + "' already exists");
        }
        Map<String, String> config = new HashMap<>(mergedSecrets(source, definition));
        // A new source polls as often as its type suggests (15m for a feed, say); an edit keeps what was set.
        Duration interval =
                source.id == null ? factory.defaultFetchInterval() : Duration.ofSeconds(source.fetchIntervalSeconds);
        String intervalText = definition.interval();
        if (intervalText != null && !intervalText.isBlank()) {
            try {
                interval = PluginConfig.parseDuration(intervalText);
            } catch (IllegalArgumentException e) {
                throw new InvalidSourceException(INTERVAL_FIELD, "interval " + e.getMessage());
            }
        }
        if (interval.compareTo(MIN_INTERVAL) < 0) {
            throw new InvalidSourceException(
                    INTERVAL_FIELD, "interval must be at least " + MIN_INTERVAL.toSeconds() + "s");
        }
        try {
            validated(factory, secrets.opened(config));
        } catch (UnreadableSecretException e) {
            throw new InvalidSourceException("config", e.getMessage() + " (type it again)");
        }
        confinePaths(factory, config);
        source.type = definition.type();
        source.name = name;
        source.config = secrets.sealed(factory.configSpec(), config);
        source.enabled = definition.enabled();
        source.fetchIntervalSeconds = (int) Math.min(Integer.MAX_VALUE, interval.toSeconds());
    }

    /**
     * Refuses a path setting outside the folder roots, before anything is saved (the source checks again at every
     * fetch, since links and the roots may change).
     */
    private void confinePaths(SourceFactory factory, Map<String, String> config) {
        FolderRoots roots = settings.readableFolders();
        for (ConfigField field : factory.configSpec().fields()) {
            String value = config.get(field.name());
            if (field.type() != FieldType.PATH || value == null || value.isBlank()) {
                continue;
            }
            try {
                roots.confine(Path.of(value.strip()));
            } catch (PermanentFailureException | InvalidPathException e) {
                throw new InvalidSourceException("config." + field.name(), field.name() + ": " + e.getMessage());
            }
        }
    }

    /**
     * A secret left empty in an edit keeps its saved value (the API never shows secrets, so forms send them blank), and
     * so does a URL sent back as the mask a non-admin sees.
     */
    private Map<String, String> mergedSecrets(ConfiguredSource source, SourceDefinition definition) {
        if (source.id == null || !source.type.equals(definition.type())) {
            return new HashMap<>(definition.config());
        }
        return plugins.sourceFactory(definition.type())
                .map(factory -> CredentialMasks.keepSaved(factory.configSpec(), source.config, definition.config()))
                .orElseGet(() -> new HashMap<>(definition.config()));
    }

    private String installed() {
        return String.join(", ", plugins.typeNames(PluginKind.SOURCE));
    }

    /** Gives a brand-new install (no source at all) a folder source on the seeds, so it shows something at once. */
    void installSeeds(@Observes ArchiveReady ready) {
        String seeds = settings.seedsPath().orElse("");
        if (seeds.isBlank() || plugins.sourceFactory("folder").isEmpty()) {
            return;
        }
        Path folder = Path.of(seeds).toAbsolutePath().normalize();
        QuarkusTransaction.requiringNew().run(() -> {
            if (ConfiguredSource.count() > 0) {
                return;
            }
            if (!Files.isDirectory(folder)) {
                LOG.warnf("no seeds folder at %s; starting without a source", folder);
                return;
            }
            ConfiguredSource source = new ConfiguredSource();
            source.type = "folder";
            source.name = "seeds";
            source.config = new HashMap<>(Map.of("path", folder.toString()));
            source.fetchIntervalSeconds = (int) settings.seedsInterval().toSeconds();
            source.nextFetchAt = Instant.now();
            source.persist();
            LOG.infof("new install: added the folder source 'seeds' reading %s", folder);
        });
    }
}
