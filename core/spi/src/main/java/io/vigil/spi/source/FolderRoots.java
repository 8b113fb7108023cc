package io.vigil.spi.source;

import io.vigil.spi.PermanentFailureException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The folders below which sources may read files ({@code vigil.sources.folder-roots}), handed to plugins by the host
 * through {@link SourceContext#folderRoots()}, so reading the machine stays the operator's choice and a plugin never
 * reads the platform's configuration itself.
 *
 * <p>Paths are compared by their <em>real</em> paths ({@link Path#toRealPath}), so neither {@code ..} nor a symbolic
 * link can lead out of a root. Roots that do not exist are ignored. Immutable and thread-safe.
 */
public record FolderRoots(List<Path> roots) {

    public FolderRoots {
        roots = roots.stream()
                .map(root -> Objects.requireNonNull(root, "a root is null")
                        .toAbsolutePath()
                        .normalize())
                .toList();
    }

    public static FolderRoots of(Path... roots) {
        return new FolderRoots(List.of(roots));
    }

    /** No folder at all: what a host that says nothing about folders allows. */
    public static FolderRoots none() {
        return new FolderRoots(List.of());
    }

    /**
     * The real path of {@code path} when it is a root or lies below one. A path that does not exist (yet) is judged by
     * the real path of its nearest existing parent plus the rest of it, so a folder can be configured before it is
     * created, but not through a link that leads elsewhere.
     *
     * @throws PermanentFailureException naming the path and the roots when it lies outside all of them
     */
    public Path confine(Path path) throws PermanentFailureException {
        Path absolute = path.toAbsolutePath().normalize();
        Path real = realPathOfExistingPart(absolute);
        for (Path root : realRoots()) {
            if (real.startsWith(root)) {
                return real;
            }
        }
        throw new PermanentFailureException(absolute + (real.equals(absolute) ? "" : " (really " + real + ")")
                + " is outside the folders Vigil may read (" + describe()
                + "); an operator can add one to vigil.sources.folder-roots");
    }

    /** Whether {@code path} lies at or below a root, symbolic links resolved. */
    public boolean contains(Path path) {
        try {
            confine(path);
            return true;
        } catch (PermanentFailureException e) {
            return false;
        }
    }

    /** The roots as the user would read them, for messages. */
    public String describe() {
        return roots.isEmpty()
                ? "none are configured"
                : roots.stream().map(Path::toString).collect(Collectors.joining(", "));
    }

    private List<Path> realRoots() {
        List<Path> real = new ArrayList<>();
        for (Path root : roots) {
            try {
                real.add(root.toRealPath());
            } catch (IOException e) {
                // A root that does not exist (no data/ folder yet) allows nothing.
            }
        }
        return real;
    }

    private static Path realPathOfExistingPart(Path absolute) {
        Path existing = absolute;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return absolute;
        }
        try {
            return existing.toRealPath().resolve(existing.relativize(absolute));
        } catch (IOException e) {
            // Exists but cannot be resolved (a permission on the way): judge the path as written.
            return absolute;
        }
    }
}
