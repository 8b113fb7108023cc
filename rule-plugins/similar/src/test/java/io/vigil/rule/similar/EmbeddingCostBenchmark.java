package io.vigil.rule.similar;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.vigil.engine.rule.ArticleAnalyzer;
import io.vigil.engine.rule.RegisteredRule;
import io.vigil.engine.rule.RuleMatcher;
import io.vigil.engine.rule.query.QueryRuleTypeFactory;
import io.vigil.quality.LabelledItem;
import io.vigil.quality.LabelledRule;
import io.vigil.quality.LabelledSet;
import io.vigil.spi.config.PluginConfig;
import io.vigil.spi.rule.MatchInput;
import io.vigil.spi.rule.RuleContext;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * What semantic rules cost: the embedding time per article (all its passages), and the matching throughput of an
 * article stream — analysis, the keyword rules, and with 0, 10 and 100 semantic rules the passage embeddings (once
 * per article) and their scoring — without the database. Run under {@code taskset -c 0} for one core.
 */
@Tag("benchmark")
class EmbeddingCostBenchmark {

    /** The CPU time of the whole process (all threads, ONNX Runtime's included). */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean)
                        java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    @Test
    void measure() throws Exception {
        Optional<Path> corpus = LabelledSet.corpusFolder();
        assumeTrue(corpus.isPresent(), "the corpus (../shared/corpus) is absent; nothing measured");
        LabelledSet set = LabelledSet.load(corpus.get());
        List<LabelledItem> items = set.items();
        ArticleAnalyzer analyzer = new ArticleAnalyzer();
        SentenceModel model = SentenceModel.SHARED;
        model.embed("warm up the model");

        long passages = 0;
        long cpuStarted = processCpuNanos();
        long started = System.nanoTime();
        for (LabelledItem item : items) {
            MatchInput article = analyzer.analyze(item.title(), item.body(), item.source(), "en");
            passages += PassageEmbeddings.compute(model, article).length;
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        double cpu = (processCpuNanos() - cpuStarted) / 1e9;
        System.out.printf(
                Locale.ROOT,
                "embedding: %d articles, %d passages (%.1f per article): wall %.1f s, %.1f ms per article; process CPU"
                        + " %.1f s, %.1f ms per article, %.2f ms per passage; %d processors visible, load %.1f%n",
                items.size(),
                passages,
                passages / (double) items.size(),
                seconds,
                seconds * 1000 / items.size(),
                cpu,
                cpu * 1000 / items.size(),
                cpu * 1000 / passages,
                Runtime.getRuntime().availableProcessors(),
                java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                        .getSystemLoadAverage());

        QueryRuleTypeFactory keywords = new QueryRuleTypeFactory();
        SimilarRuleTypeFactory similar = new SimilarRuleTypeFactory();
        List<RegisteredRule> keywordRules = new ArrayList<>();
        long id = 1;
        for (LabelledRule rule : set.rules()) {
            keywordRules.add(new RegisteredRule(id++, keywords.compile(rule.query(), PluginConfig.empty())));
        }
        for (int semanticRules : new int[] {0, 10, 100}) {
            List<RegisteredRule> semantic = new ArrayList<>();
            for (int i = 0; i < semanticRules; i++) {
                LabelledRule rule = set.rules().get(i % set.rules().size());
                semantic.add(new RegisteredRule(
                        1000 + i,
                        similar.compile(rule.query() + " (" + i + ")", PluginConfig.empty(), RuleContext.none())));
            }
            RuleMatcher live = RuleMatcher.of(keywordRules);
            RuleMatcher deferred = RuleMatcher.of(semantic);
            long t0 = System.nanoTime();
            long c0 = processCpuNanos();
            long hits = 0;
            for (LabelledItem item : items) {
                MatchInput article = analyzer.analyze(item.title(), item.body(), item.source(), "en");
                hits += live.match(article).size();
                if (deferred.size() > 0) {
                    hits += deferred.match(article).size();
                }
            }
            double s = (System.nanoTime() - t0) / 1e9;
            double c = (processCpuNanos() - c0) / 1e9;
            System.out.printf(
                    Locale.ROOT,
                    "ingest matching: %d keyword + %3d semantic rules: %.1f articles/s wall, %.1f articles per CPU"
                            + " second (%d articles, %d hits)%n",
                    keywordRules.size(),
                    semanticRules,
                    items.size() / s,
                    items.size() / c,
                    items.size(),
                    hits);
        }
    }
}
