package io.vigil.engine.rule;

/**
 * A marked range of a snippet's text.
 *
 * @param start the offset of the first marked character in the snippet text
 * @param end the offset after the last marked character
 * @param term the rule term the span satisfied
 * @param clause the clause of the rule it satisfied, as the rule was read; {@code null} when the rule type does not say
 */
public record Span(int start, int end, String term, String clause) {
    public Span {
        if (start < 0 || end < start) {
            throw new IllegalArgumentException("bad span [" + start + ", " + end + ")");
        }
    }

    /** A span naming no clause. */
    public Span(int start, int end, String term) {
        this(start, end, term, null);
    }
}
