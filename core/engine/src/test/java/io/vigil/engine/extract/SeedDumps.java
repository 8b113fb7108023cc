package io.vigil.engine.extract;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The sample page dumps in the repository's {@code seeds/} folder, for tests that need real pages. */
public final class SeedDumps {

    private SeedDumps() {}

    /** Returns the repository's {@code seeds/} folder, found by walking up from the working directory. */
    public static Path folder() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            Path seeds = dir.resolve("seeds");
            if (Files.isDirectory(seeds) && Files.exists(dir.resolve("pom.xml"))) {
                return seeds;
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException(
                "no seeds/ folder next to a pom.xml above " + Path.of("").toAbsolutePath());
    }

    /** Returns the seed files in name order. */
    public static List<Path> files() {
        try (Stream<Path> files = Files.list(folder())) {
            return files.filter(file -> file.toString().endsWith(".txt"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Returns the text of the seed whose file name starts with {@code prefix}, such as {@code "002"}. */
    public static String read(String prefix) {
        Path file = files().stream()
                .filter(candidate -> candidate.getFileName().toString().startsWith(prefix))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no seed starting with " + prefix));
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Returns the articles of every seed, split one file at a time, in file order. */
    public static List<ExtractedArticle> splitAll() {
        PageDumpSplitter splitter = new PageDumpSplitter();
        return files().stream()
                .flatMap(file -> {
                    try {
                        return splitter.split(Files.readString(file)).stream();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                })
                .toList();
    }
}
