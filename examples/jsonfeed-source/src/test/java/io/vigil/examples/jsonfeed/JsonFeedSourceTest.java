package io.vigil.examples.jsonfeed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.spi.PermanentFailureException;
import io.vigil.spi.TemporaryFailureException;
import io.vigil.spi.source.ContentFormat;
import io.vigil.spi.source.Cursor;
import io.vigil.spi.source.RawDocument;
import io.vigil.spi.source.Source;
import io.vigil.spi.testkit.FakeSourceContext;
import io.vigil.spi.testkit.PlainOutboundHttp;
import io.vigil.spi.testkit.RecordingSink;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class JsonFeedSourceTest {

    static final String FEED =
            """
            {
              "version": "https://jsonfeed.org/version/1.1",
              "title": "Harbour Gazette",
              "home_page_url": "https://gazette.example/",
              "language": "en",
              "items": [
                {
                  "id": "2",
                  "url": "/2025/03/ferry-strike",
                  "title": "Ferry Crews Strike Over Rosters",
                  "content_text": "Ferry crews walked out on Monday over new rosters.\\n\\nServices were cancelled.",
                  "date_published": "2025-03-10T08:30:00+01:00",
                  "authors": [{"name": "A. Reporter"}],
                  "tags": ["transport", "labour"]
                },
                {
                  "id": 1,
                  "url": "https://gazette.example/2025/03/harbour-dredging",
                  "title": "Harbour Dredging Begins",
                  "content_html": "<p>Dredging of the harbour began on Sunday.</p>",
                  "language": "fr"
                }
              ]
            }
            """;

    final FeedServer server;
    final PlainOutboundHttp http = new PlainOutboundHttp();

    JsonFeedSourceTest() throws Exception {
        server = new FeedServer();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    Source source(String path, String maxItems) throws Exception {
        JsonFeedSourceFactory factory = new JsonFeedSourceFactory();
        return factory.create(
                factory.configSpec().validate(Map.of("url", server.url(path), "max-items", maxItems)),
                FakeSourceContext.in(Path.of(".")).withHttp(http));
    }

    @Test
    void handsOverEachItemWithTitleLinkDateLanguageAndText() throws Exception {
        server.serve("/feed.json", FEED);
        RecordingSink sink = new RecordingSink();

        source("/feed.json", "100").fetch(Cursor.EMPTY, sink);

        assertThat(sink.documents()).extracting(RawDocument::title)
                .containsExactly("Ferry Crews Strike Over Rosters", "Harbour Dredging Begins");
        RawDocument strike = sink.documents().get(0);
        assertThat(strike.externalId()).isEqualTo("2");
        assertThat(strike.url()).isEqualTo(server.url("/2025/03/ferry-strike"));
        assertThat(strike.publishedAt()).isEqualTo(Instant.parse("2025-03-10T07:30:00Z"));
        assertThat(strike.language()).isEqualTo("en");
        assertThat(strike.format()).isEqualTo(ContentFormat.TEXT);
        assertThat(strike.metadata())
                .containsEntry("feed", "Harbour Gazette")
                .containsEntry("authors", "A. Reporter")
                .containsEntry("tags", "transport, labour");
        RawDocument dredging = sink.documents().get(1);
        assertThat(dredging.externalId()).isEqualTo("1");
        assertThat(dredging.format()).isEqualTo(ContentFormat.HTML);
        assertThat(dredging.language()).isEqualTo("fr");
    }

    @Test
    void anUnchangedFeedAddsNothingAndANewItemIsFoundByItsId() throws Exception {
        server.serve("/feed.json", FEED);
        Source source = source("/feed.json", "100");
        Cursor cursor = source.fetch(Cursor.EMPTY, new RecordingSink());

        RecordingSink unchanged = new RecordingSink();
        Cursor same = source.fetch(cursor, unchanged);
        assertThat(unchanged.documents()).isEmpty();
        assertThat(same).isEqualTo(cursor);

        server.serve(
                "/feed.json",
                FEED.replace(
                        "\"items\": [",
                        """
                        "items": [
                          {"id": "3", "title": "Pier Reopens", "content_text": "The pier reopened."},
                        """));
        RecordingSink later = new RecordingSink();
        source.fetch(same, later);
        assertThat(later.documents()).extracting(RawDocument::title).containsExactly("Pier Reopens");
    }

    @Test
    void theFirstFetchTakesAtMostMaxItemsAndRemembersTheRest() throws Exception {
        server.serve("/feed.json", FEED);
        Source source = source("/feed.json", "1");
        RecordingSink first = new RecordingSink();

        Cursor cursor = source.fetch(Cursor.EMPTY, first);

        assertThat(first.documents()).hasSize(1);
        assertThat(cursor.get("seen").orElseThrow().split("\n")).containsExactlyInAnyOrder("1", "2");
    }

    @Test
    void aDocumentThatIsNoJsonFeedIsAPermanentFailureThatSaysSo() throws Exception {
        server.answer("/page", 200, "text/html", "<html><body>Hello</body></html>", Map.of());
        server.answer("/other.json", 200, "application/json", "{\"hello\": \"world\"}", Map.of());

        assertThatThrownBy(() -> source("/page", "100").fetch(Cursor.EMPTY, new RecordingSink()))
                .isInstanceOf(PermanentFailureException.class)
                .hasMessageContaining("is not a JSON Feed: the document is not valid JSON at line 1 column 1");
        assertThatThrownBy(() -> source("/other.json", "100").fetch(Cursor.EMPTY, new RecordingSink()))
                .isInstanceOf(PermanentFailureException.class)
                .hasMessageContaining("\"version\"");
        assertThatThrownBy(() -> source("/missing.json", "100").fetch(Cursor.EMPTY, new RecordingSink()))
                .isInstanceOf(PermanentFailureException.class)
                .hasMessageContaining("HTTP 404");
    }

    @Test
    void aBusyServerIsATemporaryFailureCarryingItsRetryAfter() throws Exception {
        server.answer("/feed.json", 503, "text/plain", "busy", Map.of("Retry-After", "120"));

        assertThatThrownBy(() -> source("/feed.json", "100").fetch(Cursor.EMPTY, new RecordingSink()))
                .isInstanceOfSatisfying(
                        TemporaryFailureException.class,
                        e -> assertThat(e.retryAfter()).contains(Duration.ofSeconds(120)));
    }

    @Test
    void itemsWithoutIdOrContentAreSkippedWithAReason() throws Exception {
        server.serve(
                "/feed.json",
                """
                {"version": "https://jsonfeed.org/version/1.1", "title": "T", "items": [
                  {"url": "https://gazette.example/no-id", "title": "No id", "content_text": "x"},
                  {"id": "empty", "title": "Nothing to read"},
                  {"id": "ok", "title": "Fine", "summary": "A summary only."}
                ]}
                """);
        RecordingSink sink = new RecordingSink();

        source("/feed.json", "100").fetch(Cursor.EMPTY, sink);

        assertThat(sink.documents()).extracting(RawDocument::externalId).containsExactly("ok");
        assertThat(sink.skipped())
                .containsEntry("https://gazette.example/no-id", "no id")
                .containsEntry("empty", "no content_text, content_html or summary");
    }
}
