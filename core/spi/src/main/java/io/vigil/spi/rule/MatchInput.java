package io.vigil.spi.rule;

import java.util.List;
import java.util.Optional;

/**
 * One article as rules see it: clean text per field, analysed once and shared by every rule.
 *
 * <p>New derived inputs arrive as {@link FeatureKey features}, not as new methods, so existing rule types keep
 * compiling when the platform learns to compute more.
 */
public interface MatchInput {

    /** The field names every article has. */
    String TITLE = "title";

    String BODY = "body";

    /** The clean headline. */
    String title();

    /** The clean article text, paragraphs separated by blank lines. */
    String body();

    /** The name of the source (outlet) the article came from. */
    String source();

    /** The ISO 639-1 language code, when known. */
    Optional<String> language();

    /** The analysed form of {@link #TITLE} or {@link #BODY}; tokens in text order. */
    AnalyzedField field(String name);

    /** The names of the analysed fields, {@link #TITLE} and {@link #BODY} at least. */
    default List<String> fieldNames() {
        return List.of(TITLE, BODY);
    }

    /**
     * A derived feature of this article, computed on first request and shared by all rules matching it.
     *
     * @throws UnsupportedOperationException when the host cannot compute it
     */
    <T> T feature(FeatureKey<T> key);
}
