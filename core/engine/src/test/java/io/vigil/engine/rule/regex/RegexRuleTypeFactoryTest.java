package io.vigil.engine.rule.regex;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.engine.rule.ArticleAnalyzer;
import io.vigil.spi.config.PluginConfig;
import io.vigil.spi.rule.CompiledRule;
import io.vigil.spi.rule.MatchInput;
import io.vigil.spi.rule.RuleSyntaxException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RegexRuleTypeFactoryTest {

    private final RegexRuleTypeFactory factory = new RegexRuleTypeFactory();
    private final MatchInput article =
            new ArticleAnalyzer().analyze("Houthi Leader Warned", "Israel struck the port of Hodeidah.", null, "en");

    private PluginConfig config(Map<String, String> values) {
        return factory.configSpec().validate(values);
    }

    @Test
    void matchesCaseInsensitivelyInTitleAndBodyByDefault() throws Exception {
        CompiledRule rule = factory.compile("hodeidah|houthi", config(Map.of()));

        assertThat(rule.match(article).orElseThrow().highlights())
                .extracting(highlight -> highlight.field() + ":" + highlight.term())
                .containsExactly("title:Houthi", "body:Hodeidah");
    }

    @Test
    void honoursCaseSensitivityAndFieldSettings() throws Exception {
        assertThat(factory.compile("houthi", config(Map.of("case-sensitive", "true")))
                        .match(article))
                .isEmpty();
        assertThat(factory.compile("Houthi", config(Map.of("fields", "body"))).match(article))
                .isEmpty();
    }

    @Test
    void runsPatternsThatWouldBacktrackForeverInLinearTime() throws Exception {
        MatchInput hostile = new ArticleAnalyzer().analyze("", "a".repeat(50_000) + "!", null, null);

        assertThat(factory.compile("(a+)+$", config(Map.of())).match(hostile)).isEmpty();
    }

    @Test
    void refusesInvalidPatternsWithAPosition() {
        assertThatThrownBy(() -> factory.compile("border(", config(Map.of())))
                .isInstanceOfSatisfying(RuleSyntaxException.class, e -> {
                    assertThat(e.getMessage()).startsWith("invalid regular expression");
                    assertThat(e.position()).isBetween(0, 7);
                });
        assertThatThrownBy(() -> factory.compile("(a)\\1", config(Map.of()))).isInstanceOf(RuleSyntaxException.class);
        assertThatThrownBy(() -> factory.compile("", config(Map.of()))).isInstanceOf(RuleSyntaxException.class);
    }

    @Test
    void refusesPatternsWhoseCountedRepetitionsExpandPastTheLimit() {
        // Without the bound RE2/J compiles these into a million instructions and more (and a billion for
        // ((a{1000}){1000}){1000}: a minute, then OutOfMemoryError), and matching pays that size per character.
        for (String pattern : new String[] {"(a{1000}){1000}", "(((a{30}){30}){30}){30}", "x(?:[a-z]{0,1000}){2}y"}) {
            assertThatThrownBy(() -> factory.compile(pattern, config(Map.of())))
                    .as(pattern)
                    .isInstanceOfSatisfying(RuleSyntaxException.class, e -> {
                        assertThat(e.getMessage()).startsWith("the pattern repeats too much");
                        assertThat(pattern.charAt(e.position())).isEqualTo('{');
                    });
        }
    }

    @Test
    void keepsPatternsNoLargerThanTheLengthLimitAllows() throws Exception {
        String longList = String.join("|", java.util.Collections.nCopies(99, "ceasefire"));
        for (String pattern : new String[] {
            "\\bcease-?fire\\b.{0,300}\\bgaza\\b",
            ".{0,998}x",
            longList,
            "[{]{999}",
            "a\\{1000000\\}",
            "x{",
            "(?i)a{2,900}"
        }) {
            assertThat(factory.compile(pattern, config(Map.of()))).as(pattern).isNotNull();
        }
    }

    @Test
    void aLargePatternReadsOnlyTheStartOfALongFieldAndASmallOneReadsMuchMore() throws Exception {
        // .{0,998}x keeps up to a thousand threads alive at every character: 3 s for 100,000 characters, 30 s a MB
        String far = "a".repeat(60_000) + "x";
        MatchInput longBody = new ArticleAnalyzer().analyze("", far, null, null);
        assertThat(RegexRuleTypeFactory.window(RegexSize.of(".{0,998}x").size()))
                .isLessThan(60_000);

        assertThat(factory.compile(".{0,998}x", config(Map.of("fields", "body")))
                        .match(longBody))
                .as("past its window")
                .isEmpty();
        assertThat(factory.compile("a{3}x", config(Map.of("fields", "body"))).match(longBody))
                .as("a small pattern's window holds the whole field")
                .isPresent();
    }
}
