package io.vigil.spi.http;

import java.io.IOException;

/**
 * A redirect the platform would not follow: one too many, a downgrade from {@code https} to {@code http}, or a
 * target that is not {@code http} or {@code https}. Retrying will not help; the configured URL needs fixing.
 */
public class RefusedRedirectException extends IOException {
    public RefusedRedirectException(String message) {
        super(message);
    }
}
