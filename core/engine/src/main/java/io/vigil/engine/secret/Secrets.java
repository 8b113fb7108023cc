package io.vigil.engine.secret;

import io.quarkus.runtime.StartupEvent;
import io.vigil.spi.config.ConfigField;
import io.vigil.spi.config.ConfigSpec;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Secret settings at rest: the platform seals the secret fields of a channel or source before it saves them and
 * opens them only where a plugin is handed its configuration. Which fields are secret comes from the plugin's
 * {@link ConfigSpec} ({@link ConfigField#secret()}), so third-party plugins get the same.
 *
 * <p>The keys are read once, at start ({@link SecretsKeys#load}). Thread-safe.
 */
@ApplicationScoped
public class Secrets {

    private static final Logger LOG = Logger.getLogger(Secrets.class);

    @ConfigProperty(name = "vigil.secrets.key")
    Optional<String> key;

    @ConfigProperty(name = "vigil.secrets.previous-key")
    Optional<String> previousKey;

    @ConfigProperty(name = "vigil.state-dir", defaultValue = ".vigil")
    String stateDirectory;

    private volatile SealedValues values;

    /** Reads the keys at start, so a malformed key stops Vigil at once instead of at the first save. */
    void load(@Observes StartupEvent start) {
        SecretsKeys keys = values().keys();
        LOG.infof(
                "secrets at rest are sealed under key %s%s",
                keys.currentId(),
                keys.previousId()
                        .map(id -> " (re-sealing values of the previous key " + id + ")")
                        .orElse(""));
    }

    /** The sealing keys in use. */
    public SecretsKeys keys() {
        return values().keys();
    }

    /**
     * The config as it is stored: every secret field sealed under the current key. Values already sealed under it stay
     * as they are (so an unchanged config compares equal); plaintext and values of the previous key are (re-)sealed.
     *
     * @throws UnreadableSecretException when a value sealed under an unknown key would have to be re-sealed
     */
    public Map<String, String> sealed(ConfigSpec spec, Map<String, String> config) {
        SealedValues box = values();
        Map<String, String> stored = new HashMap<>(config);
        for (ConfigField field : spec.fields()) {
            String value = stored.get(field.name());
            if (field.secret() && value != null && !box.sealedUnderCurrentKey(value)) {
                stored.put(field.name(), box.seal(box.open(value)));
            }
        }
        return stored;
    }

    /**
     * The config as a plugin needs it: every sealed value opened.
     *
     * @throws UnreadableSecretException naming the setting when a value does not open under the configured keys
     */
    public Map<String, String> opened(Map<String, String> config) {
        SealedValues box = values();
        Map<String, String> plain = new HashMap<>(config);
        for (Map.Entry<String, String> entry : plain.entrySet()) {
            if (SealedValues.isSealed(entry.getValue())) {
                try {
                    entry.setValue(box.open(entry.getValue()));
                } catch (UnreadableSecretException e) {
                    throw new UnreadableSecretException(
                            "the setting " + entry.getKey() + " cannot be read: " + e.getMessage());
                }
            }
        }
        return plain;
    }

    /** Whether saving {@code config} again would change it: a plaintext secret, or one of another key. */
    public boolean needsSealing(ConfigSpec spec, Map<String, String> config) {
        SealedValues box = values();
        return spec.fields().stream()
                .filter(ConfigField::secret)
                .map(field -> config.get(field.name()))
                .anyMatch(value -> value != null && !box.sealedUnderCurrentKey(value));
    }

    /** Whether one stored value would change if saved again: plaintext, or sealed under another key. */
    public boolean needsSealing(String value) {
        return value != null && !values().sealedUnderCurrentKey(value);
    }

    /**
     * The plaintext of one stored value (a value saved before sealing is its own plaintext).
     *
     * @throws UnreadableSecretException when it was sealed under a key that is not configured
     */
    public String open(String value) {
        return values().open(value);
    }

    /** Seals one value under the current key, for a secret the platform makes itself. */
    public String seal(String plaintext) {
        return values().seal(plaintext);
    }

    private SealedValues values() {
        SealedValues known = values;
        if (known != null) {
            return known;
        }
        synchronized (this) {
            if (values == null) {
                values = new SealedValues(SecretsKeys.load(key, previousKey, Path.of(stateDirectory), LOG::warn));
            }
            return values;
        }
    }
}
