package io.vigil.engine.rule;

import io.vigil.spi.rule.MatchInput;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The labelled articles of {@code src/test/resources/rule/articles}: the eight distinct seed articles, extracted by hand
 * (title, blank line, body paragraphs), and hard cases written for the rule tests.
 */
public final class TestArticles {

    /** Every article id, the file name without {@code .txt}. */
    public static final List<String> IDS = List.of(
            "iraqi-army-border",
            "israel-lebanon-normalization",
            "iraq-fortifies-border",
            "lavrov-damascus",
            "iraq-reinforcing-border",
            "iraq-crisis-cell",
            "iraqi-foreign-minister",
            "israel-yemen-ports",
            "old-city-fortifications",
            "basra-governor-floods",
            "us-troops-stay-iraq",
            "turkey-border-wall",
            "poland-fortify-east",
            "arabic-iraq-border",
            "sao-paulo-cafes",
            "arab-summit-long",
            "exporters-let-us-sell",
            "kyrenia-castle-visitors");

    private static final ArticleAnalyzer ANALYZER = new ArticleAnalyzer();

    private TestArticles() {}

    /** All articles, analysed, by id in {@link #IDS} order. */
    public static Map<String, MatchInput> all() {
        Map<String, MatchInput> articles = new LinkedHashMap<>();
        for (String id : IDS) {
            articles.put(id, load(id));
        }
        return articles;
    }

    /** One article, analysed. */
    public static MatchInput load(String id) {
        String text = read(id);
        int split = text.indexOf("\n\n");
        String language = id.startsWith("arabic") ? "ar" : "en";
        return ANALYZER.analyze(
                text.substring(0, split), text.substring(split + 2).strip(), "test", language);
    }

    private static String read(String id) {
        try (InputStream in = TestArticles.class.getResourceAsStream("/rule/articles/" + id + ".txt")) {
            if (in == null) {
                throw new IllegalArgumentException("no test article " + id);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
