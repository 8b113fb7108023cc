package io.vigil.spi.rule;

import java.util.Optional;

/**
 * What the host offers a rule type while it compiles a rule: stored articles to learn from ("articles like this one")
 * and the other installed rule types to build on (a Boolean prefilter). Valid during {@code compile} only.
 */
public interface RuleContext {

    /** A stored article, read as live matching reads it, with its stored features; empty when there is no such id. */
    Optional<MatchInput> article(long id);

    /**
     * Compiles an expression of another installed rule type with its settings (validated against that type's spec).
     *
     * @throws RuleSyntaxException when the type is unknown, a setting does not fit, or the expression does not compile
     */
    CompiledRule compile(String type, String expression, java.util.Map<String, String> settings)
            throws RuleSyntaxException;

    /** A context with no articles and no other rule types, for tests and hosts that offer neither. */
    static RuleContext none() {
        return new RuleContext() {
            @Override
            public Optional<MatchInput> article(long id) {
                return Optional.empty();
            }

            @Override
            public CompiledRule compile(String type, String expression, java.util.Map<String, String> settings)
                    throws RuleSyntaxException {
                throw new RuleSyntaxException("no rule type '" + type + "' is available here", 0, null);
            }
        };
    }
}
