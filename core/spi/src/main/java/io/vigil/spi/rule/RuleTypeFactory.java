package io.vigil.spi.rule;

import io.vigil.spi.PluginFactory;
import io.vigil.spi.config.PluginConfig;

/**
 * Describes a rule type ({@code query}, {@code regex}, a third party's classifier) and compiles user expressions of it.
 *
 * <p>Compilation happens once per rule version — when a rule is saved or changed, and at start-up — so do the
 * expensive work here, not in {@link CompiledRule#match}.
 */
public interface RuleTypeFactory extends PluginFactory {

    /**
     * Compiles one rule expression.
     *
     * @param expression what the user typed
     * @param config the rule type's validated settings (most types have none)
     * @throws RuleSyntaxException when the expression is malformed; its position and expectation reach the user
     */
    CompiledRule compile(String expression, PluginConfig config) throws RuleSyntaxException;
}
