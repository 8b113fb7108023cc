package io.vigil.web.feed;

import static org.assertj.core.api.Assertions.assertThat;

import com.rometools.rome.feed.atom.Feed;
import com.rometools.rome.io.WireFeedInput;
import io.vigil.engine.alert.AlertView;
import io.vigil.engine.alert.AlertView.AlertArticle;
import io.vigil.engine.alert.Feedback;
import io.vigil.engine.rule.Snippet;
import io.vigil.engine.rule.Span;
import io.vigil.web.feed.Feeds.FeedRef;
import java.io.StringReader;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** The Atom document itself: hostile article text stays text, and the XML is always readable. */
class AlertAtomTest {

    private static final Instant OPENED = Instant.parse("2026-12-02T09:00:00Z");

    private static AlertView alert(String title, String passage, String url) {
        return new AlertView(
                7,
                3,
                "Floods",
                11,
                title,
                title,
                1,
                OPENED,
                OPENED.plusSeconds(60),
                false,
                null,
                null,
                Feedback.UNJUDGED,
                null,
                null,
                null,
                null,
                List.of("flood"),
                List.of(new AlertArticle(
                        5,
                        title,
                        "Wire \u0001",
                        url,
                        OPENED,
                        List.of(new Snippet("body", passage, List.of(new Span(0, 5, "flood")))))));
    }

    private static Feed parse(String xml) throws Exception {
        return (Feed) new WireFeedInput(false, Locale.ENGLISH).build(new StringReader(xml));
    }

    @Test
    void controlCharactersFromTheWebAreDroppedSoTheDocumentStaysReadable() throws Exception {
        String xml = AlertAtom.write(
                new FeedRef(1, "Desk", 3L, "Floods", OPENED),
                List.of(alert("Flood \u0000warning\u0008", "Flood <script>alert(1)</script>", "https://a.example/1")),
                "https://vigil.example/feeds/atom/vgf_x",
                "https://vigil.example",
                id -> "https://vigil.example/alerts/" + id);

        Feed feed = parse(xml);
        assertThat(feed.getEntries().get(0).getTitle()).isEqualTo("Flood warning");
        String html = feed.getEntries().get(0).getContents().get(0).getValue();
        assertThat(html)
                .contains("<mark>Flood</mark> &lt;script&gt;alert(1)&lt;/script&gt;")
                .contains("<em>Wire , 2 Dec 2026, 09:00 UTC</em>")
                .contains("href=\"https://a.example/1\"");
    }

    @Test
    void onlyWebAddressesBecomeLinks() throws Exception {
        String html =
                AlertAtom.html(alert("Flood", "Flood waters", "javascript:alert(1)"), "https://vigil.example/a/7");

        assertThat(html).doesNotContain("javascript:").contains("href=\"https://vigil.example/a/7\"");
    }

    @Test
    void anEmptyFeedStillHasEverythingAtomRequires() throws Exception {
        Feed feed = parse(AlertAtom.write(
                new FeedRef(2, "Quiet", null, null, OPENED),
                List.of(),
                "https://vigil.example/feeds/atom/vgf_y",
                "https://vigil.example",
                id -> "https://vigil.example/alerts/" + id));

        assertThat(feed.getId()).isEqualTo("https://vigil.example/feeds/2");
        assertThat(feed.getUpdated().toInstant()).isEqualTo(OPENED);
        assertThat(feed.getAuthors()).isNotEmpty();
        assertThat(feed.getEntries()).isEmpty();
    }
}
