package io.vigil.spi.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.spi.notify.MarkedPassage.Segment;
import io.vigil.spi.notify.Notification.Passage;
import io.vigil.spi.notify.Notification.Span;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class MarkedPassageTest {

    @Test
    void cutsAPassageIntoPlainAndMarkedSegments() {
        MarkedPassage passage = MarkedPassage.of(new Passage("troops in Mosul today", List.of(new Span(10, 15))));

        assertThat(passage.segments())
                .containsExactly(
                        new Segment("troops in ", false), new Segment("Mosul", true), new Segment(" today", false));
    }

    @Test
    void leavesNoEmptySegmentWhereAMarkTouchesAnEnd() {
        MarkedPassage passage = MarkedPassage.of(new Passage("Mosul", List.of(new Span(0, 5))));

        assertThat(passage.segments()).containsExactly(new Segment("Mosul", true));
    }

    @Test
    void mergesOverlappingAndTouchingSpans() {
        MarkedPassage passage =
                MarkedPassage.of(new Passage("abcdefgh", List.of(new Span(4, 6), new Span(1, 3), new Span(2, 4))));

        assertThat(passage.marks()).containsExactly(new Span(1, 6));
        assertThat(passage.render(UnaryOperator.identity(), "[", "]")).isEqualTo("a[bcdef]gh");
    }

    @Test
    void clampsSpansThatRunPastTheTextAndDropsEmptyOnes() {
        MarkedPassage passage =
                MarkedPassage.of(new Passage("short", List.of(new Span(3, 99), new Span(2, 2), new Span(-4, 1))));

        assertThat(passage.marks()).containsExactly(new Span(0, 1), new Span(3, 5));
        assertThat(passage.render(UnaryOperator.identity(), "[", "]")).isEqualTo("[s]ho[rt]");
    }

    @Test
    void takesAMissingTextAsEmpty() {
        MarkedPassage passage = MarkedPassage.of(new Passage(null, List.of(new Span(0, 3))));

        assertThat(passage.text()).isEmpty();
        assertThat(passage.marks()).isEmpty();
        assertThat(passage.segments()).isEmpty();
    }

    @Test
    void escapesTheTextButNotTheMarkers() {
        MarkedPassage passage = MarkedPassage.of(new Passage("a<b>c", List.of(new Span(1, 4))));

        assertThat(passage.render(raw -> raw.replace("<", "&lt;").replace(">", "&gt;"), "<mark>", "</mark>"))
                .isEqualTo("a<mark>&lt;b&gt;</mark>c");
    }
}
