package io.vigil.spi.rule;

import java.util.List;

/**
 * Why a rule matched an article: the rule terms that were found and where. The platform turns the highlights into
 * snippets with the terms marked, stores them, and shows them in previews and alerts.
 *
 * @param score for a scoring rule type (similarity), how well the article scored, stored with the match so feedback
 *     can suggest a threshold; {@code null} for Boolean types
 */
public record RuleMatch(List<String> matchedTerms, List<Highlight> highlights, Double score) {
    public RuleMatch {
        matchedTerms = List.copyOf(matchedTerms);
        highlights = List.copyOf(highlights);
    }

    /** A Boolean match, without a score. */
    public RuleMatch(List<String> matchedTerms, List<Highlight> highlights) {
        this(matchedTerms, highlights, null);
    }
}
