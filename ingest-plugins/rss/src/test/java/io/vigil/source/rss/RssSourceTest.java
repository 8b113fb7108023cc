package io.vigil.source.rss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.source.rss.FeedServer.Answer;
import io.vigil.spi.PermanentFailureException;
import io.vigil.spi.TemporaryFailureException;
import io.vigil.spi.source.ContentFormat;
import io.vigil.spi.source.Cursor;
import io.vigil.spi.source.PushHub;
import io.vigil.spi.source.PushedContent;
import io.vigil.spi.source.RawDocument;
import io.vigil.spi.source.Source;
import io.vigil.spi.testkit.FakeSourceContext;
import io.vigil.spi.testkit.PlainOutboundHttp;
import io.vigil.spi.testkit.RecordingSink;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
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
                .isEqualTo("https://news.example/a | Linked");
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
        assertThat(first.skipped()).containsKey("3 older entries");
        assertThat(second.documents()).isEmpty();
    }

    @Test
    void afterTheFirstFetchEntriesBeyondMaxItemsWaitForTheNextFetch() throws Exception {
        server.serve(
                "/feed",
                new Answer(
                        200,
                        Map.of("Content-Type", RSS, "ETag", "\"v1\""),
                        rssBytes(item("g-0", "https://news.example/0", "Item 0", "text 0", null))));
        Source source = source("/feed", Map.of("max-items", "2"));
        Cursor cursor = source.fetch(Cursor.EMPTY, new RecordingSink());
        StringBuilder items = new StringBuilder();
        for (int i = 5; i >= 0; i--) {
            items.append(item("g-" + i, "https://news.example/" + i, "Item " + i, "text " + i, null));
        }
        server.serve(
                "/feed", new Answer(200, Map.of("Content-Type", RSS, "ETag", "\"v2\""), rssBytes(items.toString())));

        RecordingSink second = new RecordingSink();
        cursor = source.fetch(cursor, second);
        RecordingSink third = new RecordingSink();
        cursor = source.fetch(cursor, third);
        RecordingSink fourth = new RecordingSink();
        source.fetch(cursor, fourth);

        assertThat(second.documents()).extracting(RawDocument::externalId).containsExactly("g-5", "g-4");
        assertThat(second.skipped().get("3 entries")).contains("next check");
        assertThat(third.documents()).extracting(RawDocument::externalId).containsExactly("g-3", "g-2");
        assertThat(fourth.documents()).extracting(RawDocument::externalId).containsExactly("g-1");
        // With entries waiting the feed is asked for in full: an unchanged feed must not answer 304.
        assertThat(server.requests().get(2).header("If-None-Match")).isNull();
        assertThat(server.requests().get(3).header("If-None-Match")).isNull();
    }

    @Test
    void reportsWaitingEntriesThatLeftTheFeedBeforeTheyWereTaken() throws Exception {
        server.serve("/feed", Answer.ok(RSS, rss(item("g-0", "https://news.example/0", "Item 0", "text 0", null))));
        Source source = source("/feed", Map.of("max-items", "1"));
        Cursor cursor = source.fetch(Cursor.EMPTY, new RecordingSink());
        server.serve(
                "/feed",
                Answer.ok(
                        RSS,
                        rss(
                                item("g-2", "https://news.example/2", "Item 2", "text 2", null),
                                item("g-1", "https://news.example/1", "Item 1", "text 1", null))));
        cursor = source.fetch(cursor, new RecordingSink());
        server.serve("/feed", Answer.ok(RSS, rss(item("g-3", "https://news.example/3", "Item 3", "text 3", null))));

        RecordingSink sink = new RecordingSink();
        source.fetch(cursor, sink);

        assertThat(sink.documents()).extracting(RawDocument::externalId).containsExactly("g-3");
        assertThat(sink.skipped().get("1 entries")).contains("left the feed");
    }

    @Test
    void entriesSharingOneLinkKeepTheirOwnIdentity() throws Exception {
        String show = "https://podcast.example/show";
        server.serve(
                "/feed",
                Answer.ok(
                        RSS,
                        rss(
                                item("ep-2", show, "Episode 2: The Well", "The village well.", null),
                                item("ep-1", show, "Episode 1: The Road", "The old road.", null),
                                item(null, "https://news.example/live", "Live: hour two", "More news.", null),
                                item(null, "https://news.example/live", "Live: hour one", "News.", null))));
        Source source = source("/feed", Map.of());
        RecordingSink first = new RecordingSink();
        Cursor cursor = source.fetch(Cursor.EMPTY, first);
        RecordingSink second = new RecordingSink();
        source.fetch(cursor, second);

        assertThat(first.documents())
                .extracting(RawDocument::externalId)
                .containsExactly(
                        "ep-2",
                        "ep-1",
                        "https://news.example/live | Live: hour two",
                        "https://news.example/live | Live: hour one");
        assertThat(first.documents()).extracting(RawDocument::url).containsOnly(show, "https://news.example/live");
        assertThat(second.documents()).isEmpty();
    }

    @Test
    void twoEntriesThatReadTheSameButAreTwoEntriesStayTwo() throws Exception {
        server.serve(
                "/feed",
                Answer.ok(
                        RSS,
                        rss(
                                item("a", "https://news.example/briefing/tuesday", "Daily briefing", "", null),
                                item("b", "https://news.example/briefing/monday", "Daily briefing", "", null))));

        RecordingSink sink = new RecordingSink();
        source("/feed", Map.of()).fetch(Cursor.EMPTY, sink);

        assertThat(sink.documents()).hasSize(2);
        assertThat(sink.documents()).extracting(RawDocument::content).doesNotHaveDuplicates();
    }

    @Test
    void anEntryWithoutTitleIsStoredUnderTheStartOfItsTextOrItsLink() throws Exception {
        server.serve(
                "/feed",
                Answer.ok(
                        RSS,
                        rss("<item><description>The council met on Monday. It approved the budget.</description></item>"
                                + "<item><link>https://news.example/2025/03/budget</link></item>"
                                + "<item><author>nobody</author></item>")));

        RecordingSink sink = new RecordingSink();
        source("/feed", Map.of()).fetch(Cursor.EMPTY, sink);

        assertThat(sink.documents())
                .extracting(RawDocument::title)
                .containsExactly("The council met on Monday.", "news.example/2025/03/budget");
        assertThat(sink.documents().get(0).content()).isEqualTo("The council met on Monday. It approved the budget.");
        assertThat(sink.documents().get(1).content()).isEqualTo("news.example/2025/03/budget");
        assertThat(sink.documents().get(0).metadata()).containsKey("title");
        assertThat(sink.skipped()).hasSize(1);
    }

    @Test
    void reducesMarkupInTitlesToTextWhetherNakedEscapedOrInCdata() throws Exception {
        server.serve(
                "/feed",
                Answer.ok(
                        RSS,
                        rss("<item><guid>1</guid><title>Tal Afar <b>Market</b> Reopens</title>"
                                + "<description>The market reopened.</description></item>"
                                + "<item><guid>2</guid><title>Dam &lt;i&gt;holds&lt;/i&gt;</title>"
                                + "<description>It held.</description></item>"
                                + "<item><guid>3</guid><title><![CDATA[Road <em>opens</em> &amp; traffic flows]]>"
                                + "</title><description>It opened.</description></item>")));

        RecordingSink sink = new RecordingSink();
        source("/feed", Map.of()).fetch(Cursor.EMPTY, sink);

        assertThat(sink.documents())
                .extracting(RawDocument::title)
                .containsExactly("Tal Afar Market Reopens", "Dam holds", "Road opens & traffic flows");
    }

    @Test
    void readsRss11() throws Exception {
        server.serve(
                "/feed",
                Answer.ok(
                        "application/xml",
                        """
                        <?xml version="1.0" encoding="utf-8"?>
                        <Channel xmlns="http://purl.org/net/rss1.1#"
                                 xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
                                 xmlns:dc="http://purl.org/dc/elements/1.1/"
                                 rdf:about="https://news.example/rss11">
                          <title>River News</title>
                          <link>https://news.example/</link>
                          <description>News of the river</description>
                          <items rdf:parseType="Collection">
                            <item rdf:about="https://news.example/ferry">
                              <title>Ferry Returns to Service</title>
                              <link>https://news.example/ferry</link>
                              <description>The ferry crossed the river again on Sunday.</description>
                              <dc:date>2025-03-09T10:00:00Z</dc:date>
                            </item>
                            <item rdf:about="https://news.example/bridge">
                              <title>Bridge Inspected</title>
                              <link>/bridge</link>
                            </item>
                          </items>
                        </Channel>
                        """));

        RecordingSink sink = new RecordingSink();
        source("/feed", Map.of()).fetch(Cursor.EMPTY, sink);

        assertThat(sink.documents())
                .extracting(RawDocument::title)
                .containsExactly("Ferry Returns to Service", "Bridge Inspected");
        RawDocument ferry = sink.documents().get(0);
        assertThat(ferry.content()).isEqualTo("The ferry crossed the river again on Sunday.");
        assertThat(ferry.publishedAt()).isEqualTo(Instant.parse("2025-03-09T10:00:00Z"));
        assertThat(ferry.metadata()).containsEntry("feed", "River News");
        assertThat(sink.documents().get(1).url()).isEqualTo("https://news.example/bridge");
    }

    @Test
    void readsJsonFeedWhateverTheAddressAnswersWith() throws Exception {
        String feed =
                """
                {"version": "https://jsonfeed.org/version/1.1", "title": "Desert Dispatch",
                 "home_page_url": "https://dispatch.example/", "language": "en-GB",
                 "items": [
                   {"id": 2, "url": "/2025/03/well", "title": "Village Well Reopens",
                    "content_html": "<p>The well reopened.</p><p>Engineers replaced the pump.</p>",
                    "date_published": "2025-03-11T09:00:00+01:00", "authors": [{"name": "R. Haddad"}],
                    "tags": ["water"], "attachments": [{"url": "https://dispatch.example/well.mp3"}]},
                   {"id": "dispatch-1", "external_url": "https://elsewhere.example/road",
                    "content_text": "The road was marked with new cairns. Volunteers did the work."}
                 ]}
                """;
        server.serve("/feed.json", Answer.ok("application/feed+json", feed));
        server.serve("/feed", Answer.ok("text/plain", feed.replace("version/1.1", "version/1")));

        RecordingSink sink = new RecordingSink();
        source("/feed.json", Map.of()).fetch(Cursor.EMPTY, sink);
        RecordingSink sniffed = new RecordingSink();
        source("/feed", Map.of()).fetch(Cursor.EMPTY, sniffed);

        assertThat(sink.documents()).hasSize(2);
        RawDocument well = sink.documents().get(0);
        assertThat(well.externalId()).isEqualTo("2");
        assertThat(well.url()).isEqualTo("https://dispatch.example/2025/03/well");
        assertThat(well.title()).isEqualTo("Village Well Reopens");
        assertThat(well.content()).isEqualTo("The well reopened.\n\nEngineers replaced the pump.");
        assertThat(well.publishedAt()).isEqualTo(Instant.parse("2025-03-11T08:00:00Z"));
        assertThat(well.language()).isEqualTo("en");
        assertThat(well.metadata())
                .containsEntry("feed", "Desert Dispatch")
                .containsEntry("author", "R. Haddad")
                .containsEntry("enclosures", "https://dispatch.example/well.mp3");
        RawDocument road = sink.documents().get(1);
        assertThat(road.url()).isEqualTo("https://elsewhere.example/road");
        assertThat(road.title()).isEqualTo("The road was marked with new cairns.");
        assertThat(sniffed.documents())
                .extracting(RawDocument::title)
                .containsExactly("Village Well Reopens", "The road was marked with new cairns.");
    }

    @Test
    void refusesJsonThatIsNoJsonFeed() {
        server.serve("/feed", Answer.ok("application/json", "{\"hello\": \"world\"}"));

        assertThatThrownBy(() -> source("/feed", Map.of()).fetch(Cursor.EMPTY, new RecordingSink()))
                .isInstanceOf(PermanentFailureException.class)
                .hasMessageContaining("no JSON Feed");
    }

    @Test
    void signsInWithBasicCookiesAndHeadersButOnlyAtTheFeedsOwnSite() throws Exception {
        String article =
                "<html><body><article><p>" + "Story text, told at length. ".repeat(40) + "</p></article></body></html>";
        try (FeedServer elsewhere = new FeedServer()) {
            elsewhere.serve("/story", Answer.ok("text/html", article));
            server.serve("/story", Answer.ok("text/html", article));
            server.serve(
                    "/feed",
                    Answer.ok(
                            RSS,
                            rss(
                                    item("1", server.uri("/story").toString(), "Own", "summary", null),
                                    item(
                                            "2",
                                            "http://localhost:"
                                                    + elsewhere.uri("/").getPort() + "/story",
                                            "Elsewhere",
                                            "summary",
                                            null))));
            Source source = source(
                    "/feed",
                    Map.of(
                            "username", "reader",
                            "password", "s3cret:pass",
                            "cookies", "session=abc; region=eu",
                            "headers", "X-Api-Key: key-123\nAccept-Language: en",
                            "full-text", "true"));

            source.fetch(Cursor.EMPTY, new RecordingSink());

            FeedServer.Request feed = server.requests().get(0);
            assertThat(feed.header("Authorization")).isEqualTo("Basic cmVhZGVyOnMzY3JldDpwYXNz");
            assertThat(feed.header("Cookie")).isEqualTo("session=abc; region=eu");
            assertThat(feed.header("X-Api-Key")).isEqualTo("key-123");
            assertThat(server.requests().get(1).header("X-Api-Key")).isEqualTo("key-123");
            FeedServer.Request foreign = elsewhere.requests().get(0);
            assertThat(foreign.header("Authorization")).isNull();
            assertThat(foreign.header("Cookie")).isNull();
            assertThat(foreign.header("X-Api-Key")).isNull();
        }
    }

    @Test
    void refusesAHeaderLineThatIsNoHeaderNamingTheSetting() {
        assertThatThrownBy(() -> source("/feed", Map.of("headers", "X-Ok: 1\nnot a header")))
                .isInstanceOf(PermanentFailureException.class)
                .hasMessageContaining("headers: line 2");
        assertThatThrownBy(() -> source("/feed", Map.of("headers", "Host: evil.example")))
                .isInstanceOf(PermanentFailureException.class)
                .hasMessageContaining("Host");
    }

    @Test
    void declaresTheCredentialSettingsSecret() {
        var spec = new RssSourceFactory().configSpec();
        assertThat(spec.field("password").orElseThrow().secret()).isTrue();
        assertThat(spec.field("cookies").orElseThrow().secret()).isTrue();
        assertThat(spec.field("headers").orElseThrow().secret()).isTrue();
        assertThat(spec.field("username").orElseThrow().secret()).isFalse();
    }

    @Test
    void tellsThePlatformAboutTheWebSubHubAFeedAdvertises() throws Exception {
        server.serve(
                "/atom",
                Answer.ok(
                        "application/atom+xml",
                        """
                        <feed xmlns="http://www.w3.org/2005/Atom"><title>Hubbed</title>
                          <link rel="hub" href="https://hub.example/"/>
                          <link rel="self" href="https://news.example/atom"/>
                          <entry><id>1</id><title>One</title><summary>text</summary></entry>
                        </feed>
                        """));
        server.serve(
                "/rss",
                new Answer(
                        200,
                        Map.of(
                                "Content-Type",
                                RSS,
                                "Link",
                                "<https://hub.example/h>; rel=\"hub\", </rss>; rel=\"self\""),
                        rssBytes(item("1", null, "t", "d", null))));
        List<PushHub> advertised = new ArrayList<>();

        sourceIn(context(advertised), "/atom").fetch(Cursor.EMPTY, new RecordingSink());
        sourceIn(context(advertised), "/rss").fetch(Cursor.EMPTY, new RecordingSink());

        assertThat(advertised)
                .containsExactly(
                        new PushHub(
                                List.of(URI.create("https://hub.example/")), URI.create("https://news.example/atom")),
                        new PushHub(List.of(URI.create("https://hub.example/h")), server.uri("/rss")));
    }

    @Test
    void readsPushedContentLikeAFetchAndRemembersIt() throws Exception {
        server.serve("/feed", Answer.ok(RSS, rss(item("g-1", "https://news.example/1", "One", "first", null))));
        Source source = source("/feed", Map.of());
        Cursor cursor = source.fetch(Cursor.EMPTY, new RecordingSink());
        String both = rss(
                item("g-2", "https://news.example/2", "Two", "second", null),
                item("g-1", "https://news.example/1", "One", "first", null));

        RecordingSink pushed = new RecordingSink();
        cursor = source.receive(cursor, new PushedContent(RSS, both.getBytes(StandardCharsets.UTF_8)), pushed);
        server.serve("/feed", Answer.ok(RSS, both));
        RecordingSink polled = new RecordingSink();
        source.fetch(cursor, polled);

        assertThat(pushed.documents()).extracting(RawDocument::externalId).containsExactly("g-2");
        assertThat(polled.documents()).isEmpty();
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
                .hasMessageContaining("answered HTTP 404");
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

    private static FakeSourceContext context(List<PushHub> advertised) {
        return new FakeSourceContext("test-source", Clock.systemUTC(), Path.of("."), new PlainOutboundHttp()) {
            @Override
            public void advertisesPushHub(PushHub hub) {
                advertised.add(hub);
            }
        };
    }

    private Source sourceIn(FakeSourceContext context, String path) throws PermanentFailureException {
        RssSourceFactory factory = new RssSourceFactory();
        return factory.create(
                factory.configSpec().validate(Map.of("url", server.uri(path).toString())), context);
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
