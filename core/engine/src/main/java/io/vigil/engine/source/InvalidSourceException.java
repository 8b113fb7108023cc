package io.vigil.engine.source;

/** A source definition that cannot be saved or run: an unknown type, a clashing name, settings its type refuses. */
public class InvalidSourceException extends RuntimeException {

    private final String field;

    public InvalidSourceException(String field, String message) {
        super(message);
        this.field = field;
    }

    /** The field of the source definition at fault ({@code type}, {@code name}, {@code config.url}). */
    public String field() {
        return field;
    }
}
