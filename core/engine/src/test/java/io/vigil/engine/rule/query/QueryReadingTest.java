package io.vigil.engine.rule.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.engine.rule.ArticleAnalyzer;
import io.vigil.spi.rule.Highlight;
import io.vigil.spi.rule.RuleMatch;
import io.vigil.spi.rule.RuleSyntaxException;
import org.junit.jupiter.api.Test;

class QueryReadingTest {

    private final QueryRuleTypeFactory factory = new QueryRuleTypeFactory();
    private final ArticleAnalyzer analyzer = new ArticleAnalyzer();

    private String reading(String rule) throws RuleSyntaxException {
        return factory.compile(rule, Proximity.DEFAULT).reading().orElseThrow();
    }

    @Test
    void readsPrecedenceBackWithEveryGroupInParentheses() throws Exception {
        assertThat(reading("border fortification OR wall AND Iraq"))
                .isEqualTo("(border (fortification OR wall)) AND Iraq");
        assertThat(reading("Iran drone OR missile")).isEqualTo("Iran (drone OR missile)");
        assertThat(reading("(Iran drone) OR missile")).isEqualTo("(Iran drone) OR missile");
        assertThat(reading("Israel -Lebanon")).isEqualTo("Israel NOT Lebanon");
        assertThat(reading("title:(Iraq OR Syria) \"security crisis\""))
                .isEqualTo("title:(Iraq OR Syria) \"security crisis\"");
        assertThat(reading("(Houthi* OR Yemen) NEAR/10 (port OR ports) -\"Red Sea\""))
                .isEqualTo("((Houthi* OR Yemen) NEAR/10 (port OR ports)) NOT \"Red Sea\"");
        assertThat(reading("Israel ONEAR/3 strike*")).isEqualTo("Israel ONEAR/3 strike*");
        assertThat(reading("a AND b AND c OR d")).isEqualTo("a AND b AND (c OR d)");
    }

    @Test
    void aSingleWordReadsAsItself() throws Exception {
        assertThat(reading("  fortification ")).isEqualTo("fortification");
        assertThat(reading("~US")).isEqualTo("~US");
    }

    @Test
    void eachHighlightNamesTheTopLevelClauseItSatisfied() throws Exception {
        RuleMatch match = factory.compile("(wall AND Iraq) OR (fence AND Syria)", Proximity.DEFAULT)
                .match(analyzer.analyze("Syria builds a fence", "The new fence runs along the border.", "Wire", "en"))
                .orElseThrow();

        assertThat(match.highlights()).isNotEmpty().allSatisfy(highlight -> assertThat(highlight.clause())
                .isEqualTo("(fence AND Syria)"));
    }

    @Test
    void theTermsOfAnAndBelongToTheirOwnOperand() throws Exception {
        RuleMatch match = factory.compile("Iraq AND (wall OR fence)", Proximity.DEFAULT)
                .match(analyzer.analyze("Iraq finishes its wall", "", "Wire", "en"))
                .orElseThrow();

        assertThat(match.highlights())
                .extracting(Highlight::term, Highlight::clause)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("Iraq", "Iraq"),
                        org.assertj.core.groups.Tuple.tuple("wall", "(wall OR fence)"));
    }

    @Test
    void aBareListIsOneClauseBecauseItsWordsMatchOnlyTogether() throws Exception {
        RuleMatch match = factory.compile("border fortification", Proximity.DEFAULT)
                .match(analyzer.analyze("Border fortification begins", "", "Wire", "en"))
                .orElseThrow();

        assertThat(match.highlights()).extracting(Highlight::clause).containsOnly("border fortification");
    }

    @Test
    void aVeryLongClauseIsCutButTheReadingIsWhole() throws Exception {
        String longGroup = "(" + "alpha OR ".repeat(60) + "omega)";
        QueryRule rule = factory.compile(longGroup + " AND Iraq", Proximity.DEFAULT);

        assertThat(rule.reading().orElseThrow()).startsWith(longGroup).endsWith(" AND Iraq");
        RuleMatch match =
                rule.match(analyzer.analyze("Omega in Iraq", "", "Wire", "en")).orElseThrow();
        assertThat(match.highlights()).extracting(Highlight::clause).allSatisfy(clause -> assertThat(clause.length())
                .isLessThanOrEqualTo(QueryReading.MAX_CLAUSE_LENGTH));
    }
}
