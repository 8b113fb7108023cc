package io.vigil.source.rss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.source.rss.FeedServer.Answer;
import io.vigil.spi.PermanentFailureException;
import io.vigil.spi.TemporaryFailureException;
import io.vigil.spi.source.ContentFormat;
import io.vigil.spi.source.Cursor;
import io.vigil.spi.source.RawDocument;
import io.vigil.spi.source.Source;
import io.vigil.spi.testkit.FakeSourceContext;
import io.vigil.spi.testkit.PlainOutboundHttp;
import io.vigil.spi.testkit.RecordingSink;
import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RssSourceTest {

    private static final String RSS = "application/rss+xml; charset=utf-8";

    @TempDir
    Path folder;

    private final FeedServer server = newServer();

    @AfterEach
    void stopServer() {
        server.close();
    }

    @Test
    void handsOverEachEntryAsCleanTextWithItsLinkDateAndFeed() throws Exception {
        server.serve(
                "/feed",
                Answer.ok(
                        RSS,
                        rss(item(
                                "g-1",
                                "/news/dam-holds",
                                "Dam &lt;b&gt;holds&lt;/b&gt; after rain",
                                "&lt;p&gt;The dam held overnight.&lt;/p&gt;&lt;p&gt;Residents returned.&lt;/p&gt;",
                                "Tue, 30 Dec 2014 08:12:34 GMT"))));

        RecordingSink sink = new RecordingSink();
        source("/feed", Map.of()).fetch(Cursor.EMPTY, sink);

        assertThat(sink.documents()).hasSize(1);
        RawDocument document = sink.documents().get(0);
        assertThat(document.externalId()).isEqualTo("g-1");
        assertThat(document.title()).isEqualTo("Dam holds after rain");
        assertThat(document.content()).isEqualTo("The dam held overnight.\n\nResidents returned.");
        assertThat(document.format()).isEqualTo(ContentFormat.TEXT);
        assertThat(document.url()).isEqualTo("https://news.example/news/dam-holds");
        assertThat(document.publishedAt()).isEqualTo(Instant.parse("2014-12-30T08:12:34Z"));
        assertThat(document.language()).isEqualTo("en");
        assertThat(document.metadata()).containsEntry("feed", "Example News");
    }

    @Test
    void aSecondFetchOfAnUnchangedFeedIsNotModifiedAndAddsNothing() throws Exception {
        server.serve(
                "/feed",
                new Answer(
                        200,
                        Map.of("Content-Type", RSS, "ETag", "\"v1\""),
                        rssBytes(item("g-1", "https://news.example/1", "One", "first", null))));
        Source source = source("/feed", Map.of());

        Cursor cursor = source.fetch(Cursor.EMPTY, new RecordingSink());
        RecordingSink second = new RecordingSink();
        Cursor after = source.fetch(cursor, second);

        assertThat(second.documents()).isEmpty();
        assertThat(after).isEqualTo(cursor);
        assertThat(server.requests().get(1).header("If-None-Match")).isEqualTo("\"v1\"");
    }

    @Test
    void neitherFloodsNorMissesWhenAFeedReordersAndRedatesItsEntries() throws Exception {
        server.serve(
                "/feed",
                Answer.ok(
                        RSS,
                        rss(
                                item("g-1", "https://news.example/1", "One", "first", "Mon, 01 Jan 2024 10:00:00 GMT"),
                                item(
                                        "g-2",
                                        "https://news.example/2",
                                        "Two",
                                        "second",
                                        "Mon, 01 Jan 2024 11:00:00 GMT"))));
        Source source = source("/feed", Map.of());
        Cursor cursor = source.fetch(Cursor.EMPTY, new RecordingSink());

        server.serve(
                "/feed",
                Answer.ok(
                        RSS,
                        rss(
                                item(
                                        "g-3",
                                        "https://news.example/3",
                                        "Three",
                                        "third",
                                        "Mon, 01 Jan 2024 09:00:00 GMT"),
                                item("g-2", "https://news.example/2", "Two", "second", "Tue, 02 Jan 2024 11:00:00 GMT"),
                                item(
                                        "g-1",
                                        "https://news.example/1",
                                        "One",
                                        "first",
                                        "Wed, 03 Jan 2024 10:00:00 GMT"))));
        RecordingSink sink = new RecordingSink();
        source.fetch(cursor, sink);

        assertThat(sink.documents()).extracting(RawDocument::externalId).containsExactly("g-3");
    }

    @Test
    void recognisesEntriesWithoutGuidByLinkAndThenByContent() throws Exception {
        server.serve(
                "/feed",
                Answer.ok(
                        RSS,
                        rss(
                                item(null, "https://news.example/a", "Linked", "text a", null),
                                item(null, null, "Unlinked", "text b", null))));
        Source source = source("/feed", Map.of());
        RecordingSink first = new RecordingSink();
        Cursor cursor = source.fetch(Cursor.EMPTY, first);
        RecordingSink second = new RecordingSink();
        source.fetch(cursor, second);

        assertThat(first.documents())
                .extracting(RawDocument::externalId)
                .first()
                .isEqualTo("https://news.example/a");
        assertThat(first.documents()).hasSize(2);
        assertThat(second.documents()).isEmpty();
    }

    @Test
    void takesAtMostMaxItemsAndOnTheFirstFetchRemembersTheRestOfTheArchive() throws Exception {
        StringBuilder items = new StringBuilder();
        for (int i = 1; i <= 5; i++) {
            items.append(item("g-" + i, "https://news.example/" + i, "Item " + i, "text " + i, null));
        }
        server.serve("/feed", Answer.ok(RSS, rss(items.toString())));
        Source source = source("/feed", Map.of("max-items", "2"));

        RecordingSink first = new RecordingSink();
        Cursor cursor = source.fetch(Cursor.EMPTY, first);
        RecordingSink second = new RecordingSink();
        source.fetch(cursor, second);

        assertThat(first.documents()).extracting(RawDocument::externalId).containsExactly("g-1", "g-2");
        assertThat(second.documents()).isEmpty();
    }

    @Test
    void reportsAnOverloadedServerAsTemporaryWithItsRetryAfter() throws Exception {
        server.serve("/busy", Answer.status(503, Map.of("Retry-After", "120")));
        server.serve("/slow-down", Answer.status(429, Map.of("Retry-After", "30")));

        assertThatThrownBy(() -> source("/busy", Map.of()).fetch(Cursor.EMPTY, new RecordingSink()))
                .isInstanceOfSatisfying(TemporaryFailureException.class, e -> assertThat(e.retryAfter())
                        .contains(Duration.ofSeconds(120)));
        assertThatThrownBy(() -> source("/slow-down", Map.of()).fetch(Cursor.EMPTY, new RecordingSink()))
                .isInstanceOfSatisfying(TemporaryFailureException.class, e -> assertThat(e.getMessage())
                        .contains("429"));
    }

    @Test
    void reportsAMissingFeedAsPermanentWithAReadableReason() {
        assertThatThrownBy(() -> source("/nowhere", Map.of()).fetch(Cursor.EMPTY, new RecordingSink()))
                .isInstanceOf(PermanentFailureException.class)
                .hasMessageContaining("does not exist (HTTP 404)");
    }

    @Test
    void reportsAWebPageAsNotAFeedAndNamesTheFeedsItLinks() {
        server.serve(
                "/page",
                Answer.ok(
                        "text/html",
                        """
                <!doctype html><html><head><title>News</title>
                <link rel="alternate" type="application/rss+xml" href="/rss.xml"></head><body>News</body></html>
                """));

        assertThatThrownBy(() -> source("/page", Map.of()).fetch(Cursor.EMPTY, new RecordingSink()))
                .isInstanceOf(PermanentFailureException.class)
                .hasMessageContaining("web page, not a feed")
                .hasMessageContaining(server.uri("/rss.xml").toString());
    }

    @Test
    void reportsGarbageAsPermanent() {
        server.serve("/garbage", Answer.ok("application/octet-stream", new byte[] {0x1f, 0x00, 0x13, 0x7f}));

        assertThatThrownBy(() -> source("/garbage", Map.of()).fetch(Cursor.EMPTY, new RecordingSink()))
                .isInstanceOf(PermanentFailureException.class)
                .hasMessageContaining("is not a feed");
    }

    @Test
    void neverReadsExternalEntities() throws Exception {
        server.serve(
                "/xxe",
                Answer.ok(
                        RSS,
                        """
                <?xml version="1.0"?>
                <!DOCTYPE rss [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
                <rss version="2.0"><channel><title>Evil</title><link>https://evil.example/</link>
                <item><guid>x</guid><title>Leak</title><description>&secret;</description></item>
                </channel></rss>
                """));

        RecordingSink sink = new RecordingSink();
        try {
            source("/xxe", Map.of()).fetch(Cursor.EMPTY, sink);
        } catch (PermanentFailureException refused) {
            // refusing the document is as good as reading it without the entity
        }

        assertThat(sink.documents())
                .allSatisfy(document -> assertThat(document.content()).doesNotContain("root:"));
    }

    @Test
    void neverExpandsNestedEntities() throws Exception {
        StringBuilder doctype = new StringBuilder("<!DOCTYPE rss [<!ENTITY lol \"lol\">");
        for (int level = 1; level <= 9; level++) {
            String previous = level == 1 ? "lol" : "lol" + (level - 1);
            doctype.append("<!ENTITY lol")
                    .append(level)
                    .append(" \"")
                    .append(("&" + previous + ";").repeat(10))
                    .append("\">");
        }
        doctype.append("]>");
        server.serve(
                "/laughs",
                Answer.ok(
                        RSS,
                        "<?xml version=\"1.0\"?>" + doctype
                                + "<rss version=\"2.0\"><channel><title>Laughs</title><item><guid>l</guid><title>Ha</title>"
                                + "<description>&lol9;</description></item></channel></rss>"));

        RecordingSink sink = new RecordingSink();
        try {
            source("/laughs", Map.of()).fetch(Cursor.EMPTY, sink);
        } catch (PermanentFailureException refused) {
            // refusing the document is as good as reading it without expanding the entities
        }

        assertThat(sink.documents())
                .allSatisfy(document -> assertThat(document.content().length()).isLessThan(1000));
    }

    @Test
    void decodesTheCharsetNamedByTheHttpHeaderTheXmlDeclarationOrAByteOrderMark() throws Exception {
        String latin = "<rss version=\"2.0\"><channel><title>Caf\u00e9</title><item><guid>1</guid>"
                + "<title>Cr\u00e8me br\u00fbl\u00e9e</title><description>d</description></item></channel></rss>";
        server.serve("/latin1", Answer.ok("text/xml; charset=ISO-8859-1", latin.getBytes(StandardCharsets.ISO_8859_1)));
        Charset cp1251 = Charset.forName("windows-1251");
        String russian = "<?xml version=\"1.0\" encoding=\"windows-1251\"?><rss version=\"2.0\"><channel>"
                + "<title>t</title><item><guid>1</guid><title>\u0426\u0438\u0442\u0430\u0442\u0430</title>"
                + "<description>d</description></item></channel></rss>";
        server.serve("/cp1251", Answer.ok("text/xml", russian.getBytes(cp1251)));
        ByteArrayOutputStream utf16 = new ByteArrayOutputStream();
        utf16.write(new byte[] {(byte) 0xFF, (byte) 0xFE});
        utf16.write(latin.getBytes(StandardCharsets.UTF_16LE));
        server.serve("/utf16", Answer.ok("application/xml", utf16.toByteArray()));

        assertThat(titleOf("/latin1")).isEqualTo("Cr\u00e8me br\u00fbl\u00e9e");
        assertThat(titleOf("/cp1251")).isEqualTo("\u0426\u0438\u0442\u0430\u0442\u0430");
        assertThat(titleOf("/utf16")).isEqualTo("Cr\u00e8me br\u00fbl\u00e9e");
    }

    @Test
    void resolvesAtomLinksAgainstXmlBase() throws Exception {
        server.serve(
                "/atom",
                Answer.ok(
                        "application/atom+xml",
                        """
                <?xml version="1.0" encoding="utf-8"?>
                <feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://blog.example/">
                  <title type="text">History of the &lt;blink&gt; tag</title>
                  <id>urn:feed</id><updated>2024-01-01T00:00:00Z</updated>
                  <entry><id>urn:1</id><title type="text">History of the &lt;blink&gt; tag</title>
                    <link rel="alternate" href="posts/blink"/><updated>2024-01-02T03:04:05Z</updated>
                    <summary type="html">&lt;p&gt;It blinked.&lt;/p&gt;</summary></entry>
                </feed>
                """));

        RecordingSink sink = new RecordingSink();
        source("/atom", Map.of()).fetch(Cursor.EMPTY, sink);

        RawDocument document = sink.documents().get(0);
        assertThat(document.url()).isEqualTo("https://blog.example/posts/blink");
        assertThat(document.title()).isEqualTo("History of the <blink> tag");
        assertThat(document.content()).isEqualTo("It blinked.");
        assertThat(document.publishedAt()).isEqualTo(Instant.parse("2024-01-02T03:04:05Z"));
    }

    @Test
    void recoversAFeedThatIsNotWellFormed() throws Exception {
        server.serve(
                "/broken",
                Answer.ok(
                        RSS,
                        """
                <rss version="2.0"><channel><title>Fish & Chips</title>
                <item><guid>1</guid><title>Fish & Chips & more</title><dc:creator>Ann</dc:creator>
                <description>Bare ampersands & undeclared prefixes</description></item>
                </channel></rss>
                """));

        RecordingSink sink = new RecordingSink();
        source("/broken", Map.of()).fetch(Cursor.EMPTY, sink);

        assertThat(sink.documents()).extracting(RawDocument::title).containsExactly("Fish & Chips & more");
    }

    @Test
    void fetchesTheFullArticleWhenAskedAndFallsBackToTheSummary() throws Exception {
        server.serve(
                "/article",
                Answer.ok(
                        "text/html; charset=utf-8",
                        """
                <html lang="en"><body><nav><a href="/">Home</a></nav><article>
                <p>The full article has a first paragraph that is long enough to be recognised as text.</p>
                <p>And a second paragraph, with more detail, that the feed's summary did not carry at all.</p>
                </article></body></html>
                """));
        server.serve(
                "/feed",
                Answer.ok(
                        RSS,
                        rss(
                                item("full", server.uri("/article").toString(), "Full", "short summary", null),
                                item(
                                        "broken",
                                        server.uri("/missing").toString(),
                                        "Broken",
                                        "only the summary",
                                        null))));

        RecordingSink sink = new RecordingSink();
        source("/feed", Map.of("full-text", "true")).fetch(Cursor.EMPTY, sink);

        assertThat(sink.documents().get(0).content())
                .startsWith("The full article has a first paragraph")
                .contains("\n\nAnd a second paragraph");
        assertThat(sink.documents().get(0).metadata()).containsEntry("full-text", "extracted");
        assertThat(sink.documents().get(1).content()).isEqualTo("only the summary");
        assertThat(sink.documents().get(1).metadata().get("full-text"))
                .startsWith("failed:")
                .contains("404");
    }

    @Test
    void asksForFeedsAndSendsTheSourcesUserAgentThroughThePlatformClient() throws Exception {
        server.serve("/feed", Answer.ok(RSS, rss(item("1", null, "t", "d", null))));

        source("/feed", Map.of()).fetch(Cursor.EMPTY, new RecordingSink());

        assertThat(server.requests().get(0).header("Accept")).contains("application/rss+xml");
    }

    private String titleOf(String path) throws Exception {
        RecordingSink sink = new RecordingSink();
        source(path, Map.of()).fetch(Cursor.EMPTY, sink);
        return sink.documents().get(0).title();
    }

    private Source source(String path, Map<String, String> settings) throws PermanentFailureException {
        RssSourceFactory factory = new RssSourceFactory();
        Map<String, String> config = new HashMap<>(settings);
        config.put("url", server.uri(path).toString());
        return factory.create(
                factory.configSpec().validate(config),
                FakeSourceContext.in(folder).withHttp(new PlainOutboundHttp()));
    }

    private static String item(String guid, String link, String title, String description, String pubDate) {
        return "<item>" + (guid == null ? "" : "<guid isPermaLink=\"false\">" + guid + "</guid>")
                + (link == null ? "" : "<link>" + link + "</link>")
                + "<title>" + title + "</title><description>" + description + "</description>"
                + (pubDate == null ? "" : "<pubDate>" + pubDate + "</pubDate>") + "</item>";
    }

    private static String rss(String items) {
        return "<?xml version=\"1.0\" encoding=\"utf-8\"?><rss version=\"2.0\"><channel><title>Example News</title>"
                + "<link>https://news.example/</link><language>en-gb</language>" + items + "</channel></rss>";
    }

    private static String rss(String... items) {
        return rss(String.join("", items));
    }

    private static byte[] rssBytes(String... items) {
        return rss(items).getBytes(StandardCharsets.UTF_8);
    }

    private static FeedServer newServer() {
        try {
            return new FeedServer();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
