package io.vigil.engine.rule.query;

import io.vigil.engine.rule.ArticleAnalyzer;
import io.vigil.engine.rule.ConceptLexicon;
import io.vigil.engine.rule.TermAliases;
import io.vigil.engine.rule.TermRarity;
import io.vigil.spi.config.ConfigField;
import io.vigil.spi.config.ConfigSpec;
import io.vigil.spi.config.FieldType;
import io.vigil.spi.config.PluginConfig;
import io.vigil.spi.rule.CompiledRule;
import io.vigil.spi.rule.RuleSyntaxException;
import io.vigil.spi.rule.RuleTypeFactory;
import java.util.List;
import java.util.Objects;

/**
 * The {@code query} rule type: Boolean rules with phrases, proximity, wildcards, field scopes, word forms and
 * nationality aliases, as described in {@code docs/rules.md}.
 *
 * <p>Stateless after construction and thread-safe.
 */
public final class QueryRuleTypeFactory implements RuleTypeFactory {

    /** The config key naming how close the words of a bare list must be. */
    public static final String PROXIMITY = "proximity";

    /** The config key switching concept expansion on ({@code on}, the default) or off for a rule. */
    public static final String CONCEPTS = "concepts";

    private final QueryParser parser;
    private final TermRarity rarity;

    /**
     * The built-in type: the default analyser, the built-in alias lists and concept lexicon with the deployment's own
     * files ({@link TermAliases#forDeployment()}, {@link ConceptLexicon#forDeployment()}), and the built-in word
     * frequencies.
     */
    public QueryRuleTypeFactory() {
        this(new ArticleAnalyzer(), TermAliases.forDeployment(), ConceptLexicon.forDeployment(), TermRarity.defaults());
    }

    /** A type with the host's aliases and word frequencies, and no concepts. */
    public QueryRuleTypeFactory(ArticleAnalyzer analyzer, TermAliases aliases, TermRarity rarity) {
        this(analyzer, aliases, ConceptLexicon.none(), rarity);
    }

    /** A type with the host's aliases, concepts and word frequencies. */
    public QueryRuleTypeFactory(
            ArticleAnalyzer analyzer, TermAliases aliases, ConceptLexicon concepts, TermRarity rarity) {
        // Words run together count as one word when the built-in table knows it, whatever the deployment's rarity.
        this.parser = new QueryParser(analyzer, aliases, concepts, TermRarity.defaults()::knows);
        this.rarity = Objects.requireNonNull(rarity, "rarity is null");
    }

    @Override
    public String type() {
        return "query";
    }

    @Override
    public String label() {
        return "Boolean query";
    }

    @Override
    public String description() {
        return "Words, \"phrases\", AND, OR, NOT, NEAR/n, fortif* and title: scopes. Words side by side must occur"
                + " close together; word forms and nationalities (Iraq, Iraqi) match each other.";
    }

    @Override
    public ConfigSpec configSpec() {
        return ConfigSpec.of(
                new ConfigField(
                        PROXIMITY,
                        "Words side by side must occur within",
                        FieldType.CHOICE,
                        false,
                        Proximity.DEFAULT.label(),
                        "How many consecutive sentences of one paragraph a bare list of words must fit in"
                                + " (1, 2, 3), or a whole paragraph, or anywhere in the article. Items of up to "
                                + Proximity.SHORT_ITEM
                                + " sentences are always read whole.",
                        false,
                        List.of("1", "2", "3", "paragraph", "article")),
                new ConfigField(
                        CONCEPTS,
                        "Concepts",
                        FieldType.CHOICE,
                        false,
                        "on",
                        "on: a term also finds its near-synonyms, narrower terms and named instances (fortification"
                                + " finds wall and fence); off: only the words, their forms, spellings and aliases."
                                + " One term alone: write =fortification.",
                        false,
                        List.of("on", "off")));
    }

    @Override
    public CompiledRule compile(String expression, PluginConfig config) throws RuleSyntaxException {
        PluginConfig settings = config == null ? PluginConfig.empty() : config;
        Proximity proximity = settings.get(PROXIMITY).map(Proximity::parse).orElse(Proximity.DEFAULT);
        boolean concepts = !settings.get(CONCEPTS).map("off"::equals).orElse(false);
        return compile(expression, proximity, concepts);
    }

    /** Compiles with an explicit proximity and concepts on; the typed entry point for the engine and measurements. */
    public QueryRule compile(String expression, Proximity proximity) throws RuleSyntaxException {
        return compile(expression, proximity, true);
    }

    /** Compiles with an explicit proximity, concepts on or off. */
    public QueryRule compile(String expression, Proximity proximity, boolean concepts) throws RuleSyntaxException {
        return new QueryRule(expression, parser.parse(expression, concepts), proximity, rarity);
    }
}
