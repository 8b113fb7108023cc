package io.vigil.engine.alert;

/**
 * A rule matched a new article: either it opened the alert for its story, or it joined the alert the story already
 * had for that rule. Fired synchronously inside the transaction that stores the article, so whatever observes it —
 * the outbox above all — commits or rolls back with the alert.
 *
 * @param alertId the alert of (rule, story)
 * @param ruleId the rule that matched
 * @param storyId the article's story
 * @param articleId the new article
 * @param opened {@code true} when this article opened the alert, {@code false} when it joined an existing one
 * @param muted whether a silence covered the alert when it opened: recorded, not to be sent
 */
public record AlertRaised(long alertId, long ruleId, long storyId, long articleId, boolean opened, boolean muted) {}
