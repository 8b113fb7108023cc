package io.vigil.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.engine.rule.ArticleAnalyzer;
import io.vigil.engine.rule.EnglishStemming;
import io.vigil.engine.rule.RegisteredRule;
import io.vigil.engine.rule.RuleHit;
import io.vigil.engine.rule.RuleMatcher;
import io.vigil.engine.rule.TermAliases;
import io.vigil.engine.rule.TermRarity;
import io.vigil.engine.rule.query.Proximity;
import io.vigil.engine.rule.query.QueryRuleTypeFactory;
import io.vigil.spi.rule.MatchInput;
import io.vigil.spi.rule.Token;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.apache.lucene.analysis.core.WhitespaceAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.Term;
import org.apache.lucene.monitor.MatchingQueries;
import org.apache.lucene.monitor.Monitor;
import org.apache.lucene.monitor.MonitorQuery;
import org.apache.lucene.monitor.MultipassTermFilteredPresearcher;
import org.apache.lucene.monitor.QueryMatch;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.TermQuery;

/**
 * Runs Vigil's {@link RuleMatcher} and Apache Lucene Monitor side by side on the same rules and articles, checks that
 * they return the same matches, and prints articles per second, p99 latency per article and heap per rule.
 *
 * <p>Articles: BBC News and Reuters-21578 items of 300–900 words from the shared corpus. Rules: 2–4 distinct words,
 * each drawn with even odds from the 3,000 commonest words of the training articles or from the rest of their
 * vocabulary ({@code common=false}: the rest only), written for
 * Vigil as {@code w1 AND w2 AND w3} (article-wide AND, the semantics Monitor has) and for Monitor as a BooleanQuery of
 * MUST TermQuery clauses over the same stems. Both sides get the same analysis: Vigil's {@link ArticleAnalyzer}
 * produces the tokens, and Monitor indexes their stems with a whitespace analyser; both timings include that analysis.
 * Word frequencies for Vigil's index come from the training articles, which are never measured. One thread.
 *
 * <p>Arguments: the corpus folder, then optionally {@code sizes=1000,10000,100000}, {@code articles=2000,2000,400}
 * and {@code common=false}.
 */
public final class RuleMatchingBenchmark {

    private static final Pattern PLAIN_WORD = Pattern.compile("[a-z]{2,}");
    private static final String FIELD = "text";

    private final ArticleAnalyzer analyzer = new ArticleAnalyzer();

    private record Article(String title, String body) {}

    public static void main(String[] args) throws Exception {
        Path corpus = Path.of(args.length > 0 ? args[0] : "../shared/corpus");
        int[] sizes = {1_000, 10_000, 100_000};
        int[] articleCounts = {2_000, 2_000, 400};
        boolean commonWords = true;
        for (int i = 1; i < args.length; i++) {
            if (args[i].equals("common=false")) {
                commonWords = false;
            }
            if (args[i].startsWith("sizes=")) {
                sizes = ints(args[i].substring(6));
            } else if (args[i].startsWith("articles=")) {
                articleCounts = ints(args[i].substring(9));
            }
        }
        new RuleMatchingBenchmark().run(corpus, sizes, articleCounts, commonWords);
    }

    private void run(Path corpus, int[] sizes, int[] articleCounts, boolean commonWords) throws Exception {
        List<Article> all = new ArrayList<>();
        all.addAll(read(corpus.resolve("bbc_news_zitros.jsonl")));
        all.addAll(read(corpus.resolve("reuters21578.jsonl")));
        java.util.Collections.shuffle(all, new Random(42));
        List<Article> training = all.subList(0, Math.min(1_500, all.size() / 3));
        List<Article> measured = all.subList(training.size(), all.size());
        System.out.printf(
                Locale.ROOT,
                "Rule matching benchmark, %s, %d cores, Java %s; %d training and %d measured articles (300-900 words);"
                        + " rules %s common words%n",
                LocalDate.now(),
                Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"),
                training.size(),
                measured.size(),
                commonWords ? "with" : "without");

        List<MatchInput> trainingInputs = training.stream().map(this::analyze).toList();
        TermRarity rarity = TermRarity.fromArticles(trainingInputs);
        QueryRuleTypeFactory factory = new QueryRuleTypeFactory(analyzer, TermAliases.defaults(), rarity);
        double analysisMillis = timeAnalysis(measured.subList(0, Math.min(500, measured.size())));
        System.out.printf(Locale.ROOT, "analysis alone (both sides pay it): %.3f ms per article%n%n", analysisMillis);
        System.out.printf(
                Locale.ROOT,
                "%8s %8s | %12s %9s %10s | %12s %9s %10s | %7s %10s %s%n",
                "rules",
                "articles",
                "vigil art/s",
                "p99 ms",
                "B/rule",
                "monitor art/s",
                "p99 ms",
                "B/rule",
                "speedup",
                "matches",
                "identical");

        for (int s = 0; s < sizes.length; s++) {
            int ruleCount = sizes[s];
            int articleCount = Math.min(articleCounts[Math.min(s, articleCounts.length - 1)], measured.size());
            List<List<String>> rules = generateRules(trainingInputs, ruleCount, new Random(ruleCount), commonWords);
            List<Article> articles = measured.subList(0, articleCount);

            long before = usedHeap();
            List<RegisteredRule> registered = new ArrayList<>(ruleCount);
            for (int r = 0; r < rules.size(); r++) {
                registered.add(
                        new RegisteredRule(r, factory.compile(String.join(" AND ", rules.get(r)), Proximity.DEFAULT)));
            }
            long buildStart = System.nanoTime();
            RuleMatcher matcher = RuleMatcher.of(registered, rarity);
            long buildMillis = (System.nanoTime() - buildStart) / 1_000_000;
            long vigilBytes = (usedHeap() - before) / ruleCount;

            warm(articles, a -> matcher.match(analyze(a)).size());
            long[] vigilNanos = new long[articles.size()];
            List<Set<String>> vigilResults = new ArrayList<>();
            long vigilStart = System.nanoTime();
            long vigilCpuStart = CPU.getCurrentThreadCpuTime();
            for (int a = 0; a < articles.size(); a++) {
                long t0 = System.nanoTime();
                List<RuleHit> hits = matcher.match(analyze(articles.get(a)));
                vigilNanos[a] = System.nanoTime() - t0;
                Set<String> ids = new TreeSet<>();
                hits.forEach(hit -> ids.add(Long.toString(hit.ruleId())));
                vigilResults.add(ids);
            }
            double vigilRate = articles.size() / ((System.nanoTime() - vigilStart) / 1e9);
            double vigilCpuMicros = (CPU.getCurrentThreadCpuTime() - vigilCpuStart) / 1e3 / articles.size();
            registered.clear();

            before = usedHeap();
            long monitorBuildStart = System.nanoTime();
            Monitor monitor = new Monitor(new WhitespaceAnalyzer(), new MultipassTermFilteredPresearcher(2));
            List<MonitorQuery> queries = new ArrayList<>(ruleCount);
            for (int r = 0; r < rules.size(); r++) {
                queries.add(new MonitorQuery(Integer.toString(r), luceneQuery(rules.get(r))));
            }
            monitor.register(queries);
            queries.clear();
            long monitorBuildMillis = (System.nanoTime() - monitorBuildStart) / 1_000_000;
            long monitorBytes = (usedHeap() - before) / ruleCount;

            warm(articles, a -> matchMonitor(monitor, a).size());
            long[] monitorNanos = new long[articles.size()];
            List<Set<String>> monitorResults = new ArrayList<>();
            long monitorStart = System.nanoTime();
            long monitorCpuStart = CPU.getCurrentThreadCpuTime();
            for (int a = 0; a < articles.size(); a++) {
                long t0 = System.nanoTime();
                Set<String> ids = matchMonitor(monitor, articles.get(a));
                monitorNanos[a] = System.nanoTime() - t0;
                monitorResults.add(ids);
            }
            double monitorRate = articles.size() / ((System.nanoTime() - monitorStart) / 1e9);
            double monitorCpuMicros = (CPU.getCurrentThreadCpuTime() - monitorCpuStart) / 1e3 / articles.size();
            monitor.close();

            int differing = 0;
            long matches = 0;
            for (int a = 0; a < articles.size(); a++) {
                matches += vigilResults.get(a).size();
                if (!vigilResults.get(a).equals(monitorResults.get(a))) {
                    if (differing++ < 3) {
                        Set<String> onlyVigil = new TreeSet<>(vigilResults.get(a));
                        onlyVigil.removeAll(monitorResults.get(a));
                        Set<String> onlyMonitor = new TreeSet<>(monitorResults.get(a));
                        onlyMonitor.removeAll(vigilResults.get(a));
                        System.out.println("  differs on '" + articles.get(a).title() + "': only vigil " + onlyVigil
                                + ", only monitor " + onlyMonitor);
                    }
                }
            }
            System.out.printf(
                    Locale.ROOT,
                    "%8d %8d | %12.0f %9.3f %10d | %12.0f %9.3f %10d | %6.1fx %10d %s   (build: vigil %d ms, monitor %d ms)%n",
                    ruleCount,
                    articles.size(),
                    vigilRate,
                    p99(vigilNanos),
                    vigilBytes,
                    monitorRate,
                    p99(monitorNanos),
                    monitorBytes,
                    vigilRate / monitorRate,
                    matches,
                    differing == 0 ? "yes" : "NO (" + differing + " articles differ)",
                    buildMillis,
                    monitorBuildMillis);
            // CPU time of the matching thread: unlike the rates, it barely moves with the machine's load.
            System.out.printf(
                    Locale.ROOT,
                    "         CPU per article: vigil %.0f µs, monitor %.0f µs, ratio %.1fx%n",
                    vigilCpuMicros,
                    monitorCpuMicros,
                    monitorCpuMicros / vigilCpuMicros);
        }
    }

    private static final java.lang.management.ThreadMXBean CPU =
            java.lang.management.ManagementFactory.getThreadMXBean();

    private MatchInput analyze(Article article) {
        return analyzer.analyze(article.title(), article.body(), null, "en");
    }

    private double timeAnalysis(List<Article> articles) {
        warm(articles, a -> analyze(a).field(MatchInput.BODY).tokens().size());
        long start = System.nanoTime();
        for (Article article : articles) {
            analyze(article).field(MatchInput.BODY).tokens();
        }
        return (System.nanoTime() - start) / 1e6 / articles.size();
    }

    private Set<String> matchMonitor(Monitor monitor, Article article) {
        MatchInput input = analyze(article);
        StringBuilder stems = new StringBuilder(8 * 1024);
        for (String field : List.of(MatchInput.TITLE, MatchInput.BODY)) {
            List<Token> tokens = input.field(field).tokens();
            String text = input.field(field).text();
            for (int i = 0; i < tokens.size(); i++) {
                stems.append(tokens.get(i).stem()).append(' ');
                // Vigil also reads a hyphenated word as one ("cease-fire" is ceasefire); Monitor gets the same terms.
                StringBuilder joined = new StringBuilder(tokens.get(i).normalized());
                for (int k = i + 1; k < tokens.size() && k - i < 3; k++) {
                    Token before = tokens.get(k - 1);
                    if (tokens.get(k).start() != before.end() + 1 || text.charAt(before.end()) != '-') {
                        break;
                    }
                    joined.append(tokens.get(k).normalized());
                    stems.append(EnglishStemming.stem(joined.toString())).append(' ');
                }
            }
        }
        Document document = new Document();
        document.add(new Field(FIELD, stems.toString(), TextField.TYPE_NOT_STORED));
        try {
            MatchingQueries<QueryMatch> matches = monitor.match(document, QueryMatch.SIMPLE_MATCHER);
            Set<String> ids = new TreeSet<>();
            matches.getMatches().forEach(match -> ids.add(match.getQueryId()));
            return ids;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private BooleanQuery luceneQuery(List<String> words) {
        BooleanQuery.Builder query = new BooleanQuery.Builder();
        for (String word : words) {
            String stem = analyzer.analyzeField("rule", word).tokens().get(0).stem();
            query.add(new TermQuery(new Term(FIELD, stem)), BooleanClause.Occur.MUST);
        }
        return query.build();
    }

    /**
     * Rules of 2–4 distinct plain words, each drawn with even odds from the 3,000 commonest stems of the training articles
     * or from the rest of their vocabulary (stems in at least two articles); words with aliases are skipped, as Monitor
     * has none. With {@code commonWords} false, only the rest of the vocabulary is used.
     */
    private List<List<String>> generateRules(List<MatchInput> training, int count, Random random, boolean commonWords) {
        TermAliases aliases = TermAliases.defaults();
        java.util.Map<String, Integer> frequency = new java.util.HashMap<>();
        java.util.Map<String, String> wordOf = new java.util.HashMap<>();
        for (MatchInput article : training) {
            Set<String> stems = new HashSet<>();
            for (Token token : article.field(MatchInput.BODY).tokens()) {
                if (PLAIN_WORD.matcher(token.normalized()).matches()
                        && aliases.aliasesOf(token.stem(), null).isEmpty()
                        && stems.add(token.stem())) {
                    frequency.merge(token.stem(), 1, Integer::sum);
                    wordOf.putIfAbsent(token.stem(), token.normalized());
                }
            }
        }
        List<String> ranked = frequency.entrySet().stream()
                .filter(entry -> entry.getValue() >= 2)
                .sorted((a, b) -> b.getValue() - a.getValue())
                .map(java.util.Map.Entry::getKey)
                .toList();
        List<String> common = ranked.subList(0, Math.min(3_000, ranked.size()));
        List<String> rest = ranked.subList(common.size(), ranked.size());
        List<List<String>> rules = new ArrayList<>(count);
        while (rules.size() < count) {
            int size = 2 + random.nextInt(3);
            Set<String> stems = new LinkedHashSet<>();
            while (stems.size() < size) {
                List<String> pool = commonWords && random.nextBoolean() ? common : rest;
                stems.add(pool.get(random.nextInt(pool.size())));
            }
            rules.add(stems.stream().map(wordOf::get).toList());
        }
        return rules;
    }

    private interface Work {
        int run(Article article) throws Exception;
    }

    private static void warm(List<Article> articles, Work work) {
        int blackhole = 0;
        try {
            // One pass over up to 1,000 articles: the JIT must be done before timing, or the first size pays it.
            for (int i = 0; i < Math.min(1_000, articles.size()); i++) {
                blackhole += work.run(articles.get(i));
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        if (blackhole == Integer.MIN_VALUE) {
            System.out.println();
        }
    }

    private static List<Article> read(Path file) throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<Article> articles = new ArrayList<>();
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = reader.readLine()) != null) {
                JsonNode node = json.readTree(line);
                String title = node.path("title").asText("");
                String text = node.path("text").asText("");
                int words = text.split("\\s+").length;
                if (!title.isBlank() && words >= 300 && words <= 900) {
                    articles.add(new Article(title, text.replaceAll("\n {3,}", "\n\n")));
                }
            }
        }
        return articles;
    }

    private static double p99(long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return sorted[(int) Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.99) - 1)] / 1e6;
    }

    private static long usedHeap() {
        Runtime runtime = Runtime.getRuntime();
        for (int i = 0; i < 4; i++) {
            System.gc();
        }
        return runtime.totalMemory() - runtime.freeMemory();
    }

    private static int[] ints(String list) {
        return Arrays.stream(list.split(",")).mapToInt(Integer::parseInt).toArray();
    }
}
