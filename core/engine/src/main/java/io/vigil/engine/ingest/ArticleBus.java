package io.vigil.engine.ingest;

import io.vigil.spi.source.RawDocument;
import java.util.List;

/**
 * Where documents go instead of straight into the pipeline when an article bus is configured ({@code vigil.bus},
 * docs/scaling.md): the bus keeps them durably and matching instances store them from there.
 */
public interface ArticleBus {

    /** Whether documents go through this bus; when not, sources and pushes store straight into PostgreSQL. */
    boolean active();

    /**
     * Hands documents over and returns once the bus has durably acknowledged every one.
     *
     * @throws BusUnavailableException when the bus did not acknowledge in time; none of them may count as kept
     */
    void publishAll(List<RawDocument> documents, SourceRef source);

    /** The bus did not take documents in time: the caller must not say they are kept. */
    final class BusUnavailableException extends RuntimeException {
        public BusUnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
