package io.vigil.source.rss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.vigil.opml.OpmlDocument;
import io.vigil.spi.testkit.FuzzTries;
import io.vigil.spi.testkit.Mutations;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Fuzzes the feed reader with the shared feed fixtures (real and malformed feeds from other projects' test suites),
 * mutated: reading ends with a feed or with {@link FeedReader.NotAFeedException} (the reason shown on the source),
 * never with another exception, and each read ends within a generous bound. OPML import gets the same treatment.
 * Each try's display name carries its seed ({@link FuzzTries} says how to replay one).
 */
class FeedReaderFuzzTest {

    private static final URI WHERE = URI.create("https://news.example/feed.xml");

    private static final List<String> TOKENS = List.of(
            "<!DOCTYPE[",
            "<!DOCTYPE rss [<!ENTITY a \"b\">]>",
            "<!ENTITY x SYSTEM \"file:///etc/passwd\">",
            "&x;",
            "&",
            "&nbsp;",
            "&#0;",
            "&#x110000;",
            "<",
            ">",
            "</",
            "<a:b>",
            "xmlns:a=\"\"",
            "<![CDATA[",
            "]]>",
            "<!--",
            "-->",
            "<?xml version=\"1.1\" encoding=\"utf-16\"?>",
            "\u0000",
            "\uFFFE",
            "\uD800",
            "\"",
            "'",
            "<item>",
            "</item>",
            "<entry>",
            "<link rel=\"hub\" href=\"javascript:x\"/>",
            "{",
            "[",
            "\"items\":");

    private static final String OPML =
            """
            <?xml version="1.0"?>
            <opml version="2.0"><head><title>Feeds</title></head><body>
            <outline text="World" title="World">
              <outline type="rss" text="BBC" xmlUrl="https://feeds.bbci.co.uk/news/world/rss.xml" category="/news"/>
              <outline type="rss" text="Reuters" xmlUrl="https://example.com/reuters.xml"/>
            </outline></body></opml>
            """;

    private static final List<String> FEEDS = feedTexts();

    @TestFactory
    Stream<DynamicTest> mutatedFeedsAreReadOrRefusedWithAReason() {
        return FuzzTries.of(200, random -> {
            String feed = FEEDS.get(random.nextInt(FEEDS.size()));
            String text = Mutations.apply(feed, Mutations.random(random, TOKENS));
            assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
                try {
                    ParsedFeed parsed = JsonFeedReader.looksLikeJson(text)
                            ? JsonFeedReader.read(text, WHERE)
                            : FeedReader.read(text, WHERE);
                    assertThat(parsed.items()).isNotNull();
                } catch (FeedReader.NotAFeedException refused) {
                    assertThat(refused.getMessage()).isNotBlank();
                }
            });
        });
    }

    @TestFactory
    Stream<DynamicTest> mutatedOpmlIsImportedOrRefusedWithAnIoException() {
        return FuzzTries.of(100, random -> {
            byte[] bytes =
                    Mutations.apply(OPML, Mutations.random(random, TOKENS)).getBytes(StandardCharsets.UTF_8);
            assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
                try {
                    assertThat(OpmlDocument.parse(new ByteArrayInputStream(bytes)))
                            .isNotNull();
                } catch (IOException refused) {
                    assertThat(refused.getMessage()).isNotBlank();
                }
            });
        });
    }

    private static List<String> feedTexts() {
        Path feeds =
                Path.of(System.getProperty("vigil.shared.dir", "../shared")).resolve("fixtures/feeds");
        List<Path> files;
        try (Stream<Path> walk = Files.walk(feeds)) {
            files = walk.filter(Files::isRegularFile)
                    .filter(file -> file.getFileName().toString().matches(".*\\.(xml|rss|atom|json|rdf)"))
                    .filter(file -> !file.toString().contains("expected"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("the shared feed fixtures are needed: " + feeds, e);
        }
        assertThat(files).as("feed fixtures under " + feeds).isNotEmpty();
        return files.stream()
                .map(file -> {
                    try {
                        return FeedCharset.decode(Files.readAllBytes(file), null);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                })
                .toList();
    }
}
