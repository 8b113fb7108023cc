package io.vigil.spi.testkit;

import io.vigil.spi.http.OutboundHttp;
import io.vigil.spi.source.FolderRoots;
import io.vigil.spi.source.SourceContext;
import java.nio.file.Path;
import java.time.Clock;

/**
 * A {@link SourceContext} for tests: a fixed clock if you give one, paths resolved against a base folder (which is
 * also the one folder root, unless you name others), and an optional HTTP client (without one, {@link #http()} fails
 * as a host without HTTP would).
 */
public class FakeSourceContext implements SourceContext {

    private final String sourceName;
    private final Clock clock;
    private final Path baseDirectory;
    private final OutboundHttp http;
    private final FolderRoots folderRoots;

    public FakeSourceContext(String sourceName, Clock clock, Path baseDirectory, OutboundHttp http) {
        this(sourceName, clock, baseDirectory, http, FolderRoots.of(baseDirectory));
    }

    private FakeSourceContext(
            String sourceName, Clock clock, Path baseDirectory, OutboundHttp http, FolderRoots folderRoots) {
        this.sourceName = sourceName;
        this.clock = clock;
        this.baseDirectory = baseDirectory;
        this.http = http;
        this.folderRoots = folderRoots;
    }

    public static FakeSourceContext in(Path baseDirectory) {
        return new FakeSourceContext("test-source", Clock.systemUTC(), baseDirectory, null);
    }

    public FakeSourceContext withHttp(OutboundHttp client) {
        return new FakeSourceContext(sourceName, clock, baseDirectory, client, folderRoots);
    }

    /** The same context with other folder roots than the base folder. */
    public FakeSourceContext withFolderRoots(Path... roots) {
        return new FakeSourceContext(sourceName, clock, baseDirectory, http, FolderRoots.of(roots));
    }

    @Override
    public FolderRoots folderRoots() {
        return folderRoots;
    }

    @Override
    public String sourceName() {
        return sourceName;
    }

    @Override
    public Clock clock() {
        return clock;
    }

    @Override
    public Path resolvePath(String path) {
        return baseDirectory.resolve(path).toAbsolutePath().normalize();
    }

    @Override
    public OutboundHttp http() {
        if (http == null) {
            throw new UnsupportedOperationException("this FakeSourceContext was made without an HTTP client");
        }
        return http;
    }
}
