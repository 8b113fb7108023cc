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
}
