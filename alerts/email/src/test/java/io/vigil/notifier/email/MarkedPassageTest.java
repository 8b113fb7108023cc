package io.vigil.notifier.email;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.notifier.email.MarkedPassage.Segment;
import io.vigil.spi.notify.Notification.Passage;
import io.vigil.spi.notify.Notification.Span;
import java.util.List;
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
    void mergesOverlappingAndTouchingSpans() {
        MarkedPassage passage =
                MarkedPassage.of(new Passage("abcdefgh", List.of(new Span(4, 6), new Span(1, 3), new Span(2, 4))));

        assertThat(passage.withGuillemets()).isEqualTo("a«bcdef»gh");
    }

    @Test
    void clampsSpansThatRunPastTheTextAndDropsEmptyOnes() {
        MarkedPassage passage =
                MarkedPassage.of(new Passage("short", List.of(new Span(3, 99), new Span(2, 2), new Span(-4, 1))));

        assertThat(passage.withGuillemets()).isEqualTo("«s»ho«rt»");
    }

    @Test
    void putsAPassageOnOneLine() {
        MarkedPassage passage = MarkedPassage.of(new Passage("first line\n\n  second\tline", List.of()));

        assertThat(passage.withGuillemets()).isEqualTo("first line second line");
    }
}
