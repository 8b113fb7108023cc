package io.vigil.extractor;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ArticleExtractorTest {

    private static final String PAGE =
            """
            <!doctype html>
            <html lang="en-GB"><head>
              <title>Dam holds after record rain | Example News</title>
              <meta property="article:published_time" content="2024-05-02T06:30:00+01:00">
            </head><body>
              <header class="site-header"><a href="/">Example News</a> <a href="/world">World</a></header>
              <nav class="menu"><ul><li><a href="/a">Home</a></li><li><a href="/b">Politics</a></li></ul></nav>
              <div id="main-content">
                <article class="story-body">
                  <h1>Dam holds after record rain</h1>
                  <p>The dam above the old town held overnight, engineers said, after the heaviest rain in a
                  century filled the reservoir to within a metre of its crest.</p>
                  <div class="share-tools"><a href="https://twitter.com/share">Share on Twitter</a></div>
                  <p>Residents of the valley, who had been told to leave on Tuesday, were allowed back on
                  Wednesday afternoon, although roads along the river remain closed, the council said.</p>
                  <p>"We were lucky," said the mayor, who thanked the <a href="https://example.com/crews">crews</a>
                  that worked through the night, and promised a review of the warning system.</p>
                  <p>Advertisement</p>
                </article>
                <aside class="sidebar"><h3>Most read</h3><ul><li><a href="/x">Celebrity news, gossip</a></li></ul></aside>
                <section id="comments"><p>First! This is a reader comment that should never be article text.</p></section>
              </div>
              <footer><p>© Example News, all rights reserved, including the right to be boring.</p></footer>
            </body></html>
            """;

    @Test
    void keepsTheArticleParagraphsAndDropsThePageFurniture() {
        ExtractedPage page = ArticleExtractor.extract(PAGE, URI.create("https://example.com/world/dam"));

        assertThat(page.text())
                .startsWith("The dam above the old town held overnight")
                .contains("\n\nResidents of the valley")
                .contains("\n\n\"We were lucky,\"")
                .doesNotContain(
                        "Share on Twitter",
                        "Most read",
                        "reader comment",
                        "Advertisement",
                        "rights reserved",
                        "Politics");
        assertThat(page.hasArticle()).isTrue();
    }

    @Test
    void readsTheTitleDateAndLanguage() {
        ExtractedPage page = ArticleExtractor.extract(PAGE, URI.create("https://example.com/world/dam"));

        assertThat(page.title()).isEqualTo("Dam holds after record rain");
        assertThat(page.publishedAt()).isEqualTo(Instant.parse("2024-05-02T05:30:00Z"));
        assertThat(page.language()).isEqualTo("en");
    }

    @Test
    void resolvesTheLinksInsideTheArticle() {
        ExtractedPage page = ArticleExtractor.extract(PAGE, URI.create("https://example.com/world/dam"));

        assertThat(page.links()).containsExactly(URI.create("https://example.com/crews"));
    }

    @Test
    void findsNothingInAPageWithoutAnArticle() {
        ExtractedPage page = ArticleExtractor.extract(
                "<html><body><nav><a href='/'>Home</a></nav></body></html>", URI.create("https://example.com/"));

        assertThat(page.hasArticle()).isFalse();
        assertThat(page.published()).isEmpty();
    }

    @Test
    void readsARepeatedPassageOnceAndKeepsShortLinesThatRecur() {
        String quote = "\"Every card was a small decision somebody made about a book.\"";
        String paragraph = "\"It felt like the end,\" she said. \"Every card was a small decision somebody made about a"
                + " book. But nobody used the drawers any more.\"";
        String twice = "The library will keep its opening hours on Tuesday and Saturday mornings, the council said.";

        assertThat(ArticleExtractor.withoutRepeats(java.util.List.of(
                        quote, paragraph, twice, "Marta Huber, librarian", twice, "Marta Huber, librarian")))
                .containsExactly(paragraph, "Marta Huber, librarian", twice, "Marta Huber, librarian");
    }

    @Test
    void readsAnArticleWrappedInThousandsOfLevelsOfNesting() {
        // Deeper than the parser builds: the article's paragraphs end up beside the deepest element, not lost.
        String wrapped = "<html><head><title>Dam holds after record rain</title></head><body>"
                + "<div>".repeat(5_000) + PAGE.substring(PAGE.indexOf("<article"), PAGE.indexOf("</article>") + 10)
                + "</div>".repeat(5_000) + "</body></html>";

        ExtractedPage page = ArticleExtractor.extract(wrapped, URI.create("https://example.com/world/dam"));

        assertThat(page.text())
                .startsWith("The dam above the old town held overnight")
                .contains("promised a review of the warning system.");
    }

    @Test
    void refusesAPageWithFarMoreElementsThanAnArticlePageAndSaysWhy() {
        String flood = "<html><body>" + "<p>word ".repeat(BoundedHtml.MAX_ELEMENTS) + "</body></html>";
        URI base = URI.create("https://example.com/");

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ArticleExtractor.extract(flood, base))
                .isInstanceOf(PageTooComplexException.class)
                .hasMessageContaining("more than 50000 elements");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ListingLinks.find(flood, base, null))
                .isInstanceOf(PageTooComplexException.class);
        // One start tag fewer is read as usual.
        String most = "<html><body>" + "<p>word ".repeat(BoundedHtml.MAX_ELEMENTS - 2) + "</body></html>";
        assertThat(ArticleExtractor.extract(most, base).text()).startsWith("word\n\nword");
    }

    @Test
    void countsWhatTheParserTakesForStartTags() {
        assertThat(BoundedHtml.startTags("<p>a < b <3 <!-- c --> </p><br/><", 100))
                .isEqualTo(2);
        assertThat(BoundedHtml.startTags("<a><b><c>", 2)).isEqualTo(2);
    }
}
