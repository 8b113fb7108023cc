package io.vigil.engine.extract;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TextCleanerTest {

    @Test
    void unifiesLineEndingsAndTrimsEveryLine() {
        assertThat(TextCleaner.normalizeBody("  First line. \r\nSecond line.\rThird line.\t\n"))
                .isEqualTo("First line.\nSecond line.\nThird line.");
    }

    @Test
    void collapsesRunsOfBlankLinesToOne() {
        assertThat(TextCleaner.normalizeBody("\n\nOne.\n\n\n \n\t\nTwo.\n\n\n")).isEqualTo("One.\n\nTwo.");
    }

    @Test
    void treatsNoBreakSpacesAndAByteOrderMarkAsWhitespace() {
        assertThat(TextCleaner.normalizeBody("\uFEFF\u00A0One.\u00A0\n\u00A0\nTwo."))
                .isEqualTo("One.\n\nTwo.");
    }

    @Test
    void returnsAnEmptyBodyForNullOrWhitespace() {
        assertThat(TextCleaner.normalizeBody(null)).isEmpty();
        assertThat(TextCleaner.normalizeBody("")).isEmpty();
        assertThat(TextCleaner.normalizeBody(" \r\n\t\n\u00A0")).isEmpty();
    }

    @Test
    void leavesCleanTextUnchanged() {
        String clean = "One paragraph.\n\nAnother paragraph.";

        assertThat(TextCleaner.normalizeBody(clean)).isEqualTo(clean);
    }
}
