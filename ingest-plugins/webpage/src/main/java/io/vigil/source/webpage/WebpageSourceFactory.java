package io.vigil.source.webpage;

import io.vigil.extractor.ListingLinks;
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
 * Describes the {@code webpage} source: a listing page (a section front) watched for new article links, optionally
 * signed in with HTTP Basic, cookies or request headers of the user's own.
 */
public final class WebpageSourceFactory implements SourceFactory {

    static final String URL = "url";
    static final String LINK_SELECTOR = "link-selector";
    static final String MAX_ARTICLES = "max-articles";

    @Override
    public String type() {
        return "webpage";
    }

    @Override
    public String label() {
        return "Web page (section front)";
    }

    @Override
    public String description() {
        return "Watches a news site's section page for new article links and extracts each new article, for sites"
                + " without a feed.";
    }

    @Override
    public Duration defaultFetchInterval() {
        return Duration.ofMinutes(30);
    }

    @Override
    public Optional<String> addressField() {
        return Optional.of(URL);
    }

    @Override
    public ConfigSpec configSpec() {
        List<ConfigField> fields = new ArrayList<>(List.of(
                ConfigField.of(URL, "Listing page URL", FieldType.URL)
                        .asRequired()
                        .withHelp("The page that lists the articles, such as https://example.com/world/."),
                ConfigField.of(LINK_SELECTOR, "Article link selector", FieldType.STRING)
                        .withHelp("Optional CSS selector for the article links, such as 'h3.headline a'; without"
                                + " one, links on the same site that look like articles are taken."),
                ConfigField.of(MAX_ARTICLES, "Most articles per check", FieldType.INTEGER)
                        .withDefault("20")
                        .withHelp("At most this many new articles are fetched per check; on the first check the"
                                + " rest of the page is skipped.")));
        fields.addAll(SourceCredentials.configFields());
        return new ConfigSpec(fields);
    }

    @Override
    public Source create(PluginConfig config, SourceContext context) throws PermanentFailureException {
        String selector = config.get(LINK_SELECTOR).orElse(null);
        if (selector != null) {
            try {
                ListingLinks.validateSelector(selector);
            } catch (IllegalArgumentException e) {
                throw new PermanentFailureException(e.getMessage(), e);
            }
        }
        long maxArticles = config.integer(MAX_ARTICLES);
        if (maxArticles < 1) {
            throw new PermanentFailureException("max-articles must be at least 1, not " + maxArticles);
        }
        SourceCredentials credentials;
        try {
            credentials = SourceCredentials.from(config, config.url(URL));
        } catch (IllegalArgumentException e) {
            throw new PermanentFailureException(e.getMessage(), e);
        }
        return new WebpageSource(config.url(URL), selector, (int) Math.min(maxArticles, 1000), credentials, context);
    }
}
