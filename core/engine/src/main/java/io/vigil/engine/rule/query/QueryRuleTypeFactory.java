package io.vigil.engine.rule.query;

import io.vigil.engine.rule.ArticleAnalyzer;
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

    private final QueryParser parser;
    private final TermRarity rarity;

    /**
     * The built-in type: the default analyser, the built-in alias lists with the deployment's own file
     * ({@link TermAliases#forDeployment()}), and the built-in word frequencies.
     */
    public QueryRuleTypeFactory() {
        this(new ArticleAnalyzer(), TermAliases.forDeployment(), TermRarity.defaults());
    }

    /** A type with the host's aliases (built-in lists plus the user's files) and word frequencies. */
    public QueryRuleTypeFactory(ArticleAnalyzer analyzer, TermAliases aliases, TermRarity rarity) {
        this.parser = new QueryParser(analyzer, aliases);
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
        return ConfigSpec.of(new ConfigField(
                PROXIMITY,
                "Words side by side must occur within",
                FieldType.CHOICE,
                false,
                Proximity.DEFAULT.label(),
                "How many consecutive sentences of one paragraph a bare list of words must fit in"
                        + " (1, 2, 3), or a whole paragraph, or anywhere in the article.",
                false,
                List.of("1", "2", "3", "paragraph", "article")));
    }

    @Override
    public CompiledRule compile(String expression, PluginConfig config) throws RuleSyntaxException {
        Proximity proximity = config == null
                ? Proximity.DEFAULT
                : config.get(PROXIMITY).map(Proximity::parse).orElse(Proximity.DEFAULT);
        return compile(expression, proximity);
    }

    /** Compiles with an explicit proximity; the typed entry point for the engine and for measurements. */
    public QueryRule compile(String expression, Proximity proximity) throws RuleSyntaxException {
        return new QueryRule(expression, parser.parse(expression), proximity, rarity);
    }
}
