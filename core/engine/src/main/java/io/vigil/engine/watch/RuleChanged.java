package io.vigil.engine.watch;

/**
 * A rule was created, changed or deleted; fired inside the saving transaction. The {@link RuleBook} applies it once the
 * transaction commits, so the next article sees the change and a rolled-back change is never seen.
 *
 * @param ruleId the rule
 */
public record RuleChanged(long ruleId) {}
