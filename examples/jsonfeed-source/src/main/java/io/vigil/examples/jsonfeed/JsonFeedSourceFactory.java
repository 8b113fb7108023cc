package io.vigil.examples.jsonfeed;

import io.vigil.spi.PermanentFailureException;
import io.vigil.spi.config.ConfigField;
import io.vigil.spi.config.ConfigSpec;
import io.vigil.spi.config.FieldType;
import io.vigil.spi.config.PluginConfig;
import io.vigil.spi.source.Source;
import io.vigil.spi.source.SourceContext;
import io.vigil.spi.source.SourceFactory;
import java.time.Duration;
import java.util.Optional;

/**
 * Describes the {@code jsonfeed} source type — its name, label and settings — and creates one {@link JsonFeedSource}
 * per configured source. Stateless: Vigil shares one instance between all threads.
 */
public final class JsonFeedSourceFactory implements SourceFactory {

    static final String URL = "url";
    static final String MAX_ITEMS = "max-items";

    @Override
    public String type() {
        return "jsonfeed";
    }

    @Override
    public String label() {
        return "JSON Feed";
    }

    @Override
    public String description() {
        return "Polls a JSON Feed (version 1 or 1.1, https://jsonfeed.org) and picks up new items by their id.";
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
        return ConfigSpec.of(
                ConfigField.of(URL, "Feed URL", FieldType.URL)
                        .asRequired()
                        .withHelp("The address of the JSON Feed, such as https://example.org/feed.json."),
                ConfigField.of(MAX_ITEMS, "Most items per check", FieldType.INTEGER)
                        .withDefault("100")
                        .withHelp("At most this many new items are taken per check; on the first check the rest"
                                + " are skipped."));
    }

    /**
     * Creates the source. Vigil has already validated {@code config} against {@link #configSpec()}, so every field is
     * present and well-formed here; only checks the spec cannot express remain.
     */
    @Override
    public Source create(PluginConfig config, SourceContext context) throws PermanentFailureException {
        long maxItems = config.integer(MAX_ITEMS);
        if (maxItems < 1) {
            throw new PermanentFailureException("max-items must be at least 1, not " + maxItems);
        }
        return new JsonFeedSource(config.url(URL), (int) Math.min(maxItems, 10_000), context);
    }
}
