/**
 * Watch rules in the running platform: the rules as stored, the live rule book, matching each new article, alerts,
 * and previews over the archive.
 *
 * <h2>The flow</h2>
 *
 * <ol>
 *   <li><b>Save.</b> {@link io.vigil.engine.watch.RuleCatalog} validates a rule (it must compile with its type's
 *       factory, route to known channels with known deliveries, have a sensible escalation, stay within the size
 *       limits) and stores it in the {@code rule} table with its routes; nothing is saved when anything is wrong. It fires {@link io.vigil.engine.watch.RuleChanged} in the saving transaction.
 *   <li><b>Compile once.</b> {@link io.vigil.engine.watch.RuleBook} holds the enabled rules compiled into one immutable
 *       {@link io.vigil.engine.rule.RuleMatcher} snapshot, swapped atomically: loaded when the archive is ready, patched
 *       after each committed change on this instance, and re-synchronised every few seconds when a cheap stamp of the
 *       table shows that another instance changed it. A rule whose type is missing or that no longer compiles is
 *       skipped and logged.
 *   <li><b>Match live.</b> {@link io.vigil.engine.watch.LiveMatching} observes each stored article inside the storing
 *       transaction, analyses it once, matches it against the snapshot in one pass and records each hit: the match
 *       with its snippets, the alert of (rule, story) opened or joined through the aggregate
 *       {@link io.vigil.engine.alert.Alerts}, and {@link io.vigil.engine.alert.AlertRaised} for delivery.
 *   <li><b>Preview.</b> {@link io.vigil.engine.watch.ArchiveMatcher} runs a compiled rule over stored articles with the
 *       same semantics: candidates from PostgreSQL's full-text index (the rule's prefilter), then the real rule on each.
 * </ol>
 */
package io.vigil.engine.watch;
