package io.vigil.extractor;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The article-body metric of the published article-extraction benchmark (181 news pages; evaluate.py), written out
 * exactly: both texts are cut into tokens ({@code \w+}, case kept), the tokens into shingles of four (a text shorter
 * than four tokens is one shingle), and shingles are matched with their counts. A page's true positives, false
 * positives and false negatives are normalised by their sum, so long pages weigh no more than short ones; precision is
 * averaged over the pages that predicted something, recall over the pages that expected something, and F1 is the
 * harmonic mean of those two averages.
 *
 * @param truePositives the page's share of matched shingles
 * @param falsePositives the share of extracted shingles the expected text does not have
 * @param falseNegatives the share of expected shingles the extracted text misses
 */
record ShingleScore(double truePositives, double falsePositives, double falseNegatives) {

    /** Python's {@code \w} on text: letters, digits (of any script) and the underscore. */
    private static final Pattern TOKEN = Pattern.compile("[\\p{L}\\p{N}_]+");

    private static final int N = 4;

    static ShingleScore of(String expected, String extracted) {
        Map<List<String>, Integer> truth = shingles(expected);
        Map<List<String>, Integer> prediction = shingles(extracted);
        double tp = 0;
        double fp = 0;
        double fn = 0;
        Set<List<String>> keys = new HashSet<>(truth.keySet());
        keys.addAll(prediction.keySet());
        for (List<String> key : keys) {
            int t = truth.getOrDefault(key, 0);
            int p = prediction.getOrDefault(key, 0);
            tp += Math.min(t, p);
            fp += Math.max(0, p - t);
            fn += Math.max(0, t - p);
        }
        double sum = tp + fp + fn;
        return sum > 0 ? new ShingleScore(tp / sum, fp / sum, fn / sum) : new ShingleScore(0, 0, 0);
    }

    double precision() {
        if (falsePositives == 0 && falseNegatives == 0) {
            return 1;
        }
        if (truePositives == 0 && falsePositives == 0) {
            return 0;
        }
        return truePositives / (truePositives + falsePositives);
    }

    double recall() {
        if (falsePositives == 0 && falseNegatives == 0) {
            return 1;
        }
        if (truePositives == 0 && falseNegatives == 0) {
            return 0;
        }
        return truePositives / (truePositives + falseNegatives);
    }

    /** Mean precision, mean recall and the F1 of the two, over pages, as the benchmark computes them. */
    record Summary(double precision, double recall, double f1, int pages) {
        static Summary of(List<ShingleScore> scores) {
            double precision = scores.stream()
                    .filter(s -> s.truePositives() + s.falsePositives() > 0)
                    .mapToDouble(ShingleScore::precision)
                    .average()
                    .orElse(0);
            double recall = scores.stream()
                    .filter(s -> s.truePositives() + s.falseNegatives() > 0)
                    .mapToDouble(ShingleScore::recall)
                    .average()
                    .orElse(0);
            double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
            return new Summary(precision, recall, f1, scores.size());
        }
    }

    private static Map<List<String>, Integer> shingles(String text) {
        List<String> tokens = new ArrayList<>();
        Matcher matcher = TOKEN.matcher(text == null ? "" : text);
        while (matcher.find()) {
            tokens.add(matcher.group());
        }
        Map<List<String>, Integer> shingles = new HashMap<>();
        for (int i = 0; i < Math.max(1, tokens.size() - N + 1); i++) {
            List<String> shingle = tokens.subList(i, Math.min(tokens.size(), i + N));
            if (!shingle.isEmpty()) {
                shingles.merge(List.copyOf(shingle), 1, Integer::sum);
            }
        }
        return shingles;
    }
}
