package io.vigil.notifier.webhook;

import io.vigil.spi.notify.Notification.Passage;
import io.vigil.spi.notify.Notification.Span;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A matched passage with tidy marks: spans clamped to the text, sorted, overlapping or touching ones merged and empty
 * ones dropped, so that every receiver can rely on {@code 0 <= start < end <= text.length()} and on marks that never
 * overlap. Offsets count UTF-16 code units, as Java and JavaScript strings do.
 *
 * @param text the passage as the rule saw it
 * @param marks the matched spans, in order and disjoint
 */
record MarkedPassage(String text, List<Span> marks) {

    MarkedPassage {
        marks = List.copyOf(marks);
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
        List<Span> merged = new ArrayList<>();
        for (Span span : spans) {
            Span last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
            if (last != null && span.start() <= last.end()) {
                merged.set(merged.size() - 1, new Span(last.start(), Math.max(last.end(), span.end())));
            } else {
                merged.add(span);
            }
        }
        return new MarkedPassage(text, merged);
    }

    /**
     * The passage with each mark wrapped, every piece of text passed through {@code escape} first.
     *
     * @param escape makes raw text safe for the target syntax (HTML, Slack mrkdwn), or leaves it as it is
     */
    String render(UnaryOperator<String> escape, String open, String close) {
        StringBuilder out = new StringBuilder();
        int at = 0;
        for (Span span : marks) {
            out.append(escape.apply(text.substring(at, span.start())))
                    .append(open)
                    .append(escape.apply(text.substring(span.start(), span.end())))
                    .append(close);
            at = span.end();
        }
        return out.append(escape.apply(text.substring(at))).toString();
    }

    /** For HTML: the text escaped, marks as {@code <mark>…</mark>}; safe to insert into a page as it is. */
    String markedHtml() {
        return render(MarkedPassage::escapeHtml, "<mark>", "</mark>");
    }

    /** For plain text: marks between guillemets, {@code the «fortifications» of}. */
    String markedText() {
        return render(UnaryOperator.identity(), "\u00ab", "\u00bb");
    }

    static String escapeHtml(String raw) {
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
}
