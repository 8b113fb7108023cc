package io.vigil.spi.source;

import java.net.URI;
import java.util.List;
import java.util.Objects;

/**
 * The WebSub hubs a fetched document advertises ({@code rel="hub"} links, a JSON Feed's {@code hubs}, an HTTP
 * {@code Link} header) and the topic it is published under there ({@code rel="self"}).
 *
 * @param hubs the hubs' addresses, in the order advertised; at least one
 * @param topic the address the hub knows the document by
 */
public record PushHub(List<URI> hubs, URI topic) {

    public PushHub {
        hubs = List.copyOf(Objects.requireNonNull(hubs, "hubs is null"));
        Objects.requireNonNull(topic, "topic is null");
        if (hubs.isEmpty()) {
            throw new IllegalArgumentException("a push hub needs at least one hub address");
        }
    }
}
