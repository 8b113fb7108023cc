package io.vigil.rule.similar;

import io.vigil.spi.config.ConfigField;
import io.vigil.spi.config.ConfigProblem;
import io.vigil.spi.config.ConfigSpec;
import io.vigil.spi.config.FieldType;
import io.vigil.spi.config.InvalidConfigException;
import io.vigil.spi.config.PluginConfig;
import io.vigil.spi.rule.CompiledRule;
import io.vigil.spi.rule.MatchInput;
import io.vigil.spi.rule.RuleContext;
import io.vigil.spi.rule.RuleSyntaxException;
import io.vigil.spi.rule.RuleTypeFactory;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code similar} rule type: "like this description" (the expression, a sentence or two) and "like these
 * articles" (the {@code articles} setting), by the meaning of sentence embeddings rather than by words. An optional
 * Boolean {@code prefilter} (a query rule) bounds which articles are embedded and scored; {@code threshold} is the
 * least cosine similarity of a passage that matches. See {@code docs/rules.md}.
 */
public final class SimilarRuleTypeFactory implements RuleTypeFactory {

    public static final String THRESHOLD = "threshold";
    public static final String ARTICLES = "articles";
    public static final String PREFILTER = "prefilter";

    /** Decided on the labelled set (docs/rules.md, "Semantic rules"). */
    public static final String DEFAULT_THRESHOLD = "0.5";

    /** The longest description: a description, not an article (the model reads 256 word pieces). */
    public static final int MAX_DESCRIPTION = 1000;

    /** The most example articles of one rule. */
    public static final int MAX_ARTICLES = 20;

    private final SentenceModel model;

    public SimilarRuleTypeFactory() {
        this(SentenceModel.SHARED);
    }

    SimilarRuleTypeFactory(SentenceModel model) {
        this.model = model;
    }

    @Override
    public String type() {
        return "similar";
    }

    @Override
    public String label() {
        return "Similar meaning";
    }

    @Override
    public String description() {
        return "Articles like a description (the rule text) or like chosen articles, by meaning: a passage must be at"
                + " least as similar as the threshold. An in-process sentence model; no network.";
    }

    @Override
    public ConfigSpec configSpec() {
        return ConfigSpec.of(
                new ConfigField(
                        THRESHOLD,
                        "Threshold",
                        FieldType.STRING,
                        false,
                        DEFAULT_THRESHOLD,
                        "The least similarity (0.05 to 0.95) of a passage to the description or an example article;"
                                + " higher finds fewer. The rule's feedback suggests one from judged alerts.",
                        false,
                        List.of()),
                new ConfigField(
                        ARTICLES,
                        "Like these articles",
                        FieldType.STRING,
                        false,
                        null,
                        "Ids of stored articles, comma-separated (Find similar on an article fills this in).",
                        false,
                        List.of()),
                new ConfigField(
                        PREFILTER,
                        "Only among articles matching",
                        FieldType.STRING,
                        false,
                        null,
                        "A Boolean query an article must match first, such as Iraq OR Syria; bounds the cost.",
                        false,
                        List.of()));
    }

    @Override
    public Optional<String> unavailable() {
        return model.problem();
    }

    @Override
    public CompiledRule compile(String expression, PluginConfig config) throws RuleSyntaxException {
        return compile(expression, config, RuleContext.none());
    }

    @Override
    public CompiledRule compile(String expression, PluginConfig config, RuleContext context)
            throws RuleSyntaxException {
        PluginConfig settings = config == null ? PluginConfig.empty() : config;
        String description = expression == null ? "" : expression.strip();
        if (description.isEmpty()) {
            throw new RuleSyntaxException(
                    "the description is empty; write a sentence about what the articles should be about", 0, null);
        }
        if (description.length() > MAX_DESCRIPTION) {
            throw new RuleSyntaxException(
                    "the description is " + description.length() + " characters long; the limit is " + MAX_DESCRIPTION,
                    MAX_DESCRIPTION,
                    null);
        }
        double threshold = threshold(settings.get(THRESHOLD).orElse(DEFAULT_THRESHOLD));
        List<float[]> examples = new ArrayList<>();
        examples.add(model.embed(description));
        Set<Long> ids = articleIds(settings.get(ARTICLES).orElse(""));
        for (long id : ids) {
            MatchInput article = context.article(id).orElseThrow(() -> refused(ARTICLES, "there is no article " + id));
            examples.add(centroid(PassageEmbeddings.compute(model, article)));
        }
        CompiledRule prefilter = null;
        String prefilterText = settings.get(PREFILTER).orElse("").strip();
        if (!prefilterText.isEmpty()) {
            try {
                prefilter = context.compile("query", prefilterText, Map.of());
            } catch (RuleSyntaxException e) {
                throw refused(PREFILTER, "the prefilter does not compile: " + e.getMessage());
            }
        }
        StringBuilder reading = new StringBuilder("like \"").append(description).append('"');
        if (!ids.isEmpty()) {
            reading.append(" or articles ").append(ids);
        }
        reading.append(String.format(Locale.ROOT, ", similarity ≥ %.2f", threshold));
        if (prefilter != null) {
            reading.append(", among ").append(prefilter.reading().orElse(prefilterText));
        }
        return new SimilarRule(
                reading.toString(),
                examples.toArray(float[][]::new),
                threshold,
                prefilter,
                PassageEmbeddings.key(model));
    }

    private static double threshold(String text) {
        double value;
        try {
            value = Double.parseDouble(text.strip());
        } catch (NumberFormatException e) {
            throw refused(THRESHOLD, "must be a number such as 0.5, not '" + text + "'");
        }
        if (!(value >= 0.05 && value <= 0.95)) {
            throw refused(THRESHOLD, "must be between 0.05 and 0.95, not " + text.strip());
        }
        return value;
    }

    private static Set<Long> articleIds(String text) {
        Set<Long> ids = new LinkedHashSet<>();
        for (String part : text.split("[,\\s]+")) {
            if (part.isBlank()) {
                continue;
            }
            try {
                long id = Long.parseLong(part.strip());
                if (id <= 0) {
                    throw new NumberFormatException();
                }
                ids.add(id);
            } catch (NumberFormatException e) {
                throw refused(ARTICLES, "must be article ids separated by commas, not '" + part + "'");
            }
        }
        if (ids.size() > MAX_ARTICLES) {
            throw refused(ARTICLES, "at most " + MAX_ARTICLES + " articles, not " + ids.size());
        }
        return ids;
    }

    private static InvalidConfigException refused(String field, String message) {
        return new InvalidConfigException(List.of(new ConfigProblem(field, message)));
    }

    /** The unit-length mean of an article's passage vectors: what the article is about as a whole. */
    private static float[] centroid(float[][] vectors) {
        if (vectors.length == 0) {
            return new float[384];
        }
        float[] sum = new float[vectors[0].length];
        for (float[] vector : vectors) {
            for (int i = 0; i < sum.length; i++) {
                sum[i] += vector[i];
            }
        }
        return SentenceModel.normalized(sum);
    }
}
