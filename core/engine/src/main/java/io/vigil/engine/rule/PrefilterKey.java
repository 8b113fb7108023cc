package io.vigil.engine.rule;

import java.util.Objects;

/**
 * A word an article must contain for a rule to have a chance: a stem, a capitals key, or a normalized-word prefix.
 *
 * @param kind how {@link #text()} is compared with the article's words
 * @param text the stem ({@code fortif}), capitals key ({@code US}) or prefix ({@code houthi})
 */
public record PrefilterKey(Kind kind, String text) {

    /** How a key is looked up in an article. */
    public enum Kind {
        /** Any word with this {@link io.vigil.spi.rule.Token#stem() stem}. */
        STEM,
        /** A word written in capitals as this key ("US" for "US" and "U.S."). */
        CAPITALS,
        /** Any word whose normalized form starts with this text. */
        PREFIX
    }

    public PrefilterKey {
        Objects.requireNonNull(kind, "kind is null");
        Objects.requireNonNull(text, "text is null");
    }

    public static PrefilterKey stem(String stem) {
        return new PrefilterKey(Kind.STEM, stem);
    }

    public static PrefilterKey capitals(String key) {
        return new PrefilterKey(Kind.CAPITALS, key);
    }

    public static PrefilterKey prefix(String prefix) {
        return new PrefilterKey(Kind.PREFIX, prefix);
    }

    /** Whether the article holds a word this key stands for. */
    public boolean isPresentIn(ArticleIndex article) {
        return switch (kind) {
            case STEM -> article.hasStem(text);
            case CAPITALS -> article.hasCapitals(text);
            case PREFIX ->
                article.field(ArticleIndex.TITLE).hasPrefix(text)
                        || article.field(ArticleIndex.BODY).hasPrefix(text);
        };
    }
}
