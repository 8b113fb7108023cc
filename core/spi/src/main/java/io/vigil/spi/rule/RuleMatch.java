package io.vigil.spi.rule;

import java.util.List;

/**
 * Why a rule matched an article: the rule terms that were found and where. The platform turns the highlights into
 * snippets with the terms marked, stores them, and shows them in previews and alerts.
 */
public record RuleMatch(List<String> matchedTerms, List<Highlight> highlights) {
    public RuleMatch {
        matchedTerms = List.copyOf(matchedTerms);
        highlights = List.copyOf(highlights);
    }
}
