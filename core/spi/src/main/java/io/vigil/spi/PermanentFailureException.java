package io.vigil.spi;

/**
 * A failure that retrying will not fix: a bad address, a 4xx answer, a malformed document. The platform stops,
 * records the message on the source or channel, and shows it to the user — so write it for them.
 */
public class PermanentFailureException extends Exception {

    public PermanentFailureException(String message) {
        super(message);
    }

    public PermanentFailureException(String message, Throwable cause) {
        super(message, cause);
    }
}
