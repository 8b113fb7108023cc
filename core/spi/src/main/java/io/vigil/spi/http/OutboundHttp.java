package io.vigil.spi.http;

import java.io.IOException;

/**
 * The platform's HTTP client for plugins: every outbound request of a source or notifier goes through it, so the
 * platform's rules hold everywhere — loopback, private and link-local addresses are refused (after DNS resolution and
 * on every redirect) unless the operator allows them, redirects, response sizes and time are capped, and requests
 * carry Vigil's User-Agent.
 *
 * <p>Thread-safe; shared by all plugins.
 */
public interface OutboundHttp {

    /**
     * Sends one request, following redirects up to the platform's limit.
     *
     * @return the final answer, whatever its status; the caller decides what a 4xx or 5xx means for it
     * @throws RefusedAddressException the target, or a redirect, resolves to an address Vigil may not reach
     * @throws ResponseTooLargeException the body exceeds {@link HttpCall#maxBytes()}
     * @throws IOException the connection failed or timed out
     */
    HttpReply send(HttpCall call) throws IOException;
}
