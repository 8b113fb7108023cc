package io.vigil.rule.similar;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.vigil.engine.rule.ArticleAnalyzer;
import io.vigil.engine.rule.query.QueryRuleTypeFactory;
import io.vigil.quality.Counts;
import io.vigil.quality.Evaluation;
import io.vigil.quality.LabelledItem;
import io.vigil.quality.LabelledRule;
import io.vigil.quality.LabelledSet;
import io.vigil.quality.Part;
import io.vigil.spi.config.PluginConfig;
import io.vigil.spi.rule.CompiledRule;
import io.vigil.spi.rule.MatchInput;
import io.vigil.spi.rule.RuleContext;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * How semantic and keyword rules combine, measured on the labelled set of core/quality: each labelled rule as a
 * keyword rule (the query type, as live), as a semantic rule whose description is the rule text, as the semantic rule
 * filtering the keyword rule's matches, and as either. Prints micro precision, recall and F1 per threshold. Run with
 * {@code ./vigil bench similar}; skipped when the corpus is absent.
 */
@Tag("benchmark")
class SemanticQualityMeasurement {

    @Test
    void measure() throws Exception {
        Optional<Path> corpus = LabelledSet.corpusFolder();
        assumeTrue(corpus.isPresent(), "the corpus (../shared/corpus) is absent; nothing measured");
        LabelledSet set = LabelledSet.load(corpus.get());
        ArticleAnalyzer analyzer = new ArticleAnalyzer();
        QueryRuleTypeFactory keywords = new QueryRuleTypeFactory();
        SimilarRuleTypeFactory similar = new SimilarRuleTypeFactory();

        List<MatchInput> articles = new ArrayList<>();
        for (LabelledItem item : set.items()) {
            articles.add(analyzer.analyze(item.title(), item.body(), item.source(), "en"));
        }
        long started = System.nanoTime();
        Map<String, Set<String>> keyword = new LinkedHashMap<>();
        for (LabelledRule rule : set.rules()) {
            CompiledRule query = keywords.compile(rule.query(), PluginConfig.empty());
            Set<String> matched = new TreeSet<>();
            for (int i = 0; i < articles.size(); i++) {
                if (query.match(articles.get(i)).isPresent()) {
                    matched.add(set.items().get(i).id());
                }
            }
            keyword.put(rule.id(), matched);
        }
        print("keyword (query type)", Evaluation.of(set, keyword));
        // Two descriptions of each rule: the rule text itself, and the first sentence of the analyst's intent (what a
        // person would write as "like this description").
        measure(set, articles, similar, keyword, "rule text", LabelledRule::query);
        measure(set, articles, similar, keyword, "intent", SemanticQualityMeasurement::intentSentence);
        System.out.printf(
                Locale.ROOT,
                "%d rules x %d items measured in %.1f s (embeddings computed once per item)%n",
                set.rules().size(),
                articles.size(),
                (System.nanoTime() - started) / 1e9);
    }

    /** The intent's first sentence, without the "The analyst tracks" preamble. */
    static String intentSentence(LabelledRule rule) {
        String intent = rule.intent().strip();
        int end = intent.indexOf(". ");
        String first = end < 0 ? intent : intent.substring(0, end + 1);
        return first.replaceFirst(
                "^The analyst (wants|tracks|follows|watches|monitors)( to know about| news of)? ", "");
    }

    private static void measure(
            LabelledSet set,
            List<MatchInput> articles,
            SimilarRuleTypeFactory similar,
            Map<String, Set<String>> keyword,
            String label,
            java.util.function.Function<LabelledRule, String> description)
            throws Exception {
        Map<String, double[]> scores = new HashMap<>();
        for (LabelledRule rule : set.rules()) {
            SimilarRule semantic =
                    (SimilarRule) similar.compile(description.apply(rule), PluginConfig.empty(), RuleContext.none());
            double[] ruleScores = new double[articles.size()];
            for (int i = 0; i < articles.size(); i++) {
                ruleScores[i] = semantic.score(articles.get(i));
            }
            scores.put(rule.id(), ruleScores);
        }
        for (double threshold : new double[] {0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6}) {
            Map<String, Set<String>> alone = new LinkedHashMap<>();
            Map<String, Set<String>> filter = new LinkedHashMap<>();
            Map<String, Set<String>> either = new LinkedHashMap<>();
            for (LabelledRule rule : set.rules()) {
                Set<String> a = new TreeSet<>();
                Set<String> f = new TreeSet<>();
                Set<String> e = new TreeSet<>(keyword.get(rule.id()));
                for (int i = 0; i < articles.size(); i++) {
                    String id = set.items().get(i).id();
                    if (scores.get(rule.id())[i] >= threshold) {
                        a.add(id);
                        e.add(id);
                        if (keyword.get(rule.id()).contains(id)) {
                            f.add(id);
                        }
                    }
                }
                alone.put(rule.id(), a);
                filter.put(rule.id(), f);
                either.put(rule.id(), e);
            }
            String t = String.format(Locale.ROOT, "%.2f", threshold);
            print(label + ": semantic alone       t=" + t, Evaluation.of(set, alone));
            print(label + ": keyword AND semantic t=" + t, Evaluation.of(set, filter));
            print(label + ": keyword OR semantic  t=" + t, Evaluation.of(set, either));
        }
    }

    private static void print(String system, Evaluation evaluation) {
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-42s", system));
        for (Part part : Part.values()) {
            Counts micro = evaluation.micro(part);
            line.append(String.format(
                    Locale.ROOT,
                    "  %s P %.3f R %.3f F1 %.3f",
                    part.label(),
                    micro.precision(),
                    micro.recall(),
                    micro.f1()));
        }
        System.out.println(line);
    }
}
