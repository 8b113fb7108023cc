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

    /**
     * Compiles one rule expression with what the host offers (stored articles, other rule types). The host always
     * calls this one; the default ignores the context. A setting that the spec accepts but the rule cannot use (an
     * article id that does not exist) is refused with {@link io.vigil.spi.config.InvalidConfigException} naming it.
     */
    default CompiledRule compile(String expression, PluginConfig config, RuleContext context)
            throws RuleSyntaxException {
        return compile(expression, config);
    }

    /**
     * Why this type cannot compile rules now (a model that did not load), for one log line and the rules page; empty
     * (the default) when it can. Rules of an unavailable type are skipped; other types keep working.
     */
    default java.util.Optional<String> unavailable() {
        return java.util.Optional.empty();
    }
}
