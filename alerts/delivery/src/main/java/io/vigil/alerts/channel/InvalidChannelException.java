package io.vigil.alerts.channel;

/** A channel definition Vigil refuses to save, naming the field at fault ({@code name}, {@code type}, {@code config.url}). */
public class InvalidChannelException extends RuntimeException {

    private final String field;

    public InvalidChannelException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
