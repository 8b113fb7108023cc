package io.vigil.spi.rule;

import java.util.Optional;
import java.util.Set;

/**
 * A rule ready to run: decides whether one article matches, and says why.
 *
 * <p>Immutable and called from several threads at once. {@link #match} must not block on I/O; expensive derived
 * inputs (an embedding, say) come from {@link MatchInput#feature}, which the platform computes once per article.
 */
public interface CompiledRule {

    /** The match and its explanation, or empty when the article does not match. */
    Optional<RuleMatch> match(MatchInput article);

    /**
     * A prefilter hint: analysed terms ({@link Token#stem()} forms) at least one of which every matching article
     * contains. The platform then evaluates the rule only for articles holding one of them. Empty (the default) means
     * "no hint": the rule is evaluated against every article.
     */
    default Set<String> anyOfTerms() {
        return Set.of();
    }

    /**
     * How the rule type read the expression, for people checking that it means what they meant: for a {@code query}
     * rule the expression fully parenthesised, such as {@code (border fortification) OR (wall AND Iraq)}. Shown on
     * the alert page and sent with webhooks. Empty (the default) when the type has nothing to add to the expression.
     */
    default Optional<String> reading() {
        return Optional.empty();
    }

    /**
     * How the rule type read the expression, for the preview and the rule editor: for a Boolean query, the rule fully
     * parenthesised with every expansion of its terms (spellings, aliases, concept members), so a surprise is visible
     * before saving. Longer than {@link #reading()}. Empty (the default) when the type has nothing to add.
     */
    default Optional<String> expandedReading() {
        return reading();
    }

    /**
     * The derived features ({@link FeatureKey}) this rule reads that are costly to compute, such as passage
     * embeddings. The host computes them once per article, only while some rule asks for them, outside the
     * transaction that stores the article, and keeps those with a {@link FeatureKey#codec() codec} for previews and
     * backtests; such a rule is matched just after the article is stored. Empty (the default) for rules that read only
     * the text.
     */
    default Set<FeatureKey<?>> features() {
        return Set.of();
    }

    /**
     * A cheaper rule that every article this one matches also matches (a semantic rule's Boolean prefilter), so the
     * host can find candidates in the archive with that rule's index. Empty (the default) when there is none.
     */
    default Optional<CompiledRule> prefilter() {
        return Optional.empty();
    }
}
