package io.vigil.spi;

/**
 * A failure that retrying will not fix: a bad address, a 4xx answer, a malformed document. The platform stops,
 * records the message on the source or channel, and shows it to the user — so write it for them.
 *
 * <p>For an HTTP answer, let {@link io.vigil.spi.http.HttpFailurePolicy} make it: it decides which answers are
 * permanent, words refused credentials the same way everywhere and keeps the status.
 */
public class PermanentFailureException extends Exception {

    private final int statusCode;

    public PermanentFailureException(String message) {
        this(message, 0, null);
    }

    public PermanentFailureException(String message, Throwable cause) {
        this(message, 0, cause);
    }

    /** @param statusCode what the other side answered (HTTP 404, SMTP 550), or 0 when it answered nothing */
    public PermanentFailureException(String message, int statusCode, Throwable cause) {
        super(message, cause);
        this.statusCode = statusCode;
    }

    /** The protocol status the other side answered (HTTP 404, SMTP 550), or 0 when there was no answer. */
    public int statusCode() {
        return statusCode;
    }
}
