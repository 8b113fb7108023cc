package io.vigil.engine.rule.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.engine.rule.ArticleAnalyzer;
import io.vigil.engine.rule.TermAliases;
import io.vigil.engine.rule.query.QueryNode.All;
import io.vigil.engine.rule.query.QueryNode.And;
import io.vigil.engine.rule.query.QueryNode.Near;
import io.vigil.engine.rule.query.QueryNode.Not;
import io.vigil.engine.rule.query.QueryNode.Or;
import io.vigil.engine.rule.query.QueryNode.Phrase;
import io.vigil.engine.rule.query.QueryNode.Scoped;
import io.vigil.engine.rule.query.QueryNode.Term;
import io.vigil.engine.rule.query.QueryNode.Wildcard;
import io.vigil.engine.rule.query.TermPattern.Capitals;
import io.vigil.engine.rule.query.TermPattern.Stem;
import io.vigil.spi.rule.RuleSyntaxException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class QueryParserTest {

    private final QueryParser parser = new QueryParser(new ArticleAnalyzer(), TermAliases.defaults());

    private QueryNode parse(String rule) throws RuleSyntaxException {
        return parser.parse(rule);
    }

    @Test
    void readsABareListAsOneProximityGroup() throws Exception {
        assertThat(parse("border fortification")).isInstanceOfSatisfying(All.class, all -> assertThat(all.operands())
                .extracting(node -> ((Term) node).text())
                .containsExactly("border", "fortification"));
    }

    @Test
    void bindsOrTighterThanNotTighterThanAnd() throws Exception {
        QueryNode node = parse("a1 OR b1 AND NOT c1");

        assertThat(node).isInstanceOfSatisfying(And.class, and -> {
            assertThat(and.operands().get(0)).isInstanceOf(Or.class);
            assertThat(and.operands().get(1)).isInstanceOf(Not.class);
        });
    }

    @Test
    void readsOrInsideABareListAsOneOfTheListsMembers() throws Exception {
        assertThat(parse("Iran drone OR missile")).isInstanceOfSatisfying(All.class, all -> {
            assertThat(all.operands()).hasSize(2);
            assertThat(all.operands().get(0)).isInstanceOf(Term.class);
            assertThat(all.operands().get(1)).isInstanceOfSatisfying(Or.class, or -> assertThat(or.operands())
                    .extracting(node -> ((Term) node).text())
                    .containsExactly("drone", "missile"));
        });
    }

    @Test
    void negatesTheWholeOrGroupThatFollows() throws Exception {
        assertThat(parse("Israel -Lebanon OR Syria")).isInstanceOfSatisfying(All.class, all -> assertThat(
                        all.operands().get(1))
                .isInstanceOfSatisfying(
                        Not.class, not -> assertThat(not.operand()).isInstanceOf(Or.class)));
    }

    @Test
    void joinsNearOperandsWrittenWithOrWithoutParentheses() throws Exception {
        assertThat(parse("Lavrov NEAR/5 Syria OR Damascus"))
                .isInstanceOfSatisfying(
                        Near.class, near -> assertThat(near.right()).isInstanceOf(Or.class));
    }

    @Test
    void bindsABareListTighterThanAnd() throws Exception {
        assertThat(parse("border fortification AND Iraq")).isInstanceOfSatisfying(And.class, and -> {
            assertThat(and.operands().get(0)).isInstanceOf(All.class);
            assertThat(and.operands().get(1)).isInstanceOf(Term.class);
        });
    }

    @Test
    void readsMinusAsNegationButKeepsHyphensInsideWords() throws Exception {
        assertThat(parse("Israel -Lebanon"))
                .isInstanceOfSatisfying(
                        All.class, all -> assertThat(all.operands().get(1)).isInstanceOf(Not.class));
        assertThat(parse("al-Sudani")).isInstanceOf(Term.class);
    }

    @Test
    void readsPhrasesWildcardsScopesAndProximity() throws Exception {
        assertThat(parse("\"border points\"")).isInstanceOf(Phrase.class);
        assertThat(parse("fortif*")).isInstanceOf(Wildcard.class);
        assertThat(parse("title:Israel")).isInstanceOfSatisfying(Scoped.class, scoped -> assertThat(scoped.field())
                .isEqualTo(QueryNode.Field.TITLE));
        assertThat(parse("Lavrov NEAR/5 (Syria OR Damascus)")).isInstanceOfSatisfying(Near.class, near -> {
            assertThat(near.distance()).isEqualTo(5);
            assertThat(near.ordered()).isFalse();
            assertThat(near.right()).isInstanceOf(Or.class);
        });
        assertThat(parse("Israel ONEAR/3 strikes"))
                .isInstanceOfSatisfying(
                        Near.class, near -> assertThat(near.ordered()).isTrue());
    }

    @Test
    void makesCapitalTermsCaseSensitiveUnlessMarkedWithTilde() throws Exception {
        Term capitals = (Term) parse("US");
        Term tilde = (Term) parse("~US");
        Term lower = (Term) parse("us");

        assertThat(capitals.pattern().sequences()).contains(List.of(new Capitals("US")));
        assertThat(tilde.pattern().sequences()).containsExactly(List.of(new Stem("us")));
        assertThat(lower.pattern().sequences()).isEqualTo(tilde.pattern().sequences());
    }

    @Test
    void expandsNationalitiesAndAcronymsFromTheAliasLists() throws Exception {
        Term iraq = (Term) parse("Iraq");
        Term us = (Term) parse("US");

        assertThat(iraq.pattern().sequences()).contains(List.of(new Stem("iraqi")));
        assertThat(us.pattern().sequences())
                .contains(List.of(new Stem("american")))
                .anySatisfy(alternative -> assertThat(alternative).hasSize(2));
    }

    @Test
    void treatsLowercaseOperatorsAsWords() throws Exception {
        assertThat(parse("war and peace")).isInstanceOfSatisfying(All.class, all -> assertThat(all.operands())
                .hasSize(3));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '`',
            value = {
                "`   `                        | 0  | the rule is empty",
                "(border fortification        | 0  | '(' is never closed",
                "border) fortification        | 6  | ')' has no matching '('",
                "author:Smith                 | 0  | unknown field 'author'",
                "a*                           | 0  | a wildcard needs at least 3 letters",
                "border NEAR/0 wall           | 12 | NEAR distance must be between 1 and 100",
                "border NEAR/1000 wall        | 12 | NEAR distance must be between 1 and 100",
                "border NEAR wall             | 11 | NEAR needs a distance",
                "\"border points              | 0  | the quote opened here is never closed",
                "border AND                   | 10 | 'AND' needs a term after it",
                "OR border                    | 0  | 'OR' where a term was expected",
                "border OR OR wall            | 10 | 'OR' needs a term after it",
                "NOT                          | 3  | 'NOT' needs a term after it",
                "()                           | 1  | ')' where a term was expected",
                "fort*ify                     | 4  | '*' is allowed only at the end of a word",
                "(a1 AND b1) NEAR/3 c1        | 0  | NEAR/3 joins words, phrases"
            })
    void refusesBrokenRulesNamingThePositionAndWhatWasExpected(String rule, int position, String message) {
        assertThatThrownBy(() -> parse(rule)).isInstanceOfSatisfying(RuleSyntaxException.class, e -> {
            assertThat(e.getMessage()).startsWith(message);
            assertThat(e.position()).isEqualTo(position);
            assertThat(e.expected()).isNotBlank();
        });
    }

    @Test
    void refusesRulesOverTheSizeLimits() {
        String tooLong = "border ".repeat(QueryParser.MAX_LENGTH / 7 + 1);
        String tooManyWords = "w1 ".repeat(QueryParser.MAX_TERMS + 1);
        String tooDeep = "(".repeat(QueryParser.MAX_DEPTH + 1) + "x1" + ")".repeat(QueryParser.MAX_DEPTH + 1);

        assertThatThrownBy(() -> parse(tooLong))
                .isInstanceOfSatisfying(
                        RuleSyntaxException.class, e -> assertThat(e.position()).isEqualTo(QueryParser.MAX_LENGTH));
        assertThatThrownBy(() -> parse(tooManyWords))
                .hasMessageContaining("more than " + QueryParser.MAX_TERMS + " words");
        assertThatThrownBy(() -> parse(tooDeep)).hasMessageContaining("nests deeper");
    }
}
