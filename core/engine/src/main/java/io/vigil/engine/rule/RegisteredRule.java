package io.vigil.engine.rule;

import io.vigil.spi.rule.CompiledRule;
import java.util.Objects;

/**
 * A compiled rule under the id the platform stores it by.
 *
 * @param id the rule's id
 * @param rule the compiled rule
 */
public record RegisteredRule(long id, CompiledRule rule) {
    public RegisteredRule {
        Objects.requireNonNull(rule, "rule is null");
    }
}
