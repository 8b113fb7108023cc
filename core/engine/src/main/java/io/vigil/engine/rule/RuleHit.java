package io.vigil.engine.rule;

import io.vigil.spi.rule.RuleMatch;
import java.util.Objects;

/**
 * One rule that matched an article, and why.
 *
 * @param ruleId the id the rule was registered under
 * @param match the matched terms and highlighted spans
 */
public record RuleHit(long ruleId, RuleMatch match) {
    public RuleHit {
        Objects.requireNonNull(match, "match is null");
    }
}
