package io.vigil.spi.rule;

/**
 * A rule expression that cannot be compiled, with where the problem is and what was expected there, so the editor can
 * point at it.
 */
public class RuleSyntaxException extends Exception {

    private final int position;
    private final String expected;

    /**
     * @param message what is wrong, for the user ("unbalanced parenthesis")
     * @param position the zero-based character offset in the expression where the problem is
     * @param expected what would have been valid there ("a term or '('"), or {@code null}
     */
    public RuleSyntaxException(String message, int position, String expected) {
        super(message);
        this.position = position;
        this.expected = expected;
    }

    public int position() {
        return position;
    }

    /** What would have been valid at {@link #position()}, or {@code null} when that is not the point. */
    public String expected() {
        return expected;
    }
}
