package io.vigil.engine.rule;

/**
 * A marked range of a snippet's text.
 *
 * @param start the offset of the first marked character in the snippet text
 * @param end the offset after the last marked character
 * @param term the rule term the span satisfied
 */
public record Span(int start, int end, String term) {
    public Span {
        if (start < 0 || end < start) {
            throw new IllegalArgumentException("bad span [" + start + ", " + end + ")");
        }
    }
}
