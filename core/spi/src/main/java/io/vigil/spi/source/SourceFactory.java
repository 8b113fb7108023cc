package io.vigil.spi.source;

import io.vigil.spi.PermanentFailureException;
import io.vigil.spi.PluginFactory;
import io.vigil.spi.config.PluginConfig;
import java.time.Duration;

/** Describes a source type and creates its instances, one per configured source. */
public interface SourceFactory extends PluginFactory {

    /**
     * How often a new source of this type is fetched unless the user says otherwise (a source's interval is the
     * platform's setting, not the plugin's: it is not part of the config spec). The platform adds jitter and backs off
     * after failures, so a source never sleeps or schedules itself. An hour unless overridden.
     */
    default Duration defaultFetchInterval() {
        return Duration.ofHours(1);
    }

    /**
     * Whether the {@linkplain PluginFactory#addressField() address} is a feed (RSS, Atom, JSON Feed), so that the feeds of an OPML
     * subscription list can become sources of this type and its sources be exported as one. {@code false} unless
     * overridden.
     */
    default boolean readsFeeds() {
        return false;
    }

    /**
     * Creates the source for one user-configured source. Called when the source is created or its configuration
     * changes, and at start-up; the previous instance is {@linkplain Source#close() closed} first.
     *
     * @throws PermanentFailureException when the configuration, though well-formed, cannot work (a folder that is a
     *     file, say); the message is shown on the source
     */
    Source create(PluginConfig config, SourceContext context) throws PermanentFailureException;
}
