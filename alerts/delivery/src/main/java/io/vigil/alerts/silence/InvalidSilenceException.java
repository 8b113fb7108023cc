package io.vigil.alerts.silence;

/**
 * A silence Vigil refuses to save, naming the field at fault and, for a query that does not compile, the character
 * position of the problem.
 */
public class InvalidSilenceException extends RuntimeException {

    private final String field;
    private final Integer position;

    public InvalidSilenceException(String field, String message, Integer position) {
        super(message);
        this.field = field;
        this.position = position;
    }

    public String field() {
        return field;
    }

    /** The zero-based position in the query, or {@code null}. */
    public Integer position() {
        return position;
    }
}
