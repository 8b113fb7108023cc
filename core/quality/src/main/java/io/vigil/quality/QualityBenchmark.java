package io.vigil.quality;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Prints how well Vigil and two baselines match the labelled set: precision, recall and F1 per rule and
 * micro-averaged, for the tuning part, the held-out part and all pairs, then the items each system gets wrong on the
 * tuning part. Run it with {@code ./vigil bench quality}.
 *
 * <p>System properties: {@code vigil.shared.dir} (the shared folder holding {@code corpus/}),
 * {@code vigil.quality.server} ({@code host:port} of PostgreSQL, default {@code localhost:5432}) and
 * {@code vigil.quality.database} (the baseline's own database, dropped and created again; default
 * {@code vigil_quality}). Arguments: {@code errors=all} also lists the errors on held-out pairs — only for a final
 * report, never while tuning; {@code systems=vigil,lucene} runs only those.
 */
public final class QualityBenchmark {

    private static final int FIRST_SYSTEM_ERRORS_SHOWN = 10;
    private static final int OTHER_SYSTEM_ERRORS_SHOWN = 4;
    private static final int OPENING = 110;

    private final PrintStream out;

    private QualityBenchmark(PrintStream out) {
        this.out = out;
    }

    public static void main(String[] args) throws Exception {
        boolean allErrors = false;
        boolean explain = false;
        Set<String> wanted = Set.of("vigil", "postgres", "lucene");
        for (String arg : args) {
            if (arg.equals("errors=all")) {
                allErrors = true;
            } else if (arg.equals("explain")) {
                explain = true;
            } else if (arg.startsWith("systems=")) {
                wanted = Set.of(arg.substring("systems=".length()).split(","));
            } else if (!arg.isBlank()) {
                throw new IllegalArgumentException(
                        "unknown argument '" + arg + "' (errors=all, explain, systems=vigil,...)");
            }
        }
        Path corpus = LabelledSet.corpusFolder()
                .orElseThrow(() -> new IllegalStateException("the shared corpus is absent: set -Dvigil.shared.dir to"
                        + " the folder holding corpus/" + String.join(" and corpus/", LabelledSet.CORPUS_FILES)));
        LabelledSet set = LabelledSet.load(corpus);
        List<MatchingSystem> systems = new ArrayList<>();
        if (wanted.contains("vigil")) {
            systems.add(new VigilMatching());
        }
        if (wanted.contains("postgres")) {
            systems.add(new PostgresFullTextBaseline(
                    System.getProperty("vigil.quality.server", "localhost:5432"),
                    System.getProperty("vigil.quality.database", "vigil_quality")));
        }
        if (wanted.contains("lucene")) {
            systems.add(new LuceneClassicBaseline());
        }
        new QualityBenchmark(System.out).run(set, systems, allErrors, explain);
    }

    private void run(LabelledSet set, List<MatchingSystem> systems, boolean allErrors, boolean explain)
            throws Exception {
        Map<MatchingSystem, Evaluation> evaluations = new LinkedHashMap<>();
        for (MatchingSystem system : systems) {
            long start = System.nanoTime();
            Evaluation evaluation = Evaluation.of(set, system.match(set));
            evaluations.put(system, evaluation);
            out.printf(Locale.ROOT, "%s: matched in %.2f s%n", system.name(), (System.nanoTime() - start) / 1e9);
            system.problems()
                    .forEach((rule, problem) ->
                            out.printf("  %s could not read %s: %s%n", system.name(), rule, problem));
        }
        printHeader(set);
        printMicro(set, evaluations);
        for (Part part : Part.values()) {
            printPerRule(set, evaluations, part);
        }
        printErrors(set, evaluations, Part.TUNING);
        if (allErrors) {
            printErrors(set, evaluations, Part.HELD_OUT);
        }
        if (explain) {
            for (Map.Entry<MatchingSystem, Evaluation> entry : evaluations.entrySet()) {
                if (entry.getKey() instanceof VigilMatching vigil) {
                    explainErrors(set, vigil, entry.getValue(), Part.TUNING);
                    if (allErrors) {
                        explainErrors(set, vigil, entry.getValue(), Part.HELD_OUT);
                    }
                }
            }
        }
    }

    /**
     * Every error Vigil makes on a part, in full: the item's title and text and, for a false alarm, the spans that
     * matched and the rule terms they stand for, so errors can be grouped into classes.
     */
    private void explainErrors(LabelledSet set, VigilMatching vigil, Evaluation evaluation, Part part) {
        out.printf("%n== Vigil's errors explained, %s part ==%n", part.label());
        for (LabelledRule rule : set.rules()) {
            if (!evaluation.covers(part, rule)) {
                continue;
            }
            for (LabelledItem item : evaluation.falseAlarms(part, rule)) {
                out.printf("%nFP %s %s | %s%n", rule.id(), rule.query(), item.id());
                printText(item);
                vigil.reasons(rule, item).forEach(reason -> out.printf("    matched: %s%n", reason));
            }
            for (LabelledItem item : evaluation.misses(part, rule)) {
                out.printf("%nFN %s %s | %s%n", rule.id(), rule.query(), item.id());
                printText(item);
            }
        }
    }

    private void printText(LabelledItem item) {
        out.printf("    title: %s%n", item.title());
        String body = item.body().replace('\n', ' ');
        out.printf(
                "    text: %s%n",
                body.length() <= 700 ? body : body.substring(0, 700) + "… (" + body.length() + " chars)");
    }

    private void printHeader(LabelledSet set) {
        long wikipedia = set.items().stream()
                .filter(item -> item.corpusFile().startsWith("wikipedia"))
                .count();
        long heldOutItems =
                set.items().stream().filter(i -> i.split() == Split.HELD_OUT).count();
        long heldOutRules =
                set.rules().stream().filter(r -> r.split() == Split.HELD_OUT).count();
        out.printf(
                Locale.ROOT,
                "%nQuality benchmark, %s, %d cores, Java %s%n"
                        + "%d items (%d Wikipedia Current Events, %d BBC; %d held out), %d rules (%d held out)%n",
                LocalDate.now(),
                Runtime.getRuntime().availableProcessors(),
                Runtime.version(),
                set.items().size(),
                wikipedia,
                set.items().size() - wikipedia,
                heldOutItems,
                set.rules().size(),
                heldOutRules);
        out.println("tuning = tuning rules on tuning items; held-out = every pair with a held-out rule or item;"
                + " excluded pairs count nowhere");
    }

    private void printMicro(LabelledSet set, Map<MatchingSystem, Evaluation> evaluations) {
        out.printf("%n== Micro-averaged over rules ==%n");
        out.printf("%-9s %-22s %6s %6s %6s %5s %5s %5s%n", "part", "system", "P", "R", "F1", "TP", "FP", "FN");
        for (Part part : Part.values()) {
            for (Map.Entry<MatchingSystem, Evaluation> entry : evaluations.entrySet()) {
                Counts counts = entry.getValue().micro(part);
                out.printf(
                        "%-9s %-22s %6s %6s %6s %5d %5d %5d%n",
                        part.label(),
                        entry.getKey().name(),
                        figure(counts.precision()),
                        figure(counts.recall()),
                        figure(counts.f1()),
                        counts.truePositives(),
                        counts.falsePositives(),
                        counts.falseNegatives());
            }
        }
    }

    private void printPerRule(LabelledSet set, Map<MatchingSystem, Evaluation> evaluations, Part part) {
        out.printf("%n== Per rule, %s part: precision / recall / F1 ==%n", part.label());
        StringBuilder header = new StringBuilder(String.format("%-4s %-31s %4s", "rule", "query", "rel"));
        for (MatchingSystem system : evaluations.keySet()) {
            header.append(String.format(" | %-20s", system.name()));
        }
        out.println(header);
        for (LabelledRule rule : set.rules()) {
            Evaluation first = evaluations.values().iterator().next();
            if (!first.covers(part, rule)) {
                continue;
            }
            StringBuilder line = new StringBuilder(String.format(
                    "%-4s %-31s %4d",
                    rule.id(),
                    shorten(rule.query(), 31),
                    first.counts(part, rule).relevant()));
            for (Evaluation evaluation : evaluations.values()) {
                Counts counts = evaluation.counts(part, rule);
                line.append(String.format(
                        " | %s %s %s  ", figure(counts.precision()), figure(counts.recall()), figure(counts.f1())));
            }
            out.println(line);
        }
    }

    private void printErrors(LabelledSet set, Map<MatchingSystem, Evaluation> evaluations, Part part) {
        out.printf(
                "%n== Items each system gets wrong, %s part%s ==%n",
                part.label(),
                part == Part.TUNING
                        ? " (the held-out part's errors are not shown, so tuning stays blind to them)"
                        : "");
        out.println("(for the first system's misses, the systems that found the item are named after the arrow)");
        for (LabelledRule rule : set.rules()) {
            if (!evaluations.values().iterator().next().covers(part, rule)) {
                continue;
            }
            out.printf("%n%s %s%n", rule.id(), rule.query());
            boolean firstSystem = true;
            for (Map.Entry<MatchingSystem, Evaluation> entry : evaluations.entrySet()) {
                int shown = firstSystem ? FIRST_SYSTEM_ERRORS_SHOWN : OTHER_SYSTEM_ERRORS_SHOWN;
                Evaluation evaluation = entry.getValue();
                String name = entry.getKey().name();
                printItems(
                        name + " misses",
                        evaluation.misses(part, rule),
                        shown,
                        firstSystem ? evaluations : Map.of(),
                        rule);
                printItems(name + " false alarms", evaluation.falseAlarms(part, rule), shown, Map.of(), rule);
                firstSystem = false;
            }
        }
    }

    /** Lists items; when {@code others} is not empty, names those of them that matched each item. */
    private void printItems(
            String what,
            List<LabelledItem> items,
            int shown,
            Map<MatchingSystem, Evaluation> others,
            LabelledRule rule) {
        if (items.isEmpty()) {
            return;
        }
        out.printf("  %s (%d):%n", what, items.size());
        for (LabelledItem item : items.subList(0, Math.min(shown, items.size()))) {
            String heading = item.title().isBlank() ? "" : "[" + shorten(item.title(), 40) + "] ";
            List<String> foundBy = new ArrayList<>();
            others.forEach((system, evaluation) -> {
                if (evaluation.matched(rule, item)) {
                    foundBy.add(system.name());
                }
            });
            out.printf(
                    "    %-46s %s%s%s%n",
                    item.id(),
                    heading,
                    item.opening(OPENING),
                    foundBy.isEmpty() ? "" : "  <- " + String.join(", ", foundBy));
        }
        if (items.size() > shown) {
            out.printf("    ... and %d more%n", items.size() - shown);
        }
    }

    private static String figure(double value) {
        return Double.isNaN(value) ? "  —  " : String.format(Locale.ROOT, "%.3f", value);
    }

    private static String shorten(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
