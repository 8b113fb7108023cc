package io.vigil.opml;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OpmlDocumentTest {

    @Test
    void readsTwoHundredFeedsInNestedFoldersAndWritesThemBackUnchanged() throws IOException {
        List<FeedOutline> feeds = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            String category =
                    switch (i % 4) {
                        case 0 -> "News/World";
                        case 1 -> "News/Region & Local";
                        case 2 -> "Tech";
                        default -> "";
                    };
            feeds.add(new FeedOutline(
                    "Feed \"" + i + "\" <daily>",
                    "https://feeds.example.org/" + i + "/rss.xml?format=rss&lang=en",
                    i % 3 == 0 ? "" : "https://site" + i + ".example.org/",
                    category));
        }

        String opml = OpmlDocument.write(feeds);
        List<FeedOutline> read = OpmlDocument.parse(stream(opml));

        assertThat(read).hasSize(200).containsExactlyInAnyOrderElementsOf(feeds);
        assertThat(opml).contains("<outline text=\"News\">").contains("<outline text=\"World\">");
    }

    @Test
    void refusesOutlinesNestedDeeperThanAnyRealExport() {
        String deep = "<opml><body>" + "<outline text=\"f\">".repeat(100_000)
                + "<outline xmlUrl=\"https://a.example/feed\"/></body></opml>";

        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> OpmlDocument.parse(new ByteArrayInputStream(deep.getBytes(StandardCharsets.UTF_8))))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("deeper than " + OpmlDocument.MAX_DEPTH);
    }

    @Test
    void toleratesTheShapesRealExportsHave() throws IOException {
        String sloppy =
                """
                <?xml version="1.0" encoding="ISO-8859-1"?>
                <opml version="1.0">
                <head><title>My subscriptions</title></head>
                <body>
                  <outline text="Presse fran\u00e7aise">
                    <outline text="Le Monde" type="rss" xmlurl="https://www.lemonde.fr/rss/une.xml" htmlurl="https://www.lemonde.fr/"/>
                    <outline title="Lib\u00e9ration" XMLURL=" feed://www.liberation.fr/rss/ "/>
                  </outline>
                  <outline text="No title given" xmlUrl="https://untitled.example/feed" category="/Blogs/Tech,/Other"/>
                  <outline xmlUrl="https://bare.example/feed">
                  <outline text="Duplicate" xmlUrl="https://www.lemonde.fr/rss/une.xml"/>
                  <outline text="Just a link" type="link" url="https://example.org/"/>
                </body>
                </opml>
                """;

        List<FeedOutline> feeds =
                OpmlDocument.parse(new ByteArrayInputStream(sloppy.getBytes(StandardCharsets.ISO_8859_1)));

        assertThat(feeds)
                .containsExactly(
                        new FeedOutline(
                                "Le Monde",
                                "https://www.lemonde.fr/rss/une.xml",
                                "https://www.lemonde.fr/",
                                "Presse fran\u00e7aise"),
                        new FeedOutline(
                                "Lib\u00e9ration", "http://www.liberation.fr/rss/", "", "Presse fran\u00e7aise"),
                        new FeedOutline("No title given", "https://untitled.example/feed", "", "Blogs/Tech"),
                        new FeedOutline(null, "https://bare.example/feed", "", ""));
    }

    @Test
    void neverResolvesEntitiesFromADoctype() throws IOException {
        String hostile =
                """
                <?xml version="1.0"?>
                <!DOCTYPE opml [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
                <opml version="2.0"><body>
                  <outline text="&secret;" xmlUrl="https://example.org/feed"/>
                </body></opml>
                """;

        List<FeedOutline> feeds = OpmlDocument.parse(stream(hostile));

        assertThat(feeds).singleElement().satisfies(feed -> assertThat(feed.title())
                .doesNotContain("root:"));
    }

    private static InputStream stream(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }
}
