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

    /**
     * The folders below which this source may read files; a source that reads files must {@link FolderRoots#confine}
     * every folder and file to them. A host that says nothing allows none.
     */
    default FolderRoots folderRoots() {
        return FolderRoots.none();
    }

    /** The largest document, in bytes, the platform accepts; a source should skip bigger items with a reason. */
    default long maxDocumentBytes() {
        return 20L * 1024 * 1024;
    }

    /**
     * Tells the platform that what the source just fetched advertises a WebSub hub, so it may subscribe there and
     * hand what the hub pushes to {@link Source#receive}; call it on every fetch that read such a document. A host
     * without push support ignores it, and the source keeps being polled either way.
     */
    default void advertisesPushHub(PushHub hub) {}

    /** The platform's HTTP client; every request a source makes goes through it. */
    default OutboundHttp http() {
        throw new UnsupportedOperationException("this host offers no HTTP client to sources");
    }
}
