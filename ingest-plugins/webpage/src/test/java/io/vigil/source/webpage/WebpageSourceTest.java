package io.vigil.source.webpage;

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
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WebpageSourceTest {

    @TempDir
    Path folder;

    private final PageServer server = newServer();

    @AfterEach
    void stopServer() {
        server.close();
    }

    @Test
    void extractsEachArticleTheListingLinksTo() throws Exception {
        server.page(
                "/world/", listing("/world/2024/05/02/floods-reach-the-capital", "/world/2024/05/02/ministers-meet"));
        server.page("/world/2024/05/02/floods-reach-the-capital", article("Floods reach the capital", "The river"));
        server.page("/world/2024/05/02/ministers-meet", article("Ministers meet", "The ministers"));

        RecordingSink sink = new RecordingSink();
        source(Map.of()).fetch(Cursor.EMPTY, sink);

        assertThat(sink.documents())
                .extracting(RawDocument::title)
                .containsExactly("Floods reach the capital", "Ministers meet");
        RawDocument first = sink.documents().get(0);
        assertThat(first.externalId())
                .isEqualTo(
                        server.uri("/world/2024/05/02/floods-reach-the-capital").toString());
        assertThat(first.format()).isEqualTo(ContentFormat.TEXT);
        assertThat(first.content()).startsWith("The river rose").contains("\n\nA second paragraph");
        assertThat(first.content()).doesNotContain("Home", "Most read");
        assertThat(first.publishedAt()).isEqualTo(Instant.parse("2024-05-02T06:00:00Z"));
        assertThat(first.language()).isEqualTo("en");
    }

    @Test
    void signsInWithBasicCookiesAndHeadersOnTheListingsSite() throws Exception {
        server.page("/world/", listing("/world/2024/05/02/floods-reach-the-capital"));
        server.page("/world/2024/05/02/floods-reach-the-capital", article("Floods reach the capital", "The river"));

        RecordingSink sink = new RecordingSink();
        source(Map.of(
                        "username", "reader",
                        "password", "pw",
                        "cookies", "session=abc",
                        "headers", "X-Api-Key: key-123"))
                .fetch(Cursor.EMPTY, sink);

        assertThat(sink.documents()).hasSize(1);
        for (String path : List.of("/world/", "/world/2024/05/02/floods-reach-the-capital")) {
            assertThat(server.lastHeader(path, "Authorization")).isEqualTo("Basic cmVhZGVyOnB3");
            assertThat(server.lastHeader(path, "Cookie")).isEqualTo("session=abc");
            assertThat(server.lastHeader(path, "X-Api-Key")).isEqualTo("key-123");
        }
        assertThat(new WebpageSourceFactory()
                        .configSpec()
                        .field("password")
                        .orElseThrow()
                        .secret())
                .isTrue();
    }

    @Test
    void laterFetchesTakeOnlyNewArticles() throws Exception {
        server.page("/world/", listing("/world/2024/05/02/floods-reach-the-capital"));
        server.page("/world/2024/05/02/floods-reach-the-capital", article("Floods reach the capital", "The river"));
        Source source = source(Map.of());
        Cursor cursor = source.fetch(Cursor.EMPTY, new RecordingSink());

        server.page(
                "/world/",
                listing("/world/2024/05/03/the-water-recedes", "/world/2024/05/02/floods-reach-the-capital"));
        server.page("/world/2024/05/03/the-water-recedes", article("The water recedes", "The water"));
        RecordingSink sink = new RecordingSink();
        source.fetch(cursor, sink);

        assertThat(sink.documents()).extracting(RawDocument::title).containsExactly("The water recedes");
    }

    @Test
    void skipsAFailingArticleWithItsReasonAndKeepsTheOthers() throws Exception {
        server.page("/world/", listing("/world/2024/05/02/gone-missing-article", "/world/2024/05/02/ministers-meet"));
        server.page("/world/2024/05/02/ministers-meet", article("Ministers meet", "The ministers"));

        RecordingSink sink = new RecordingSink();
        source(Map.of()).fetch(Cursor.EMPTY, sink);

        assertThat(sink.documents()).extracting(RawDocument::title).containsExactly("Ministers meet");
        assertThat(sink.skipped())
                .containsOnlyKeys(
                        server.uri("/world/2024/05/02/gone-missing-article").toString());
        assertThat(sink.skipped().values()).singleElement().asString().contains("404");
    }

    @Test
    void triesATemporarilyFailingArticleAgainOnTheNextFetch() throws Exception {
        server.page("/world/", listing("/world/2024/05/02/ministers-meet"));
        server.status("/world/2024/05/02/ministers-meet", 503, Map.of());
        Source source = source(Map.of());
        RecordingSink first = new RecordingSink();
        Cursor cursor = source.fetch(Cursor.EMPTY, first);

        server.page("/world/2024/05/02/ministers-meet", article("Ministers meet", "The ministers"));
        RecordingSink second = new RecordingSink();
        source.fetch(cursor, second);

        assertThat(first.skipped().values()).singleElement().asString().contains("will try again");
        assertThat(second.documents()).extracting(RawDocument::title).containsExactly("Ministers meet");
    }

    @Test
    void followsOnlyWhatTheLinkSelectorMatches() throws Exception {
        server.page(
                "/world/",
                """
                <html><body><main>
                <div class="lead"><a href="/stories/1">One</a></div>
                <div class="other"><a href="/world/2024/05/02/ministers-meet">Ministers meet over the border</a></div>
                </main></body></html>
                """);
        server.page("/stories/1", article("Story one", "The first"));

        RecordingSink sink = new RecordingSink();
        source(Map.of("link-selector", ".lead a")).fetch(Cursor.EMPTY, sink);

        assertThat(sink.documents()).extracting(RawDocument::title).containsExactly("Story one");
        assertThat(server.requested()).doesNotContain("/world/2024/05/02/ministers-meet");
    }

    @Test
    void takesAtMostMaxArticlesAndOnTheFirstFetchRemembersTheRestOfThePage() throws Exception {
        server.page(
                "/world/",
                listing(
                        "/world/2024/05/02/first-story-today",
                        "/world/2024/05/02/second-story-today",
                        "/world/2024/05/02/third-story-today"));
        for (String name : List.of("first", "second", "third")) {
            server.page("/world/2024/05/02/" + name + "-story-today", article(name, "The " + name));
        }
        Source source = source(Map.of("max-articles", "1"));

        RecordingSink first = new RecordingSink();
        Cursor cursor = source.fetch(Cursor.EMPTY, first);
        RecordingSink second = new RecordingSink();
        source.fetch(cursor, second);

        assertThat(first.documents()).extracting(RawDocument::title).containsExactly("first");
        assertThat(second.documents()).isEmpty();
    }

    @Test
    void reportsAnUnavailableListingAsTemporaryWithItsRetryAfter() {
        server.status("/world/", 503, Map.of("Retry-After", "60"));

        assertThatThrownBy(() -> source(Map.of()).fetch(Cursor.EMPTY, new RecordingSink()))
                .isInstanceOfSatisfying(TemporaryFailureException.class, e -> assertThat(e.retryAfter())
                        .contains(Duration.ofSeconds(60)));
    }

    @Test
    void reportsAMissingListingAsPermanent() {
        server.status("/world/", 404, Map.of());

        assertThatThrownBy(() -> source(Map.of()).fetch(Cursor.EMPTY, new RecordingSink()))
                .isInstanceOf(PermanentFailureException.class)
                .hasMessageContaining("404");
    }

    @Test
    void refusesASelectorThatIsNotCssWhenTheSourceIsCreated() {
        assertThatThrownBy(() -> source(Map.of("link-selector", "a[")))
                .isInstanceOf(PermanentFailureException.class)
                .hasMessageContaining("not a valid CSS selector");
    }

    private Source source(Map<String, String> settings) throws PermanentFailureException {
        WebpageSourceFactory factory = new WebpageSourceFactory();
        Map<String, String> config = new HashMap<>(settings);
        config.put("url", server.uri("/world/").toString());
        return factory.create(
                factory.configSpec().validate(config),
                FakeSourceContext.in(folder).withHttp(new PlainOutboundHttp()));
    }

    private static String listing(String... paths) {
        StringBuilder html = new StringBuilder("<html><body><nav><a href=\"/\">Home</a></nav><main>");
        for (String path : paths) {
            html.append("<article><h2><a href=\"")
                    .append(path)
                    .append("\">A headline for ")
                    .append(path)
                    .append("</a></h2></article>");
        }
        return html.append("</main></body></html>").toString();
    }

    private static String article(String title, String opening) {
        return """
                <html lang="en"><head><title>%s | Example</title>
                <meta property="og:title" content="%s">
                <meta property="article:published_time" content="2024-05-02T06:00:00Z"></head>
                <body><nav><a href="/">Home</a></nav>
                <article><h1>%s</h1>
                <p>%s rose through the night, and by the morning, officials said, it had reached the old bridge.</p>
                <p>A second paragraph, with the detail a reader wants, follows here, long enough to count.</p>
                </article>
                <aside class="sidebar"><h3>Most read</h3><a href="/x">Something else entirely</a></aside>
                </body></html>
                """
                .formatted(title, title, title, opening);
    }

    private static PageServer newServer() {
        try {
            return new PageServer();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
