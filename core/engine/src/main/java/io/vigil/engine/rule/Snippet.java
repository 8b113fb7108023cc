package io.vigil.engine.rule;

import io.vigil.spi.notify.MarkedPassage;
import io.vigil.spi.notify.Notification;
import java.util.List;
import java.util.Objects;

/**
 * A short passage of an article with the words that made a rule match marked, for previews, alerts and e-mails.
 *
 * @param field the field the passage comes from ({@code title} or {@code body})
 * @param text the passage as plain text, possibly with leading or trailing "…"
 * @param marks the marked ranges of {@code text}, ascending and not overlapping
 */
public record Snippet(String field, String text, List<Span> marks) {
    public Snippet {
        Objects.requireNonNull(field, "field is null");
        Objects.requireNonNull(text, "text is null");
        marks = List.copyOf(marks);
        int previousEnd = 0;
        for (Span mark : marks) {
            if (mark.start() < previousEnd || mark.end() > text.length()) {
                throw new IllegalArgumentException("marks must be ascending, disjoint and inside the text");
            }
            previousEnd = mark.end();
        }
    }

    /**
     * The passage as HTML: the text escaped (article text is untrusted: it must never become markup) and each mark
     * wrapped in {@code <mark>}.
     */
    public String toHtml() {
        List<Notification.Span> spans = marks.stream()
                .map(mark -> new Notification.Span(mark.start(), mark.end()))
                .toList();
        return new MarkedPassage(text, spans).html();
    }
}
