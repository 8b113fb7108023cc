package io.vigil.extractor;

import static org.assertj.core.api.Assertions.assertThat;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

class SubtreeCountsTest {

    private static final String PAGE = "<div id=outer>\n  <p>One, two,\u00a0 three\u00ad.</p>\n"
            + "  <div id=inner><p>Four, <a href=/x>five</a>、six</p>\u200b<pre>  seven ,  </pre></div>\n</div>";

    @Test
    void countsWhatTextKeepsOfEachElement() {
        Document page = Jsoup.parse(PAGE);
        SubtreeCounts counts = SubtreeCounts.of(page.body());

        for (Element element : page.body().getAllElements()) {
            String text = element.text();
            assertThat(counts.commas(element))
                    .as(element.cssSelector())
                    .isEqualTo(text.chars()
                            .filter(c -> ArticleExtractor.isComma((char) c))
                            .count());
            assertThat(counts.visibleAtLeast(element)).as(element.cssSelector()).isLessThanOrEqualTo(text.length());
        }
        assertThat(counts.visibleAtLeast(page.getElementById("outer")))
                .isEqualTo("One,two,three.Four,five、sixseven,".length());
        assertThat(counts.hasAnchor(page.getElementById("inner"))).isTrue();
        assertThat(counts.hasAnchor(page.selectFirst("p"))).isFalse();
    }

    @Test
    void forgetsWhatIsRemoved() {
        Document page = Jsoup.parse(PAGE);
        SubtreeCounts counts = SubtreeCounts.of(page.body());
        Element inner = page.getElementById("inner");

        counts.removed(inner);
        inner.remove();

        Element outer = page.getElementById("outer");
        assertThat(counts.commas(outer)).isEqualTo(2);
        assertThat(counts.hasAnchor(outer)).isFalse();
        assertThat(counts.counted(new Element("div"))).isFalse();
    }
}
