package io.vigil.spi.notify;

import io.vigil.spi.notify.Notification.Passage;
import io.vigil.spi.notify.Notification.Span;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * A matched passage with tidy marks, from which a notifier draws the passage in its channel's markup: HTML
 * {@code <mark>}, Slack {@code *bold*}, guillemets in plain text.
 *
 * <p>The spans of a {@link Passage} come from rule plugins and are not trusted to be tidy, so {@link #of(Passage)}
 * clamps them to the text, sorts them, merges overlapping or touching ones and drops empty ones. Every mark then
 * satisfies {@code 0 <= start < end <= text.length()}, marks never overlap, and no character is marked twice. Offsets
 * count UTF-16 code units, as Java and JavaScript strings do. Immutable, so safe to share between threads.
 *
 * @param text the passage as the rule saw it
 * @param marks the matched spans, in order and disjoint
 */
public record MarkedPassage(String text, List<Span> marks) {

    /**
     * A piece of a passage, marked when it matched.
     *
     * @param text never empty
     * @param marked whether a rule matched this piece
     */
    public record Segment(String text, boolean marked) {}

    public MarkedPassage {
        Objects.requireNonNull(text, "text is null");
        marks = List.copyOf(marks);
    }

    /**
     * The passage with its marks tidied; a {@code null} text counts as empty. A mark keeps its term and clause; marks
     * merged into one keep those of the first.
     */
    public static MarkedPassage of(Passage passage) {
        String text = passage.text() == null ? "" : passage.text();
        List<Span> spans = new ArrayList<>();
        for (Span span : passage.marks()) {
            int start = Math.max(0, Math.min(span.start(), text.length()));
            int end = Math.max(start, Math.min(span.end(), text.length()));
            if (end > start) {
                spans.add(new Span(start, end, span.term(), span.clause()));
            }
        }
        spans.sort(Comparator.comparingInt(Span::start));
        List<Span> merged = new ArrayList<>();
        for (Span span : spans) {
            Span last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
            if (last != null && span.start() <= last.end()) {
                merged.set(
                        merged.size() - 1,
                        new Span(last.start(), Math.max(last.end(), span.end()), last.term(), last.clause()));
            } else {
                merged.add(span);
            }
        }
        return new MarkedPassage(text, merged);
    }

    /** The distinct clauses its marks satisfied, in the order they first appear; empty when the rule type names none. */
    public List<String> clauses() {
        return marks.stream()
                .map(Span::clause)
                .filter(Objects::nonNull)
                .distinct()
                .toList();
    }

    /**
     * The passage cut into plain and marked pieces, in order and without empty ones, for a template that wraps the
     * marked ones itself; joined, their texts give the passage.
     */
    public List<Segment> segments() {
        List<Segment> segments = new ArrayList<>();
        int at = 0;
        for (Span span : marks) {
            if (span.start() > at) {
                segments.add(new Segment(text.substring(at, span.start()), false));
            }
            segments.add(new Segment(text.substring(span.start(), span.end()), true));
            at = span.end();
        }
        if (at < text.length()) {
            segments.add(new Segment(text.substring(at), false));
        }
        return segments;
    }

    /**
     * The passage as HTML: the text escaped (article text is untrusted and must never become markup) and each mark
     * wrapped in {@code <mark>}.
     */
    public String html() {
        return render(MarkedPassage::escapeHtml, "<mark>", "</mark>");
    }

    /** Escapes text for HTML content and attribute values alike. */
    public static String escapeHtml(String raw) {
        StringBuilder out = new StringBuilder(raw.length() + 16);
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /**
     * The passage with each mark between {@code open} and {@code close}, every piece of text passed through
     * {@code escape} first; the markers themselves are not escaped.
     *
     * @param escape makes raw text safe for the target syntax (HTML, Slack mrkdwn), or leaves it as it is
     */
    public String render(UnaryOperator<String> escape, String open, String close) {
        StringBuilder out = new StringBuilder();
        for (Segment segment : segments()) {
            String escaped = escape.apply(segment.text());
            out.append(segment.marked() ? open + escaped + close : escaped);
        }
        return out.toString();
    }
}
