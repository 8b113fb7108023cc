package io.vigil.spi.http;

import java.io.IOException;

/** The response body was larger than the call allowed; the rest was not read. */
public class ResponseTooLargeException extends IOException {
    public ResponseTooLargeException(String message) {
        super(message);
    }
}
