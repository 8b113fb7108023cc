package io.vigil.engine.rule;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.engine.rule.query.QueryRuleTypeFactory;
import io.vigil.engine.rule.regex.RegexRuleTypeFactory;
import io.vigil.spi.config.PluginConfig;
import io.vigil.spi.rule.CompiledRule;
import io.vigil.spi.rule.MatchInput;
import io.vigil.spi.rule.RuleMatch;
import io.vigil.spi.rule.RuleSyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RuleMatcherTest {

    private static final Map<String, MatchInput> ARTICLES = TestArticles.all();

    private final QueryRuleTypeFactory query = new QueryRuleTypeFactory();
    private final RegexRuleTypeFactory regex = new RegexRuleTypeFactory();

    private RegisteredRule rule(long id, String expression) throws RuleSyntaxException {
        return new RegisteredRule(id, query.compile(expression, PluginConfig.empty()));
    }

    private static List<Long> ids(List<RuleHit> hits) {
        return hits.stream().map(RuleHit::ruleId).toList();
    }

    @Test
    void returnsEveryMatchingRuleWithItsExplanation() throws Exception {
        RuleMatcher matcher = RuleMatcher.of(List.of(
                rule(1, "border fortification"), rule(2, "US forces Iraq"), rule(3, "Houthi*"), rule(4, "Lebanon")));

        List<RuleHit> hits = matcher.match(ARTICLES.get("iraqi-army-border"));

        assertThat(ids(hits)).containsExactly(2L);
        assertThat(hits.get(0).match().matchedTerms()).contains("US", "forces", "Iraq");
    }

    @Test
    void agreesWithEvaluatingEveryRuleOnEveryArticle() throws Exception {
        List<String> expressions = List.of(
                "border fortification",
                "US forces Iraq",
                "US AND forces AND Iraq",
                "Syria",
                "Turkey",
                "title:Israel",
                "Houthi*",
                "\"border points\"",
                "Lavrov NEAR/5 Syria",
                "Israel -Lebanon",
                "-Israel",
                "NOT Syria",
                "ISIS Anbar",
                "العراق",
                "Syria OR cafe",
                "source:test Syria",
                "(border OR frontier) NEAR/10 fortif*",
                "police forces",
                "us");
        List<RegisteredRule> rules = new ArrayList<>();
        for (int i = 0; i < expressions.size(); i++) {
            rules.add(rule(i, expressions.get(i)));
        }
        rules.add(new RegisteredRule(100, regex.compile("Houthis?", PluginConfig.empty())));
        RuleMatcher matcher = RuleMatcher.of(rules);

        for (MatchInput article : ARTICLES.values()) {
            List<Long> everyRule = rules.stream()
                    .filter(registered -> registered.rule().match(article).isPresent())
                    .map(RegisteredRule::id)
                    .toList();
            assertThat(ids(matcher.match(article))).as(article.title()).isEqualTo(everyRule);
        }
    }

    @Test
    void evaluatesOnlyRulesWhoseKeyWordsTheArticleHolds() throws Exception {
        RuleMatcher matcher = RuleMatcher.of(
                List.of(rule(1, "Lavrov Syria"), rule(2, "Houthi* Yemen"), rule(3, "cafe"), rule(4, "-cricket")));

        int[] candidates = matcher.candidates(ARTICLES.get("lavrov-damascus"));

        assertThat(candidates).containsExactly(0, 3);
        assertThat(matcher.unindexedCount()).isEqualTo(1);
    }

    @Test
    void keepsExactlyTheCandidatesWhoseEveryClauseTheArticleHolds() throws Exception {
        // The word-id bit tests must agree with looking each clause's keys up in the article: none kept too many, none
        // lost.
        List<String> expressions = List.of(
                "Iraq AND (drone OR missile OR army)",
                "US Iraq",
                "US AND forces AND Iraq",
                "Houthi* Yemen",
                "Yemen Houthi*",
                "(border OR frontier) AND fortification AND Iraq",
                "ISIS Anbar",
                "Lavrov Syria Damascus",
                "Israel AND (ports OR Lebanon) AND Yemen",
                "cafe police",
                "-cricket");
        List<RegisteredRule> rules = new ArrayList<>();
        for (int i = 0; i < expressions.size(); i++) {
            rules.add(rule(i, expressions.get(i)));
        }
        RuleMatcher matcher = RuleMatcher.of(rules);

        int kept = 0;
        int rejected = 0;
        for (MatchInput article : ARTICLES.values()) {
            ArticleIndex index = article.feature(ArticleIndex.KEY);
            List<Integer> expected = new ArrayList<>();
            for (int slot = 0; slot < rules.size(); slot++) {
                boolean all = ((PrefilteredRule) rules.get(slot).rule())
                        .requiredKeys().stream()
                                .allMatch(clause -> clause.stream().anyMatch(key -> key.isPresentIn(index)));
                if (all) {
                    expected.add(slot);
                }
            }
            kept += expected.size();
            rejected += rules.size() - expected.size();
            assertThat(java.util.Arrays.stream(matcher.candidates(article))
                            .boxed()
                            .toList())
                    .as(article.title())
                    .isEqualTo(expected);
        }
        assertThat(kept).isGreaterThan(ARTICLES.size());
        assertThat(rejected).isGreaterThan(ARTICLES.size());
    }

    @Test
    void usesTheAnyOfTermsHintOfOtherRuleTypes() {
        CountingRule counting = new CountingRule(Set.of("houthi"));
        RuleMatcher matcher = RuleMatcher.of(List.of(new RegisteredRule(7, counting)));

        matcher.match(ARTICLES.get("lavrov-damascus"));
        List<RuleHit> hits = matcher.match(ARTICLES.get("israel-yemen-ports"));

        assertThat(counting.calls).isEqualTo(1);
        assertThat(ids(hits)).containsExactly(7L);
    }

    @Test
    void buildsNewSnapshotsWhenRulesChangeWithoutTouchingTheOldOne() throws Exception {
        RuleMatcher first = RuleMatcher.of(List.of(rule(1, "Lavrov")));
        RuleMatcher second = first.with(rule(2, "Moscow")).with(rule(1, "Houthi*"));
        RuleMatcher third = second.without(2);
        MatchInput lavrov = ARTICLES.get("lavrov-damascus");

        assertThat(ids(first.match(lavrov))).containsExactly(1L);
        assertThat(ids(second.match(lavrov))).containsExactly(2L);
        assertThat(third.match(lavrov)).isEmpty();
        assertThat(third.size()).isEqualTo(1);
    }

    @Test
    void skipsARuleThatThrowsAndMatchesTheOthers() throws Exception {
        CompiledRule broken = article -> {
            throw new IllegalStateException("plugin bug");
        };
        RuleMatcher matcher = RuleMatcher.of(List.of(new RegisteredRule(1, broken), rule(2, "Lavrov")));

        assertThat(ids(matcher.match(ARTICLES.get("lavrov-damascus")))).containsExactly(2L);
    }

    /** A rule of another type that counts how often it is asked. */
    private static final class CountingRule implements CompiledRule {
        private final Set<String> terms;
        private int calls;

        CountingRule(Set<String> terms) {
            this.terms = terms;
        }

        @Override
        public Optional<RuleMatch> match(MatchInput article) {
            calls++;
            return Optional.of(new RuleMatch(List.of("houthi"), List.of()));
        }

        @Override
        public Set<String> anyOfTerms() {
            return terms;
        }
    }
}
