package io.vigil.notifier.email;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.notifier.email.EmailView.PassageView;
import io.vigil.spi.notify.MarkedPassage.Segment;
import io.vigil.spi.notify.Notification.Passage;
import io.vigil.spi.notify.Notification.Span;
import java.util.List;
import org.junit.jupiter.api.Test;

class PassageViewTest {

    @Test
    void putsAPassageOnOneLine() {
        PassageView passage = PassageView.of(new Passage("first line\n\n  second\tline", List.of()));

        assertThat(passage.withGuillemets()).isEqualTo("first line second line");
    }

    @Test
    void marksMatchedPiecesBetweenGuillemetsAndInSegments() {
        PassageView passage =
                PassageView.of(new Passage("troops\nin  Mosul\ttoday ", List.of(new Span(11, 16), new Span(14, 17))));

        assertThat(passage.withGuillemets()).isEqualTo("troops in «Mosul »today");
        assertThat(passage.segments())
                .containsExactly(
                        new Segment("troops in ", false), new Segment("Mosul ", true), new Segment("today ", false));
    }
}
