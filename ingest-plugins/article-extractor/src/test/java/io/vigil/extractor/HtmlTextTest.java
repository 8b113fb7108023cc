package io.vigil.extractor;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HtmlTextTest {

    @Test
    void keepsParagraphsApartAndCollapsesWhitespace() {
        String html = "<p>First   paragraph,\n split over lines.</p><div>Second <b>bold</b> one.</div><ul><li>item"
                + " one</li><li>item two</li></ul>";

        assertThat(HtmlText.of(html))
                .isEqualTo("First paragraph, split over lines.\n\nSecond bold one.\n\nitem one\n\nitem two");
    }

    @Test
    void treatsTwoLineBreaksAsAParagraphBreakAndOneAsALineBreak() {
        assertThat(HtmlText.of("one<br>two<br><br>three")).isEqualTo("one\ntwo\n\nthree");
    }

    @Test
    void leavesOutScriptsStylesAndHiddenElements() {
        String html = "<p>Visible</p><script>alert('x')</script><style>p{}</style><p hidden>secret</p>"
                + "<p style=\"display: none\">also secret</p>";

        assertThat(HtmlText.of(html)).isEqualTo("Visible");
    }

    @Test
    void decodesEntitiesAndKeepsPlainTextParagraphs() {
        assertThat(HtmlText.of("Fish &amp; Chips &lt;3")).isEqualTo("Fish & Chips <3");
        assertThat(HtmlText.of("plain  text\n\n\nnext   paragraph")).isEqualTo("plain text\n\nnext paragraph");
    }
}
