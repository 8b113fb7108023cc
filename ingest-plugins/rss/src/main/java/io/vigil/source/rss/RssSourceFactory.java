package io.vigil.source.rss;

import io.vigil.spi.PermanentFailureException;
import io.vigil.spi.config.ConfigField;
import io.vigil.spi.config.ConfigSpec;
import io.vigil.spi.config.FieldType;
import io.vigil.spi.config.PluginConfig;
import io.vigil.spi.source.Source;
import io.vigil.spi.source.SourceContext;
import io.vigil.spi.source.SourceFactory;

/** Describes the {@code rss} source: one RSS, RDF or Atom feed, polled with conditional requests. */
public final class RssSourceFactory implements SourceFactory {

    static final String URL = "url";
    static final String INTERVAL = "interval";
    static final String FULL_TEXT = "full-text";
    static final String MAX_ITEMS = "max-items";

    @Override
    public String type() {
        return "rss";
    }

    @Override
    public String label() {
        return "RSS or Atom feed";
    }

    @Override
    public String description() {
        return "Polls a news feed (RSS 0.9x, 1.0, 2.0 or Atom) and picks up new entries; can fetch each linked"
                + " article in full.";
    }

    @Override
    public ConfigSpec configSpec() {
        return ConfigSpec.of(
                ConfigField.of(URL, "Feed URL", FieldType.URL)
                        .asRequired()
                        .withHelp("The address of the feed itself, such as https://example.com/rss.xml."),
                ConfigField.of(INTERVAL, "Check every", FieldType.DURATION)
                        .withDefault("15m")
                        .withHelp("How often to poll the feed, such as 15m or 1h; a little jitter is added."),
                ConfigField.of(FULL_TEXT, "Fetch full articles", FieldType.BOOLEAN)
                        .withDefault("false")
                        .withHelp("Fetch each new entry's page and extract the article, for feeds that carry"
                                + " only summaries."),
                ConfigField.of(MAX_ITEMS, "Most entries per check", FieldType.INTEGER)
                        .withDefault("100")
                        .withHelp("At most this many new entries are taken per check; on the first check the"
                                + " rest of a long archive is skipped."));
    }

    @Override
    public Source create(PluginConfig config, SourceContext context) throws PermanentFailureException {
        long maxItems = config.integer(MAX_ITEMS);
        if (maxItems < 1) {
            throw new PermanentFailureException("max-items must be at least 1, not " + maxItems);
        }
        return new RssSource(config.url(URL), config.bool(FULL_TEXT), (int) Math.min(maxItems, 100_000), context);
    }
}
