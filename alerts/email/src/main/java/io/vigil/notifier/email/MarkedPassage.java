package io.vigil.notifier.email;

import io.vigil.spi.notify.Notification.Passage;
import io.vigil.spi.notify.Notification.Span;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A matched passage cut into plain and marked segments, ready for a template to wrap the marked ones.
 *
 * <p>Spans come from rule plugins and are not trusted to be tidy: out-of-range ends are clamped, overlapping or
 * touching spans merged and empty ones dropped, so a template never marks the same characters twice. Runs of white
 * space (line breaks of the page dump) become one space, which keeps a passage on one line of the text part.
 *
 * @param segments the passage in order; joined, their texts give the passage
 */
public record MarkedPassage(List<Segment> segments) {

    /** A piece of a passage, marked when it matched. */
    public record Segment(String text, boolean marked) {}

    public MarkedPassage {
        segments = List.copyOf(segments);
    }

    static MarkedPassage of(Passage passage) {
        String text = passage.text() == null ? "" : passage.text();
        List<Span> spans = new ArrayList<>();
        for (Span span : passage.marks()) {
            int start = Math.max(0, Math.min(span.start(), text.length()));
            int end = Math.max(start, Math.min(span.end(), text.length()));
            if (end > start) {
                spans.add(new Span(start, end));
            }
        }
        spans.sort(Comparator.comparingInt(Span::start));
        List<Segment> segments = new ArrayList<>();
        int at = 0;
        int index = 0;
        while (index < spans.size()) {
            int start = spans.get(index).start();
            int end = spans.get(index).end();
            index++;
            while (index < spans.size() && spans.get(index).start() <= end) {
                end = Math.max(end, spans.get(index).end());
                index++;
            }
            add(segments, text.substring(at, start), false);
            add(segments, text.substring(start, end), true);
            at = end;
        }
        add(segments, text.substring(at), false);
        return new MarkedPassage(segments);
    }

    private static void add(List<Segment> segments, String text, boolean marked) {
        String oneLine = text.replaceAll("\\s+", " ");
        if (!oneLine.isEmpty()) {
            segments.add(new Segment(oneLine, marked));
        }
    }

    /** The passage for plain text, each marked segment between guillemets: {@code the «fortifications» of}. */
    public String withGuillemets() {
        StringBuilder out = new StringBuilder();
        for (Segment segment : segments) {
            out.append(segment.marked() ? "\u00ab" + segment.text() + "\u00bb" : segment.text());
        }
        return out.toString().strip();
    }
}
