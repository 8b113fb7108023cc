package io.vigil.extractor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;

class ListingLinksTest {

    private static final URI SECTION = URI.create("https://news.example.com/world/");

    private static final String LISTING =
            """
            <html><body>
            <header><a href="/2024/05/01/header-story-that-is-navigation">Header story</a></header>
            <nav><a href="/politics/">Politics</a><a href="/sport/">Sport</a></nav>
            <main>
              <article><h2><a href="/world/2024/05/02/floods-reach-the-capital">Floods reach the capital</a></h2></article>
              <article><h2><a href="/world/ministers-meet-over-the-border-dispute">Ministers meet</a></h2></article>
              <article><h2><a href="https://www.example.com/world/article-12345678">Short</a></h2></article>
              <article><h2><a href="/world/2024/05/02/floods-reach-the-capital#comments">12 comments</a></h2></article>
              <a href="/tag/floods">Everything about floods and the rain this year</a>
              <a href="/author/jane-doe-smith-reporter">Jane Doe Smith, reporter</a>
              <a href="https://elsewhere.example.org/2024/05/02/other-site-story">Other site's big story today</a>
              <a href="mailto:desk@example.com">Write to the desk, we read everything</a>
              <a href="/world/">World</a>
            </main>
            <footer><a href="/2024/05/01/footer-link-to-an-archive-story">Archive</a></footer>
            </body></html>
            """;

    @Test
    void findsArticleLinksOnTheSameSiteOutsideTheNavigation() {
        assertThat(ListingLinks.find(LISTING, SECTION, null))
                .containsExactly(
                        URI.create("https://news.example.com/world/2024/05/02/floods-reach-the-capital"),
                        URI.create("https://news.example.com/world/ministers-meet-over-the-border-dispute"),
                        URI.create("https://www.example.com/world/article-12345678"));
    }

    @Test
    void takesExactlyWhatACssSelectorMatches() {
        assertThat(ListingLinks.find(LISTING, SECTION, "nav"))
                .containsExactly(
                        URI.create("https://news.example.com/politics/"),
                        URI.create("https://news.example.com/sport/"));
    }

    @Test
    void refusesASelectorThatIsNotCss() {
        assertThatThrownBy(() -> ListingLinks.validateSelector("article >> ["))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a valid CSS selector");
    }
}
