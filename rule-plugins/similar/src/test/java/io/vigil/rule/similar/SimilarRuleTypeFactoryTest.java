package io.vigil.rule.similar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.spi.config.InvalidConfigException;
import io.vigil.spi.config.PluginConfig;
import io.vigil.spi.rule.CompiledRule;
import io.vigil.spi.rule.MatchInput;
import io.vigil.spi.rule.RuleContext;
import io.vigil.spi.rule.RuleMatch;
import io.vigil.spi.rule.RuleSyntaxException;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The similar rule type with the real in-process model. */
class SimilarRuleTypeFactoryTest {

    private static final SimilarRuleTypeFactory FACTORY = new SimilarRuleTypeFactory();

    private static final TextArticle FLOOD = new TextArticle(
            "Monsoon floods displace thousands in Bangladesh",
            "Rivers burst their banks after a week of heavy rain.\n\n"
                    + "Rescue teams used boats to reach villages cut off by the water, and aid agencies said tens of"
                    + " thousands of families had left their homes.");

    private static final TextArticle FOOTBALL = new TextArticle(
            "Late goal gives champions the derby",
            "A header in stoppage time settled the match in front of a full stadium.\n\n"
                    + "The manager praised his defence after the game.");

    private static CompiledRule compile(String description, Map<String, String> settings, RuleContext context)
            throws RuleSyntaxException {
        return FACTORY.compile(description, FACTORY.configSpec().validate(settings), context);
    }

    @Test
    void aDescriptionFindsArticlesOfItsMeaningWithoutItsWords() throws Exception {
        CompiledRule rule = compile("people forced from their homes by flooding", Map.of(), RuleContext.none());

        Optional<RuleMatch> flood = rule.match(FLOOD);
        assertThat(flood).isPresent();
        assertThat(flood.get().score()).isGreaterThanOrEqualTo(0.5);
        assertThat(flood.get().matchedTerms()).singleElement().asString().startsWith("similarity 0.");
        // The highlight is the passage that scored, which the preview and the alert show.
        var highlight = flood.get().highlights().get(0);
        String text = highlight.field().equals(MatchInput.TITLE) ? FLOOD.title() : FLOOD.body();
        assertThat(text.substring(highlight.start(), highlight.end())).containsAnyOf("flood", "homes", "Rivers");
        assertThat(rule.match(FOOTBALL)).isEmpty();
        assertThat(rule.features()).hasSize(1);
        assertThat(rule.reading()).get().asString().contains("similarity ≥ 0.50");
    }

    @Test
    void anArticleIsAnExample() throws Exception {
        RuleContext context = new RuleContext() {
            @Override
            public Optional<MatchInput> article(long id) {
                return id == 7 ? Optional.of(FLOOD) : Optional.empty();
            }

            @Override
            public CompiledRule compile(String type, String expression, Map<String, String> settings)
                    throws RuleSyntaxException {
                return RuleContext.none().compile(type, expression, settings);
            }
        };
        CompiledRule rule = compile("a storm", Map.of("articles", "7", "threshold", "0.6"), context);
        TextArticle another = new TextArticle(
                "Thousands flee as floodwaters rise in Assam",
                "Heavy rains swelled the Brahmaputra and villagers moved to relief camps.");
        assertThat(rule.match(another)).isPresent();
        assertThat(rule.match(FOOTBALL)).isEmpty();

        assertThatThrownBy(() -> compile("a storm", Map.of("articles", "8"), context))
                .isInstanceOfSatisfying(
                        InvalidConfigException.class,
                        e -> assertThat(e.problems().get(0).field()).isEqualTo("articles"));
    }

    @Test
    void badInputNamesItsField() {
        assertThatThrownBy(() -> compile("  ", Map.of(), RuleContext.none()))
                .isInstanceOf(RuleSyntaxException.class)
                .hasMessageContaining("empty");
        assertThatThrownBy(() -> compile("x".repeat(1001), Map.of(), RuleContext.none()))
                .isInstanceOf(RuleSyntaxException.class)
                .hasMessageContaining("limit is 1000");
        for (String threshold : new String[] {"1.5", "0", "high"}) {
            assertThatThrownBy(() -> compile("floods", Map.of("threshold", threshold), RuleContext.none()))
                    .isInstanceOfSatisfying(
                            InvalidConfigException.class,
                            e -> assertThat(e.problems().get(0).field()).isEqualTo("threshold"));
        }
        assertThatThrownBy(() -> compile("floods", Map.of("articles", "seven"), RuleContext.none()))
                .isInstanceOf(InvalidConfigException.class);
    }

    @Test
    void storedEmbeddingsReadBackAsComputed() {
        float[][] vectors = PassageEmbeddings.compute(SentenceModel.SHARED, FLOOD);
        float[][] back = PassageEmbeddings.CODEC.decode(PassageEmbeddings.CODEC.encode(vectors));
        assertThat(back).isDeepEqualTo(vectors);
        assertThat(vectors.length).isEqualTo(Passage.of(FLOOD).size());
        assertThat(vectors[0].length).isEqualTo(384);
    }

    @Test
    void aModelThatCannotLoadDisablesTheTypeWithItsReason() {
        SimilarRuleTypeFactory broken = new SimilarRuleTypeFactory(new SentenceModel(() -> {
            throw new IllegalStateException("no weights in this jar");
        }));
        assertThat(broken.unavailable()).get().asString().contains("no weights in this jar");
        assertThat(FACTORY.unavailable()).isEmpty();
        assertThatThrownBy(() -> broken.compile("floods", PluginConfig.empty()))
                .isInstanceOf(IllegalStateException.class);
    }
}
