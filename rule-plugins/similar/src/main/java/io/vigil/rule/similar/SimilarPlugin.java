package io.vigil.rule.similar;

import io.vigil.spi.Plugin;
import io.vigil.spi.rule.RuleTypeFactory;
import java.util.List;

/** Contributes the {@code similar} rule type: articles like a description or like stored articles, by meaning. */
public final class SimilarPlugin implements Plugin {

    @Override
    public List<RuleTypeFactory> ruleTypeFactories() {
        return List.of(new SimilarRuleTypeFactory());
    }
}
