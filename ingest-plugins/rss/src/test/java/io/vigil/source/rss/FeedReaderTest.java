package io.vigil.source.rss;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class FeedReaderTest {

    private static final URI WHERE = URI.create("https://news.example/feed.xml");

    @Test
    void readsTheFirstEntriesOfAFeedWithMoreThanItKeepsInTheirOrder() throws FeedReader.NotAFeedException {
        StringBuilder feed = new StringBuilder("<rss version=\"2.0\"><channel><title>Many</title>");
        int total = FeedReader.MAX_ENTRIES + 3;
        for (int i = 1; i <= total; i++) {
            feed.append("<item><title>Item ")
                    .append(i)
                    .append("</title><link>https://news.example/")
                    .append(i)
                    .append("</link></item>");
            if (i == 2) {
                // Content between the entries stays where it was.
                feed.append("<link>https://news.example/</link>");
            }
        }
        feed.append("</channel></rss>");

        ParsedFeed parsed = FeedReader.read(feed.toString(), WHERE);

        assertThat(parsed.link()).isEqualTo("https://news.example/");
        assertThat(parsed.items())
                .extracting(FeedItem::title)
                .containsExactlyElementsOf(IntStream.rangeClosed(1, FeedReader.MAX_ENTRIES)
                        .mapToObj(i -> "Item " + i)
                        .toList());
    }
}
