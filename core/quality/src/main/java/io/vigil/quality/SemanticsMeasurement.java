package io.vigil.quality;

import io.vigil.engine.rule.ArticleAnalyzer;
import io.vigil.engine.rule.ConceptLexicon;
import io.vigil.engine.rule.RegisteredRule;
import io.vigil.engine.rule.RuleHit;
import io.vigil.engine.rule.RuleMatcher;
import io.vigil.engine.rule.TermAliases;
import io.vigil.engine.rule.TermRarity;
import io.vigil.engine.rule.query.Proximity;
import io.vigil.engine.rule.query.QueryRuleTypeFactory;
import io.vigil.spi.rule.MatchInput;
import io.vigil.spi.rule.RuleSyntaxException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;

/**
 * Measures the analyst-semantics decisions of the {@code query} type on the <b>tuning part</b> of the labelled set only:
 * each variant (a proximity window, the reading of OR, concepts on or off) is matched as live matching would, and its
 * micro-averaged precision, recall and F1 printed beside the others. docs/rules.md records the figures behind each
 * decision. Run with {@code ./vigil bench semantics}; it never prints held-out figures, so tuning stays blind to them.
 */
public final class SemanticsMeasurement {

    private final LabelledSet set;
    private final PrintStream out;
    private final ArticleAnalyzer analyzer = new ArticleAnalyzer();
    private final List<MatchInput> articles = new ArrayList<>();

    private SemanticsMeasurement(LabelledSet set, PrintStream out) {
        this.set = set;
        this.out = out;
        for (LabelledItem item : set.items()) {
            articles.add(analyzer.analyze(item.title(), item.body(), item.source(), "en"));
        }
    }

    /** One way of compiling the rules. */
    private record Variant(
            String name,
            QueryRuleTypeFactory factory,
            Proximity proximity,
            boolean concepts,
            UnaryOperator<String> rewrite) {
        Variant(String name, QueryRuleTypeFactory factory, Proximity proximity, boolean concepts) {
            this(name, factory, proximity, concepts, UnaryOperator.identity());
        }
    }

    public static void main(String[] args) throws Exception {
        Path corpus = LabelledSet.corpusFolder()
                .orElseThrow(() -> new IllegalStateException("the shared corpus is absent: set -Dvigil.shared.dir"));
        SemanticsMeasurement measurement = new SemanticsMeasurement(LabelledSet.load(corpus), System.out);
        String only = args.length > 0 ? args[0] : "all";
        measurement.run(only);
    }

    private void run(String only) {
        TermAliases aliases = TermAliases.defaults();
        ConceptLexicon concepts = ConceptLexicon.defaults();
        QueryRuleTypeFactory full = new QueryRuleTypeFactory(analyzer, aliases, concepts, TermRarity.defaults());
        Proximity base = Proximity.DEFAULT;
        List<Variant> variants = new ArrayList<>();
        variants.add(new Variant("default (as shipped)", full, base, true));
        if (only.equals("all") || only.equals("window")) {
            for (String window : List.of("1", "2", "3", "paragraph")) {
                Proximity p = Proximity.parse(window);
                variants.add(new Variant(
                        "window " + window + ", title apart, no short items",
                        full,
                        p.withShortItem(0).withTitleInEveryPassage(false),
                        true));
                variants.add(new Variant(
                        "window " + window + ", title in every passage, no short items",
                        full,
                        p.withShortItem(0).withTitleInEveryPassage(true),
                        true));
                for (int shortItem : List.of(2, 3, 4, 5)) {
                    variants.add(new Variant(
                            "window " + window + ", title in every passage, short item <= " + shortItem,
                            full,
                            p.withShortItem(shortItem).withTitleInEveryPassage(true),
                            true));
                }
            }
            variants.add(new Variant("article-wide AND", full, Proximity.article(), true));
        }
        if (only.equals("all") || only.equals("or")) {
            variants.add(new Variant(
                    "OR read loosest, as before: (a b) OR c", full, base, true, SemanticsMeasurement::orLoosest));
        }
        if (only.equals("all") || only.equals("concepts")) {
            variants.add(new Variant("concepts off", full, base, false));
            String wordnet = System.getProperty("vigil.lexicon.wordnet");
            if (wordnet != null && !wordnet.isBlank()) {
                // Raw WordNet candidates (lexicon-building/wordnet_candidates.py), unreviewed: what the source adds.
                List<String> raw;
                try {
                    raw = java.nio.file.Files.readAllLines(Path.of(wordnet));
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                variants.add(new Variant(
                        "reviewed lexicon + raw WordNet candidates",
                        new QueryRuleTypeFactory(analyzer, aliases, concepts.withLines(raw), TermRarity.defaults()),
                        base,
                        true));
                variants.add(new Variant(
                        "raw WordNet candidates instead of the reviewed lexicon",
                        new QueryRuleTypeFactory(
                                analyzer, aliases, ConceptLexicon.none().withLines(raw), TermRarity.defaults()),
                        base,
                        true));
            }
            variants.add(new Variant(
                    "no aliases, no concepts",
                    new QueryRuleTypeFactory(
                            analyzer, TermAliases.none(), ConceptLexicon.none(), TermRarity.defaults()),
                    base,
                    false));
        }
        out.printf(
                "%nTuning part only: %d rules%n",
                set.rules().stream().filter(r -> r.split() == Split.TUNING).count());
        out.printf("%-70s %6s %6s %6s %4s %4s %4s%n", "variant", "P", "R", "F1", "TP", "FP", "FN");
        Map<String, Evaluation> evaluations = new LinkedHashMap<>();
        for (Variant variant : variants) {
            Evaluation evaluation = Evaluation.of(set, match(variant));
            evaluations.put(variant.name(), evaluation);
            Counts c = evaluation.micro(Part.TUNING);
            out.printf(
                    Locale.ROOT,
                    "%-70s %6.3f %6.3f %6.3f %4d %4d %4d%n",
                    variant.name(),
                    c.precision(),
                    c.recall(),
                    c.f1(),
                    c.truePositives(),
                    c.falsePositives(),
                    c.falseNegatives());
        }
        out.printf("%nPer tuning rule, F1 (P/R):%n");
        for (LabelledRule rule : set.rules()) {
            if (rule.split() != Split.TUNING) {
                continue;
            }
            StringBuilder line = new StringBuilder(String.format("%-4s %-30s", rule.id(), rule.query()));
            int shown = 0;
            for (Evaluation evaluation : evaluations.values()) {
                if (shown++ >= 6) {
                    break;
                }
                Counts c = evaluation.counts(Part.TUNING, rule);
                line.append(String.format(Locale.ROOT, " | %.2f (%.2f/%.2f)", c.f1(), c.precision(), c.recall()));
            }
            out.println(line);
        }
    }

    private Map<String, Set<String>> match(Variant variant) {
        List<RegisteredRule> registered = new ArrayList<>();
        Map<Long, String> ids = new HashMap<>();
        Map<String, Set<String>> matches = new LinkedHashMap<>();
        long next = 1;
        for (LabelledRule rule : set.rules()) {
            matches.put(rule.id(), new TreeSet<>());
            try {
                registered.add(new RegisteredRule(
                        next,
                        variant.factory()
                                .compile(
                                        variant.rewrite().apply(rule.query()),
                                        variant.proximity(),
                                        variant.concepts())));
                ids.put(next++, rule.id());
            } catch (RuleSyntaxException e) {
                throw new IllegalStateException(rule.id() + ": " + e.getMessage(), e);
            }
        }
        RuleMatcher matcher = RuleMatcher.of(registered);
        for (int i = 0; i < articles.size(); i++) {
            for (RuleHit hit : matcher.match(articles.get(i))) {
                matches.get(ids.get(hit.ruleId())).add(set.items().get(i).id());
            }
        }
        return matches;
    }

    /** The reading of OR before this change: everything left of OR as one operand, (a b) OR c. */
    private static String orLoosest(String query) {
        if (!query.contains(" OR ") || query.contains("(")) {
            return query;
        }
        String[] parts = query.split(" OR ");
        StringBuilder rewritten = new StringBuilder();
        for (String part : parts) {
            if (!rewritten.isEmpty()) {
                rewritten.append(" OR ");
            }
            rewritten.append('(').append(part.strip()).append(')');
        }
        return rewritten.toString();
    }
}
