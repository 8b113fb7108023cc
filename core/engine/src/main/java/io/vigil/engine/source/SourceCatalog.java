package io.vigil.engine.source;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.vigil.engine.archive.ArchiveReady;
import io.vigil.engine.plugin.PluginRegistry;
import io.vigil.spi.PluginKind;
import io.vigil.spi.config.ConfigField;
import io.vigil.spi.config.InvalidConfigException;
import io.vigil.spi.config.PluginConfig;
import io.vigil.spi.source.SourceFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.nio.file.Files;
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

    /** The source setting every type understands: how often it is fetched. */
    public static final String INTERVAL = "interval";

    static final Duration MIN_INTERVAL = Duration.ofSeconds(10);

    @Inject
    PluginRegistry plugins;

    @Inject
    SourceRunner runner;

    @Inject
    SourceSettings settings;

    /**
     * What a user asks a source to be.
     *
     * @param type the plugin type name
     * @param name a unique name, shown as the outlet of its articles
     * @param config the plugin settings as typed, plus an optional {@code interval}
     * @param enabled whether it is fetched on schedule
     */
    public record SourceDefinition(String type, String name, Map<String, String> config, boolean enabled) {
        public SourceDefinition {
            config = config == null ? Map.of() : Map.copyOf(config);
        }
    }

    @Transactional
    public ConfiguredSource create(SourceDefinition definition) {
        ConfiguredSource source = new ConfiguredSource();
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
        }
        return source;
    }

    @Transactional
    public boolean delete(long id) {
        boolean deleted = ConfiguredSource.deleteById(id);
        runner.forget(id);
        return deleted;
    }

    private void apply(ConfiguredSource source, SourceDefinition definition) {
        if (definition.type() == null || definition.type().isBlank()) {
            throw new InvalidSourceException("type", "type is required (installed: " + installed() + ")");
        }
        SourceFactory factory = plugins.sourceFactory(definition.type())
                .orElseThrow(() -> new InvalidSourceException(
                        "type", "unknown source type '" + definition.type() + "' (installed: " + installed() + ")"));
        String name = definition.name() == null ? "" : definition.name().strip();
        if (name.isEmpty()) {
            throw new InvalidSourceException("name", "name is required");
        }
        if (name.length() > 200) {
            throw new InvalidSourceException("name", "name is longer than 200 characters");
        }
        ConfiguredSource sameName = ConfiguredSource.findByName(name).orElse(null);
        if (sameName != null && !sameName.id.equals(source.id)) {
            throw new InvalidSourceException("name", "a source named '" + name + "' already exists");
        }
        Map<String, String> config = new HashMap<>(mergedSecrets(source, definition));
        Duration interval = Duration.ofSeconds(source.fetchIntervalSeconds);
        String intervalText = config.remove(INTERVAL);
        if ((intervalText == null || intervalText.isBlank()) && source.id == null) {
            // A new source without an interval polls as often as its type suggests (15m for a feed, say).
            intervalText = factory.configSpec()
                    .field(INTERVAL)
                    .map(ConfigField::defaultValue)
                    .orElse(null);
        }
        if (intervalText != null && !intervalText.isBlank()) {
            try {
                interval = PluginConfig.parseDuration(intervalText);
            } catch (IllegalArgumentException e) {
                throw new InvalidSourceException("config." + INTERVAL, INTERVAL + " " + e.getMessage());
            }
            if (interval.compareTo(MIN_INTERVAL) < 0) {
                throw new InvalidSourceException(
                        "config." + INTERVAL, INTERVAL + " must be at least " + MIN_INTERVAL.toSeconds() + "s");
            }
        }
        try {
            factory.configSpec().validate(config);
        } catch (InvalidConfigException e) {
            String field = e.problems().isEmpty()
                    ? "config"
                    : "config." + e.problems().get(0).field();
            throw new InvalidSourceException(field, e.getMessage());
        }
        source.type = definition.type();
        source.name = name;
        source.config = config;
        source.enabled = definition.enabled();
        source.fetchIntervalSeconds = (int) Math.min(Integer.MAX_VALUE, interval.toSeconds());
    }

    /** A secret left empty in an edit keeps its saved value: the API never shows secrets, so forms send them blank. */
    private Map<String, String> mergedSecrets(ConfiguredSource source, SourceDefinition definition) {
        Map<String, String> merged = new HashMap<>(definition.config());
        if (source.id == null || !source.type.equals(definition.type())) {
            return merged;
        }
        plugins.sourceFactory(definition.type()).ifPresent(factory -> {
            for (ConfigField field : factory.configSpec().fields()) {
                String given = merged.get(field.name());
                if (field.secret() && (given == null || given.isBlank()) && source.config.containsKey(field.name())) {
                    merged.put(field.name(), source.config.get(field.name()));
                }
            }
        });
        return merged;
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
