package io.vigil.quality;

/** What the annotator decided about one item for one rule. */
public enum Judgment {
    /** The item is what the rule's intent asks for. */
    RELEVANT,
    /** The item is not; every pair not listed in {@code judgments.tsv} is this. */
    NOT_RELEVANT,
    /** The annotator could not decide from the item; the pair counts in no figure. */
    EXCLUDED
}
