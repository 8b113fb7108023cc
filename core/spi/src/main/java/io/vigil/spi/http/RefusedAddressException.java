package io.vigil.spi.http;

import java.io.IOException;

/**
 * The request, or one of its redirects, pointed at an address Vigil may not reach (loopback, private, link-local);
 * retrying will not help until the operator sets {@code vigil.net.allow-private=true}.
 */
public class RefusedAddressException extends IOException {
    public RefusedAddressException(String message) {
        super(message);
    }
}
