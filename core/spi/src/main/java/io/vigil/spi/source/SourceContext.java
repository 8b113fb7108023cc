package io.vigil.spi.source;

import io.vigil.spi.http.OutboundHttp;
import java.nio.file.Path;
import java.time.Clock;

/**
 * Host services available to a source. Grows only by {@code default} methods, so older plugins keep working.
 */
public interface SourceContext {

    /** The user's name for this source, for log messages. */
    String sourceName();

    /** The platform clock; use it instead of {@code Instant.now()} so tests can control time. */
    default Clock clock() {
        return Clock.systemUTC();
    }

    /** Resolves a path the user typed against Vigil's working directory. */
    default Path resolvePath(String path) {
        return Path.of(path).toAbsolutePath().normalize();
    }

    /** The largest document, in bytes, the platform accepts; a source should skip bigger items with a reason. */
    default long maxDocumentBytes() {
        return 20L * 1024 * 1024;
    }

    /** The platform's HTTP client; every request a source makes goes through it. */
    default OutboundHttp http() {
        throw new UnsupportedOperationException("this host offers no HTTP client to sources");
    }
}
