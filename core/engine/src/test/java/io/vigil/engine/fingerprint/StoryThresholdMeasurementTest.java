package io.vigil.engine.fingerprint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.vigil.engine.extract.ExtractedArticle;
import io.vigil.engine.extract.SeedDumps;
import io.vigil.engine.fingerprint.BbcCorpus.CorpusArticle;
import io.vigil.engine.fingerprint.NearCopies.NearCopy;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Measures how well fingerprints separate copies of one story from distinct stories on the same topic, and checks
 * that {@link Fingerprinter#SAME_STORY_THRESHOLD} and the band layout sit between the two.
 *
 * <p>Positives are the near copies {@link NearCopies} makes of every BBC News corpus article it can copy.
 * Negatives are all pairs of articles within each corpus category (same section, so same topics and vocabulary)
 * and all pairs of the distinct seed articles. The corpus carries some articles twice (the same text under two
 * headlines, or an updated version of a report); a pair that shares half of its sentences verbatim is such a
 * republication, counted apart and not as a negative. Runs only when the shared corpus folder is there, and prints
 * its figures to stdout.
 */
class StoryThresholdMeasurementTest {

    private static List<CorpusArticle> corpus;
    private static Map<String, long[]> sentencesById;

    @BeforeAll
    static void readCorpus() {
        Optional<Path> file = BbcCorpus.file();
        if (file.isEmpty()) {
            System.out.println("SKIPPED StoryThresholdMeasurementTest: the shared folder with"
                    + " corpus/bbc_news_zitros.jsonl is absent (set -Dvigil.shared.dir to measure the story"
                    + " threshold)");
        }
        assumeTrue(file.isPresent(), "the shared BBC corpus is absent: the story threshold is not measured");
        corpus = BbcCorpus.read(file.get());
        sentencesById = new LinkedHashMap<>();
        corpus.forEach(article -> sentencesById.put(article.id(), sentenceHashes(article.text())));
    }

    /** The similarities measured for one set of fingerprint parameters. */
    private record Measurement(
            String parameters,
            Map<String, double[]> positivesByKind,
            double[] positives,
            double[] negatives,
            double[] republications,
            double positiveCandidateRate,
            double negativeCandidateRate,
            List<int[][]> positivePairs,
            List<int[][]> negativePairs) {

        String summary() {
            return String.format(
                    Locale.ROOT,
                    "%-24s positives (%d) min %.3f p1 %.3f p5 %.3f median %.3f | negatives (%d) max %.3f p99.9 %.3f"
                            + " p99 %.3f median %.3f | LSH recall %.4f, negative pairs sharing a band %.5f",
                    parameters,
                    positives.length,
                    positives[0],
                    percentile(positives, 1),
                    percentile(positives, 5),
                    percentile(positives, 50),
                    negatives.length,
                    negatives[negatives.length - 1],
                    percentile(negatives, 99.9),
                    percentile(negatives, 99),
                    percentile(negatives, 50),
                    positiveCandidateRate,
                    negativeCandidateRate);
        }

        double margin() {
            return positives[0] - negatives[negatives.length - 1];
        }
    }

    private static double percentile(double[] sorted, double percent) {
        int index = (int) Math.ceil(percent / 100 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    /** The sorted hashes of the sentences of five words or more, to recognise republished text verbatim. */
    private static long[] sentenceHashes(String text) {
        return Arrays.stream(StoryText.normalize(text).split("(?<=[.!?\"])\\s+"))
                .filter(sentence -> sentence.split(" ").length >= 5)
                .mapToLong(sentence -> Fingerprinter.mix(sentence.hashCode()))
                .distinct()
                .sorted()
                .toArray();
    }

    private static boolean republished(CorpusArticle a, CorpusArticle b) {
        long[] x = sentencesById.get(a.id());
        long[] y = sentencesById.get(b.id());
        return sharedCount(x, y) * 2 >= Math.min(x.length, y.length) && Math.min(x.length, y.length) > 0;
    }

    private static int sharedCount(long[] sortedA, long[] sortedB) {
        int shared = 0;
        for (int i = 0, j = 0; i < sortedA.length && j < sortedB.length; ) {
            if (sortedA[i] == sortedB[j]) {
                shared++;
                i++;
                j++;
            } else if (sortedA[i] < sortedB[j]) {
                i++;
            } else {
                j++;
            }
        }
        return shared;
    }

    private static long[] sortedBands(Fingerprint fingerprint) {
        long[] bands = fingerprint.bands();
        Arrays.sort(bands);
        return bands;
    }

    private static Measurement measure(String parameters, Fingerprinter fingerprinter) {
        Map<String, List<Double>> byKind = new LinkedHashMap<>();
        List<Double> positives = new ArrayList<>();
        List<int[][]> positivePairs = new ArrayList<>();
        List<int[][]> negativePairs = new ArrayList<>();
        int candidates = 0;
        for (CorpusArticle article : corpus) {
            if (!NearCopies.canCopy(article.text())) {
                continue;
            }
            Fingerprint original = fingerprinter.of(article.title(), article.text());
            for (NearCopy copy : NearCopies.of(article.title(), article.text())) {
                Fingerprint near = fingerprinter.of(copy.title(), copy.body());
                double similarity = Fingerprinter.similarity(original.minHashes(), near.minHashes());
                byKind.computeIfAbsent(copy.kind(), kind -> new ArrayList<>()).add(similarity);
                positives.add(similarity);
                positivePairs.add(new int[][] {original.minHashes(), near.minHashes()});
                if (sharedCount(sortedBands(original), sortedBands(near)) > 0) {
                    candidates++;
                }
            }
        }
        Map<String, List<CorpusArticle>> byCategory = new TreeMap<>();
        corpus.forEach(article -> byCategory
                .computeIfAbsent(article.category(), category -> new ArrayList<>())
                .add(article));
        List<Double> negatives = new ArrayList<>();
        List<Double> republications = new ArrayList<>();
        long negativeCandidates = 0;
        for (List<CorpusArticle> category : byCategory.values()) {
            List<Fingerprint> fingerprints = category.stream()
                    .map(article -> fingerprinter.of(article.title(), article.text()))
                    .toList();
            List<long[]> bands = fingerprints.stream()
                    .map(StoryThresholdMeasurementTest::sortedBands)
                    .toList();
            List<int[]> signatures =
                    fingerprints.stream().map(Fingerprint::minHashes).toList();
            for (int i = 0; i < category.size(); i++) {
                for (int j = i + 1; j < category.size(); j++) {
                    double similarity = Fingerprinter.similarity(signatures.get(i), signatures.get(j));
                    if (republished(category.get(i), category.get(j))) {
                        republications.add(similarity);
                        continue;
                    }
                    negatives.add(similarity);
                    negativePairs.add(new int[][] {signatures.get(i), signatures.get(j)});
                    if (sharedCount(bands.get(i), bands.get(j)) > 0) {
                        negativeCandidates++;
                    }
                }
            }
        }
        negatives.addAll(seedPairSimilarities(fingerprinter));
        Map<String, double[]> sortedByKind = new LinkedHashMap<>();
        byKind.forEach((kind, values) -> sortedByKind.put(kind, sorted(values)));
        return new Measurement(
                parameters,
                sortedByKind,
                sorted(positives),
                sorted(negatives),
                sorted(republications),
                (double) candidates / positives.size(),
                (double) negativeCandidates / negatives.size(),
                positivePairs,
                negativePairs);
    }

    private static Measurement chosen;

    /** The measurement of the stored parameters, made once for the tests that read it. */
    private static synchronized Measurement chosen() {
        if (chosen == null) {
            chosen = measure("chosen parameters", new Fingerprinter());
        }
        return chosen;
    }

    /** The share of signature pairs that the band layout of {@code fingerprinter} makes candidates. */
    private static double candidateRate(Fingerprinter fingerprinter, List<int[][]> pairs) {
        Map<int[], long[]> bands = new java.util.IdentityHashMap<>();
        long candidates = pairs.stream()
                .filter(pair -> sharedCount(
                                bands.computeIfAbsent(pair[0], signature -> sorted(fingerprinter.bands(signature))),
                                bands.computeIfAbsent(pair[1], signature -> sorted(fingerprinter.bands(signature))))
                        > 0)
                .count();
        return (double) candidates / pairs.size();
    }

    private static long[] sorted(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted;
    }

    private static List<Double> seedPairSimilarities(Fingerprinter fingerprinter) {
        Map<String, Fingerprint> seeds = new LinkedHashMap<>();
        for (ExtractedArticle article : SeedDumps.splitAll()) {
            seeds.putIfAbsent(article.title(), fingerprinter.of(article.title(), article.body()));
        }
        List<Fingerprint> distinct = List.copyOf(seeds.values());
        List<Double> similarities = new ArrayList<>();
        for (int i = 0; i < distinct.size(); i++) {
            for (int j = i + 1; j < distinct.size(); j++) {
                similarities.add(Fingerprinter.similarity(
                        distinct.get(i).minHashes(), distinct.get(j).minHashes()));
            }
        }
        return similarities;
    }

    private static double[] sorted(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(sorted);
        return sorted;
    }

    @Test
    void choosesTheShingleLengthWithTheWidestGap() {
        Map<Integer, Double> margins = new TreeMap<>();
        for (int words = 1; words <= 5; words++) {
            Measurement measurement = words == Fingerprinter.SHINGLE_WORDS
                    ? chosen()
                    : measure(
                            words + "-word shingles",
                            new Fingerprinter(words, Fingerprinter.HASHES, Fingerprinter.ROWS));
            System.out.println(measurement.summary());
            margins.put(words, measurement.margin());
        }
        double best =
                margins.values().stream().mapToDouble(Double::doubleValue).max().orElseThrow();
        System.out.printf(Locale.ROOT, "  gap (lowest positive - highest negative) by shingle words: %s%n", margins);

        assertThat(margins.get(Fingerprinter.SHINGLE_WORDS)).isGreaterThan(0).isGreaterThanOrEqualTo(best - 0.02);
    }

    @Test
    void comparesBandLayouts() {
        Measurement measurement = chosen();
        for (int rows = 2; rows <= 5; rows++) {
            Fingerprinter layout = new Fingerprinter(Fingerprinter.SHINGLE_WORDS, Fingerprinter.HASHES, rows);
            System.out.printf(
                    Locale.ROOT,
                    "%d bands x %d rows: LSH recall of positives %.4f, negative pairs sharing a band %.5f%n",
                    Fingerprinter.HASHES / rows,
                    rows,
                    candidateRate(layout, measurement.positivePairs()),
                    candidateRate(layout, measurement.negativePairs()));
        }

        assertThat(candidateRate(new Fingerprinter(), measurement.positivePairs()))
                .isGreaterThanOrEqualTo(0.99);
    }

    @Test
    void placesTheThresholdBetweenNearCopiesAndDistinctArticles() {
        Measurement measurement = chosen();
        double threshold = Fingerprinter.SAME_STORY_THRESHOLD;
        System.out.println(measurement.summary());
        measurement
                .positivesByKind()
                .forEach((kind, values) -> System.out.printf(
                        Locale.ROOT,
                        "  %-18s n=%d min %.3f p1 %.3f median %.3f%n",
                        kind,
                        values.length,
                        values[0],
                        percentile(values, 1),
                        percentile(values, 50)));
        double[] republications = measurement.republications();
        System.out.printf(
                Locale.ROOT,
                "  corpus republications (pairs sharing half their sentences): %d, similarity min %.3f median %.3f%n",
                republications.length,
                republications.length == 0 ? Double.NaN : republications[0],
                republications.length == 0 ? Double.NaN : percentile(republications, 50));
        double[] negatives = measurement.negatives();
        System.out.println("  highest negatives: "
                + Arrays.toString(Arrays.copyOfRange(negatives, Math.max(0, negatives.length - 8), negatives.length)));
        long below = Arrays.stream(measurement.positives())
                .filter(similarity -> similarity < threshold)
                .count();
        System.out.printf(
                Locale.ROOT,
                "  threshold %.2f: %d of %d positives below it, %d of %d negatives at or above it%n",
                threshold,
                below,
                measurement.positives().length,
                Arrays.stream(negatives)
                        .filter(similarity -> similarity >= threshold)
                        .count(),
                negatives.length);

        assertThat(measurement.positives()[0]).as("lowest positive").isGreaterThanOrEqualTo(threshold);
        assertThat(negatives[negatives.length - 1]).as("highest negative").isLessThan(threshold);
        assertThat(measurement.positiveCandidateRate()).isGreaterThanOrEqualTo(0.99);
    }
}
