package io.vigil.engine.rule;

import io.vigil.spi.rule.CompiledRule;
import java.util.List;
import java.util.Set;

/**
 * A rule that states, in conjunctive form, which words every article it matches must contain, so the
 * {@link RuleMatcher} can index it by its rarest clause and reject most other candidates with a few lookups.
 */
public interface PrefilteredRule extends CompiledRule {

    /**
     * Clauses that every matching article satisfies: for each set, the article holds at least one of its keys. An empty
     * list means the rule cannot be prefiltered (a pure negation, say) and is evaluated for every article.
     */
    List<Set<PrefilterKey>> requiredKeys();
}
