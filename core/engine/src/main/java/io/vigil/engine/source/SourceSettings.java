package io.vigil.engine.source;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.vigil.spi.source.FolderRoots;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** How sources are scheduled and what a new install starts with ({@code vigil.sources.*}). */
@ConfigMapping(prefix = "vigil.sources")
public interface SourceSettings {

    /** How often the scheduler looks for due sources, as {@code 5s}, {@code 1m}. */
    @WithDefault("5s")
    String pollEvery();

    /** How many sources are fetched at the same time, at most. */
    @WithDefault("4")
    int maxConcurrentFetches();

    /**
     * How many scheduled fetches may talk to one host at the same time, at most, so fifty feeds of one publisher are
     * polled a couple at a time rather than all at once.
     */
    @WithDefault("2")
    int maxFetchesPerHost();

    /** How long a claimed fetch may run before another instance may take the source over. */
    @WithDefault("PT15M")
    Duration lease();

    /** The largest random delay added to each source's interval, so sources with equal intervals spread out. */
    @WithDefault("PT30S")
    Duration jitter();

    /** The folder of page dumps a new install ingests as its first source; empty to start with no source. */
    @WithDefault("seeds")
    Optional<String> seedsPath();

    /**
     * The folders below which folder sources may read ({@code vigil.sources.folder-roots}, comma-separated); when
     * unset, the seeds folder and {@code data/}. Anything else on the machine stays unreadable to sources.
     */
    Optional<List<String>> folderRoots();

    /** The folders sources may read, as {@link #folderRoots()} says or by default. */
    default FolderRoots readableFolders() {
        List<String> roots = folderRoots().orElseGet(() -> {
            List<String> defaults = new ArrayList<>();
            seedsPath().filter(path -> !path.isBlank()).ifPresent(defaults::add);
            defaults.add("data");
            return defaults;
        });
        return new FolderRoots(roots.stream()
                .map(String::strip)
                .filter(root -> !root.isEmpty())
                .map(Path::of)
                .toList());
    }

    /** How often the folder source of a new install looks for new or changed files. */
    @WithDefault("PT1M")
    Duration seedsInterval();

    /** The folder holding third-party plugins, one sub-folder per plugin. */
    @WithDefault("plugins")
    String pluginsPath();
}
