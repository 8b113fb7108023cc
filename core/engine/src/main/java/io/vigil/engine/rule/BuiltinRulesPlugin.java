package io.vigil.engine.rule;

import io.vigil.engine.rule.query.QueryRuleTypeFactory;
import io.vigil.engine.rule.regex.RegexRuleTypeFactory;
import io.vigil.spi.Plugin;
import io.vigil.spi.rule.RuleTypeFactory;
import java.util.List;

/** Contributes the built-in rule types, {@code query} and {@code regex}, found through ServiceLoader like any plugin. */
public final class BuiltinRulesPlugin implements Plugin {

    @Override
    public List<RuleTypeFactory> ruleTypeFactories() {
        return List.of(new QueryRuleTypeFactory(), new RegexRuleTypeFactory());
    }
}
