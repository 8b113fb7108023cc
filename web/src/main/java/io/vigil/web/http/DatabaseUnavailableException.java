package io.vigil.web.http;

/**
 * PostgreSQL does not answer, so the request cannot be served now — credentials cannot be checked, a record cannot be
 * written. The caller gets 503 (try again later), never 401 or 500: the problem is not theirs and may pass.
 */
public class DatabaseUnavailableException extends RuntimeException {

    public DatabaseUnavailableException(Throwable cause) {
        super("the database does not answer: " + cause.getMessage(), cause);
    }
}
