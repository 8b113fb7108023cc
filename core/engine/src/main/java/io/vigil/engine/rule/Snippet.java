package io.vigil.engine.rule;

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
        StringBuilder html = new StringBuilder(text.length() + 16 * marks.size());
        int at = 0;
        for (Span mark : marks) {
            escape(text, at, mark.start(), html);
            html.append("<mark>");
            escape(text, mark.start(), mark.end(), html);
            html.append("</mark>");
            at = mark.end();
        }
        escape(text, at, text.length(), html);
        return html.toString();
    }

    private static void escape(String text, int from, int to, StringBuilder out) {
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
    }
}
