package io.vigil.engine.rule.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.engine.rule.TestArticles;
import io.vigil.spi.rule.MatchInput;
import io.vigil.spi.rule.RuleSyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The labelled rule set: rules with the articles an analyst judges relevant, measured for precision and recall.
 *
 * <p>{@code relevant} is the analyst's judgement; {@code knownMisses} and {@code knownFalseHits} are where the matcher
 * disagrees today, each with its reason. The test fails when any rule's result changes in either direction, so an
 * improvement is recorded by shrinking the known lists, and a regression cannot slip through.
 */
class LabelledRuleSetTest {

    private record Case(String rule, Set<String> relevant, Set<String> knownMisses, Set<String> knownFalseHits) {
        Set<String> expected() {
            Set<String> expected = new TreeSet<>(relevant);
            expected.removeAll(knownMisses);
            expected.addAll(knownFalseHits);
            return expected;
        }
    }

    private static Case rule(String rule, String... relevant) {
        return new Case(rule, Set.of(relevant), Set.of(), Set.of());
    }

    private static final List<Case> CASES = List.of(
            new Case(
                    "border fortification",
                    Set.of(
                            "iraq-fortifies-border",
                            "iraq-reinforcing-border",
                            "iraq-crisis-cell",
                            "turkey-border-wall",
                            "poland-fortify-east"),
                    Set.of(),
                    // "walked the fortifications … Many had crossed the border": adjacent sentences, unrelated senses.
                    Set.of("kyrenia-castle-visitors")),
            rule("US forces Iraq", "iraqi-army-border", "iraqi-foreign-minister", "us-troops-stay-iraq"),
            new Case(
                    "US AND forces AND Iraq",
                    Set.of("iraqi-army-border", "iraqi-foreign-minister", "us-troops-stay-iraq", "arab-summit-long"),
                    Set.of(),
                    // Article-wide AND with concepts: forces also finds "military" ("Russian military presence"), and
                    // the article names the US and Iraq elsewhere. Write =forces, or use a bare list, to avoid it.
                    Set.of("lavrov-damascus")),
            new Case(
                    "ISIS Anbar",
                    Set.of("iraq-fortifies-border", "iraqi-army-border", "iraq-crisis-cell"),
                    // Names of a group and a province a few paragraphs apart still make the article relevant:
                    // for proper names, write ISIS AND Anbar.
                    Set.of("iraqi-army-border", "iraq-crisis-cell"),
                    Set.of()),
            // "cross-border movements" and "a cross-border attack" count: the analyst watches traffic over the border.
            rule(
                    "border crossing",
                    "old-city-fortifications",
                    "kyrenia-castle-visitors",
                    "iraq-crisis-cell",
                    "iraq-reinforcing-border"),
            new Case(
                    "Syria",
                    Set.of(
                            "iraqi-army-border",
                            "iraq-fortifies-border",
                            "lavrov-damascus",
                            "iraq-reinforcing-border",
                            "iraq-crisis-cell",
                            "old-city-fortifications"),
                    // Labelled as mentions; one passing clause deep in a long article ("lorries queued at the Rabia
                    // crossing on the border with Syria") no longer counts (docs/rules.md, "Passing mentions").
                    Set.of("old-city-fortifications"),
                    Set.of()),
            rule("Turkey", "iraq-crisis-cell", "lavrov-damascus", "turkey-border-wall", "sao-paulo-cafes"),
            rule("title:Israel", "israel-lebanon-normalization", "israel-yemen-ports"),
            new Case(
                    "Houthi*",
                    Set.of("iraqi-foreign-minister", "israel-yemen-ports"),
                    // The Houthis once, in a background clause of a long article: a passing mention.
                    Set.of("iraqi-foreign-minister"),
                    Set.of()),
            rule("\"border points\"", "israel-lebanon-normalization"),
            rule("Lavrov NEAR/5 Syria", "lavrov-damascus"),
            new Case(
                    "Israel -Lebanon",
                    Set.of("iraq-reinforcing-border"),
                    // "apparently alluding to Israel's incursions", once in a long article: a passing mention.
                    Set.of("iraq-reinforcing-border"),
                    Set.of()),
            rule("Israel ONEAR/3 strike*", "israel-yemen-ports", "iraqi-foreign-minister"),
            rule("\"sao paulo\" cafe", "sao-paulo-cafes"),
            rule("العراق سوريا", "arabic-iraq-border"),
            rule("police forces", "iraqi-army-border", "basra-governor-floods"));

    private static final Map<String, MatchInput> ARTICLES = TestArticles.all();

    private final QueryRuleTypeFactory factory = new QueryRuleTypeFactory();

    @Test
    void everyLabelledRuleMatchesExactlyItsExpectedArticles() throws Exception {
        int truePositives = 0;
        int matched = 0;
        int relevant = 0;
        System.out.printf(Locale.ROOT, "%-28s %9s %6s%n", "rule", "precision", "recall");
        List<String> differences = new ArrayList<>();
        for (Case labelled : CASES) {
            Set<String> actual = matches(labelled.rule(), Proximity.DEFAULT);
            Set<String> hits = new TreeSet<>(actual);
            hits.retainAll(labelled.relevant());
            truePositives += hits.size();
            matched += actual.size();
            relevant += labelled.relevant().size();
            System.out.printf(
                    Locale.ROOT,
                    "%-28s %9.2f %6.2f%n",
                    labelled.rule(),
                    ratio(hits.size(), actual.size()),
                    ratio(hits.size(), labelled.relevant().size()));
            if (!actual.equals(labelled.expected())) {
                differences.add(labelled.rule() + ": expected " + labelled.expected() + " but matched " + actual);
            }
        }
        System.out.printf(
                Locale.ROOT,
                "%-28s %9.2f %6.2f%n",
                "overall (micro)",
                ratio(truePositives, matched),
                ratio(truePositives, relevant));
        assertThat(differences).isEmpty();
    }

    @Test
    void theDefaultProximityScoresBestOfTheWindowsThatHonourTheIssuesExamples() throws Exception {
        List<Proximity> options = List.of(
                Proximity.sentences(1),
                Proximity.sentences(2),
                Proximity.sentences(3),
                Proximity.paragraph(),
                Proximity.article());
        double best = -1;
        Proximity winner = null;
        System.out.printf(Locale.ROOT, "%-10s %9s %6s %5s %s%n", "proximity", "precision", "recall", "F1", "issue");
        for (Proximity proximity : options) {
            int truePositives = 0;
            int matched = 0;
            int relevant = 0;
            for (Case labelled : CASES) {
                Set<String> actual = matches(labelled.rule(), proximity);
                Set<String> hits = new TreeSet<>(actual);
                hits.retainAll(labelled.relevant());
                truePositives += hits.size();
                matched += actual.size();
                relevant += labelled.relevant().size();
            }
            double precision = ratio(truePositives, matched);
            double recall = ratio(truePositives, relevant);
            double f1 = 2 * precision * recall / (precision + recall);
            boolean honoursIssue = honoursIssueExamples(proximity);
            System.out.printf(
                    Locale.ROOT,
                    "%-10s %9.3f %6.3f %5.3f %s%n",
                    proximity.label(),
                    precision,
                    recall,
                    f1,
                    honoursIssue ? "ok" : "breaks the issue's examples");
            if (honoursIssue && f1 > best + 1e-9) {
                best = f1;
                winner = proximity;
            }
        }
        // The window is now chosen on the larger labelled set of real news (core/quality, docs/rules.md); on these 18
        // articles the default must still honour the issue's examples and score within 0.02 of the best window.
        assertThat(honoursIssueExamples(Proximity.DEFAULT)).isTrue();
        assertThat(f1(Proximity.DEFAULT)).as("winner here: " + winner.label()).isGreaterThanOrEqualTo(best - 0.02);
    }

    private double f1(Proximity proximity) throws RuleSyntaxException {
        int truePositives = 0;
        int matched = 0;
        int relevant = 0;
        for (Case labelled : CASES) {
            Set<String> actual = matches(labelled.rule(), proximity);
            Set<String> hits = new TreeSet<>(actual);
            hits.retainAll(labelled.relevant());
            truePositives += hits.size();
            matched += actual.size();
            relevant += labelled.relevant().size();
        }
        double precision = ratio(truePositives, matched);
        double recall = ratio(truePositives, relevant);
        return 2 * precision * recall / (precision + recall);
    }

    /** The issue's must-not-match examples: the old city's walls and Lavrov. */
    private boolean honoursIssueExamples(Proximity proximity) throws RuleSyntaxException {
        return !matches("border fortification", proximity).contains("old-city-fortifications")
                && !matches("US forces Iraq", proximity).contains("lavrov-damascus")
                && !matches("US forces Iraq", proximity).contains("basra-governor-floods");
    }

    private Set<String> matches(String rule, Proximity proximity) throws RuleSyntaxException {
        QueryRule compiled = factory.compile(rule, proximity);
        Set<String> matched = new LinkedHashSet<>();
        ARTICLES.forEach((id, article) -> {
            if (compiled.match(article).isPresent()) {
                matched.add(id);
            }
        });
        return new TreeSet<>(matched);
    }

    private static double ratio(int part, int whole) {
        return whole == 0 ? 1.0 : part / (double) whole;
    }
}
