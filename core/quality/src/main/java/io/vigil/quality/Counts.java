package io.vigil.quality;

/**
 * True positives, false positives and false negatives of some pairs, with the figures derived from them; a figure
 * whose denominator is zero is {@code NaN}.
 */
public record Counts(int truePositives, int falsePositives, int falseNegatives) {

    public static final Counts NONE = new Counts(0, 0, 0);

    public Counts {
        if (truePositives < 0 || falsePositives < 0 || falseNegatives < 0) {
            throw new IllegalArgumentException("counts cannot be negative");
        }
    }

    public Counts plus(Counts other) {
        return new Counts(
                truePositives + other.truePositives,
                falsePositives + other.falsePositives,
                falseNegatives + other.falseNegatives);
    }

    /** The relevant pairs: what recall is out of. */
    public int relevant() {
        return truePositives + falseNegatives;
    }

    public double precision() {
        return ratio(truePositives, truePositives + falsePositives);
    }

    public double recall() {
        return ratio(truePositives, truePositives + falseNegatives);
    }

    /** 2TP / (2TP + FP + FN): the harmonic mean of precision and recall, 0 when nothing relevant was found. */
    public double f1() {
        return ratio(2 * truePositives, 2 * truePositives + falsePositives + falseNegatives);
    }

    private static double ratio(int numerator, int denominator) {
        return denominator == 0 ? Double.NaN : (double) numerator / denominator;
    }
}
