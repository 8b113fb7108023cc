package io.vigil.source.rss;

import io.vigil.extractor.SourceCredentials;
import io.vigil.spi.PermanentFailureException;
import io.vigil.spi.config.ConfigField;
import io.vigil.spi.config.ConfigSpec;
import io.vigil.spi.config.FieldType;
import io.vigil.spi.config.PluginConfig;
import io.vigil.spi.source.Source;
import io.vigil.spi.source.SourceContext;
import io.vigil.spi.source.SourceFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Describes the {@code rss} source: one RSS, RDF, Atom or JSON Feed, polled with conditional requests (and pushed by
 * its WebSub hub where it has one), optionally with credentials.
 */
public final class RssSourceFactory implements SourceFactory {

    static final String URL = "url";
    static final String FULL_TEXT = "full-text";
    static final String MAX_ITEMS = "max-items";

    @Override
    public String type() {
        return "rss";
    }

    @Override
    public String label() {
        return "Feed (RSS, Atom or JSON Feed)";
    }

    @Override
    public String description() {
        return "Polls a news feed (RSS 0.9x, 1.0, 1.1, 2.0, Atom or JSON Feed) and picks up new entries, pushed at"
                + " once where the feed has a WebSub hub; can fetch each linked article in full, and sign in.";
    }

    @Override
    public Duration defaultFetchInterval() {
        return Duration.ofMinutes(15);
    }

    @Override
    public Optional<String> addressField() {
        return Optional.of(URL);
    }

    @Override
    public boolean readsFeeds() {
        return true;
    }

    @Override
    public ConfigSpec configSpec() {
        List<ConfigField> fields = new ArrayList<>(List.of(
                ConfigField.of(URL, "Feed URL", FieldType.URL)
                        .asRequired()
                        .withHelp("The address of the feed itself, such as https://example.com/rss.xml."),
                ConfigField.of(FULL_TEXT, "Fetch full articles", FieldType.BOOLEAN)
                        .withDefault("false")
                        .withHelp("Fetch each new entry's page and extract the article, for feeds that carry"
                                + " only summaries."),
                ConfigField.of(MAX_ITEMS, "Most entries per check", FieldType.INTEGER)
                        .withDefault("100")
                        .withHelp("At most this many new entries are taken per check; the rest wait for the next"
                                + " check, except on the first, which skips the rest of a long archive.")));
        fields.addAll(SourceCredentials.configFields());
        return new ConfigSpec(fields);
    }

    @Override
    public Source create(PluginConfig config, SourceContext context) throws PermanentFailureException {
        long maxItems = config.integer(MAX_ITEMS);
        if (maxItems < 1) {
            throw new PermanentFailureException("max-items must be at least 1, not " + maxItems);
        }
        SourceCredentials credentials;
        try {
            credentials = SourceCredentials.from(config, config.url(URL));
        } catch (IllegalArgumentException e) {
            throw new PermanentFailureException(e.getMessage(), e);
        }
        return new RssSource(
                config.url(URL), config.bool(FULL_TEXT), (int) Math.min(maxItems, 100_000), credentials, context);
    }
}
