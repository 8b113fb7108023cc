/**
 * Watch rules: analyse an article once, find the rules it could satisfy, match them, and explain each match.
 *
 * <h2>The flow</h2>
 *
 * <ol>
 *   <li><b>Register.</b> Each rule is compiled once by its type's {@link io.vigil.spi.rule.RuleTypeFactory} — the
 *       built-in {@link io.vigil.engine.rule.query.QueryRuleTypeFactory query} and
 *       {@link io.vigil.engine.rule.regex.RegexRuleTypeFactory regex} types come from {@link
 *       io.vigil.engine.rule.BuiltinRulesPlugin} — and handed to {@link io.vigil.engine.rule.RuleMatcher#of} as a
 *       {@link io.vigil.engine.rule.RegisteredRule}. The matcher is an immutable snapshot: when a rule is created, edited,
 *       disabled or deleted, build the next snapshot ({@code with}, {@code without}, or {@code of} again) and swap the
 *       reference; the next article sees the change, no restart.
 *   <li><b>Analyse.</b> {@link io.vigil.engine.rule.ArticleAnalyzer} turns title, body, source and language into a
 *       {@link io.vigil.spi.rule.MatchInput}: tokens with normalized form, stem, position, sentence, paragraph and
 *       offsets. Derived features are computed once per article and shared; the first of them is the
 *       {@link io.vigil.engine.rule.ArticleIndex} (where each stem, capitals key and word occurs).
 *   <li><b>Prefilter.</b> Each query rule states the words every match must contain, as clauses ({@link
 *       io.vigil.engine.rule.PrefilteredRule#requiredKeys()}); other types give {@code anyOfTerms()}. The matcher indexes
 *       each rule under its rarest clause ({@link io.vigil.engine.rule.TermRarity}), looks up the article's distinct words,
 *       and checks each candidate's remaining clauses with hash lookups. Rules without a clause are evaluated always.
 *       For archive previews the same clauses become a PostgreSQL {@code tsquery}
 *       ({@link io.vigil.engine.rule.query.QueryRule#postgresPrefilter()}).
 *   <li><b>Match.</b> Surviving candidates run their full {@link io.vigil.spi.rule.CompiledRule#match}; a bare list of
 *       words must fit in one passage (two adjacent sentences of one paragraph by default), {@code AND} looks at the whole
 *       article. See {@code docs/rules.md}.
 *   <li><b>Explain.</b> Each {@link io.vigil.engine.rule.RuleHit} carries the matched terms and highlighted spans;
 *       {@link io.vigil.engine.rule.Snippets} turns them into short sentence passages whose {@link
 *       io.vigil.engine.rule.Snippet#toHtml()} escapes the untrusted article text and marks the terms.
 * </ol>
 *
 * <p>Everything here is pure Java and thread-safe; nothing touches the database.
 */
package io.vigil.engine.rule;
