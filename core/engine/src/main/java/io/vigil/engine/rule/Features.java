package io.vigil.engine.rule;

import io.vigil.spi.rule.FeatureKey;
import io.vigil.spi.rule.MatchInput;

/** The host's side of {@link FeatureKey derived features}: values read from storage, handed to analysed articles. */
public final class Features {

    private Features() {}

    /**
     * Gives an article a feature value read from storage, so no rule computes it again.
     *
     * @return whether the article could take it (articles analysed by {@link ArticleAnalyzer} can)
     */
    public static <T> boolean preset(MatchInput article, FeatureKey<T> key, T value) {
        if (article instanceof AnalyzedArticle analyzed) {
            analyzed.preset(key.name(), key.type().cast(value));
            return true;
        }
        return false;
    }

    /** Whether the article already holds the feature (computed or preset). */
    public static boolean has(MatchInput article, FeatureKey<?> key) {
        return article instanceof AnalyzedArticle analyzed && analyzed.has(key.name());
    }
}
