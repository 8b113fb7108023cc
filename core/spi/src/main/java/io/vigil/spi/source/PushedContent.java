package io.vigil.spi.source;

import java.util.Objects;

/**
 * Content a hub pushed to Vigil for a source (a WebSub content distribution), after the platform checked that it
 * comes from the hub the source is subscribed at: the body as sent, usually the feed or the part of it that changed.
 *
 * @param contentType the {@code Content-Type} the hub sent, or {@code null}
 * @param body the body bytes
 */
public record PushedContent(String contentType, byte[] body) {

    public PushedContent {
        Objects.requireNonNull(body, "body is null");
    }
}
