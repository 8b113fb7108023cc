package io.vigil.source.rss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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

    @Test
    void keepsAReferenceToAnEntityTheCutDoctypeDeclaredAsText() throws FeedReader.NotAFeedException {
        String feed =
                """
                <?xml version="1.0"?>
                <!DOCTYPE rss [<!ENTITY brand "Example News">]>
                <rss version="2.0"><channel><title>&brand; &amp; friends&nbsp;daily</title>
                <item><title>A &brand; story</title><link>https://news.example/1</link></item></channel></rss>
                """;

        ParsedFeed parsed = FeedReader.read(feed, WHERE);

        // The title is normalised as every title is: the no-break space becomes a space.
        assertThat(parsed.title()).isEqualTo("&brand; & friends daily");
        assertThat(parsed.items()).extracting(FeedItem::title).containsExactly("A &brand; story");
    }

    @Test
    void readsBase64ContentWhoseDecodedTextHoldsCharactersXmlForbids() throws FeedReader.NotAFeedException {
        // Found by FeedReaderFuzzTest (seed -62535828356642914): the decoded text never passed the parser's checks.
        String encoded = java.util.Base64.getEncoder()
                .encodeToString("Bombing\u0005 near the border".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        String feed = "<feed version=\"0.3\" xmlns=\"http://purl.org/atom/ns#\"><title>Old</title>"
                + "<entry><title>Border</title><link rel=\"alternate\" href=\"https://news.example/1\"/>"
                + "<content type=\"text/plain\" mode=\"base64\">" + encoded + "</content></entry></feed>";

        ParsedFeed parsed = FeedReader.read(feed, WHERE);

        assertThat(parsed.items()).singleElement().satisfies(item -> assertThat(item.text())
                .isEqualTo("Bombing near the border"));
    }

    @Test
    void removesTheCharactersXmlForbidsAndLeavesTabsAndLineBreaks() {
        assertThat(XmlHealing.withoutForbiddenCharacters("a\u0001b\tc\nd\re\u000Bf\uFFFEg\uFFFF"))
                .isEqualTo("ab\tc\nd\refg");
        String clean = "nothing to remove";
        assertThat(XmlHealing.withoutForbiddenCharacters(clean)).isSameAs(clean);
    }

    @Test
    void refusesAFeedDeeperThanTheParserAllowsWithoutTryingToRepairIt() {
        String deep = "<rss><channel>" + "<a>".repeat(200) + "</a>".repeat(200) + "</channel></rss>";

        assertThatThrownBy(() -> FeedReader.read(deep, WHERE))
                .isInstanceOf(FeedReader.NotAFeedException.class)
                .hasMessageContaining("jdk.xml.maxElementDepth");
    }

    @Test
    void doesNotRepairABrokenDocumentWithATagOfThousandsOfAttributes() {
        String attributes =
                "<rss><channel><item " + "a".repeat(3) + " x ".repeat(FeedReader.MAX_ATTRIBUTES_TO_REPAIR + 1);
        String few = "<rss><channel><item a b c><title>t</title></item></channel>";

        assertThat(FeedReader.hasTagWithMoreAttributesThan(attributes, FeedReader.MAX_ATTRIBUTES_TO_REPAIR))
                .isTrue();
        assertThat(FeedReader.hasTagWithMoreAttributesThan(few, FeedReader.MAX_ATTRIBUTES_TO_REPAIR))
                .isFalse();
        assertThatThrownBy(() -> FeedReader.read(attributes, WHERE))
                .isInstanceOf(FeedReader.NotAFeedException.class)
                .hasMessageStartingWith("not well-formed XML");
    }
}
