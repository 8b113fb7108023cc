package io.vigil.engine.extract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.vigil.spi.testkit.FuzzTries;
import io.vigil.spi.testkit.Mutations;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Fuzzes the page-dump splitter with the seeds and the shared page fixtures' texts, mutated: it never throws and
 * every article it returns has a title and a body. Each try's display name carries its seed ({@link FuzzTries} says
 * how to replay one).
 */
class PageDumpSplitterFuzzTest {

    private static final List<String> TOKENS = List.of(
            "\n",
            "\n\n\n",
            "____",
            "----",
            "====",
            "3 Comments",
            "Leave a Reply",
            "Notify of",
            "Share",
            "TT",
            "(AFP)",
            "Breaking News Today",
            "\r",
            "\u0000",
            "\uFEFF",
            "\u2028",
            "\uD800",
            " ".repeat(200),
            "a".repeat(5000));

    private final PageDumpSplitter splitter = new PageDumpSplitter();

    private static final List<String> DUMPS = dumpTexts();

    @TestFactory
    Stream<DynamicTest> mutatedDumpsSplitWithoutThrowing() {
        return FuzzTries.of(200, random -> {
            String dump = DUMPS.get(random.nextInt(DUMPS.size()));
            String text = Mutations.apply(dump, Mutations.random(random, TOKENS));
            List<ExtractedArticle> articles =
                    assertTimeoutPreemptively(Duration.ofSeconds(10), () -> splitter.split(text));
            assertThat(articles).allSatisfy(article -> {
                assertThat(article.title()).isNotNull();
                assertThat(article.body()).isNotBlank();
            });
        });
    }

    /** The seeds, and the expected texts of the shared page fixtures when the shared folder is there. */
    private static List<String> dumpTexts() {
        List<Path> files = new ArrayList<>(SeedDumps.files());
        Path pages =
                Path.of(System.getProperty("vigil.shared.dir", "../shared")).resolve("fixtures/pages");
        if (Files.isDirectory(pages)) {
            try (Stream<Path> walk = Files.walk(pages)) {
                walk.filter(file -> file.getFileName().toString().equals("expected.txt"))
                        .sorted()
                        .forEach(files::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return files.stream()
                .map(file -> {
                    try {
                        return Files.readString(file);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                })
                .toList();
    }
}
