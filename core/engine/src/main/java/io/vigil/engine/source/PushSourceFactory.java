package io.vigil.engine.source;

import io.vigil.spi.config.ConfigSpec;
import io.vigil.spi.config.PluginConfig;
import io.vigil.spi.source.Cursor;
import io.vigil.spi.source.DocumentSink;
import io.vigil.spi.source.Source;
import io.vigil.spi.source.SourceContext;
import io.vigil.spi.source.SourceFactory;
import java.time.Duration;

/**
 * Describes the {@code push} source: a named outlet that fetches nothing itself and receives what an outside program
 * pushes to {@code POST /api/ingest} with the source's {@link PushToken}. Any source can be given a push token; this
 * type is for outlets that have nothing to poll (a mail-to-webhook bridge, a scraper run elsewhere).
 */
public final class PushSourceFactory implements SourceFactory {

    @Override
    public String type() {
        return "push";
    }

    @Override
    public String label() {
        return "Pushed articles";
    }

    @Override
    public String description() {
        return "Receives articles that another program pushes to POST /api/ingest with this source's push token;"
                + " Vigil fetches nothing itself.";
    }

    @Override
    public Duration defaultFetchInterval() {
        return Duration.ofMinutes(5);
    }

    @Override
    public ConfigSpec configSpec() {
        return ConfigSpec.empty();
    }

    @Override
    public Source create(PluginConfig config, SourceContext context) {
        return new Source() {
            @Override
            public Cursor fetch(Cursor cursor, DocumentSink sink) {
                return cursor; // articles arrive through the push API, never through a fetch
            }
        };
    }
}
