package io.vigil.engine.watch;

/**
 * A rule that cannot be saved or previewed as written: names the field at fault and, for a syntax error in the
 * expression, the zero-based character position.
 */
public class InvalidRuleException extends RuntimeException {

    /** The detail for a rule with no expression at all. */
    public static final String EMPTY = "the rule is empty; expected a word, a \"phrase\" or a (group)";

    private final String field;
    private final Integer position;

    /**
     * @param field the input field at fault ({@code query}, {@code name}, {@code type}, {@code delivery},
     *     {@code channels})
     * @param message what is wrong, for the user
     * @param position the character position in the query, or {@code null}
     */
    public InvalidRuleException(String field, String message, Integer position) {
        super(message);
        this.field = field;
        this.position = position;
    }

    public InvalidRuleException(String field, String message) {
        this(field, message, null);
    }

    public String field() {
        return field;
    }

    /** The character position in the query, or {@code null} when the problem is not in the expression. */
    public Integer position() {
        return position;
    }
}
