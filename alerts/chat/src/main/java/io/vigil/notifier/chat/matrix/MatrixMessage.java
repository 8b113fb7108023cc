package io.vigil.notifier.chat.matrix;

import io.vigil.notifier.chat.ChatMessage;
import io.vigil.notifier.chat.ChatMessage.Outlet;
import io.vigil.notifier.chat.ChatMessage.Story;
import io.vigil.spi.notify.MarkedPassage;
import java.nio.charset.StandardCharsets;

/**
 * The content of an {@code m.room.message}: a plain-text {@code body} for clients without HTML, and a
 * {@code formatted_body} in {@code org.matrix.custom.html} using tags from the spec's recommended set only
 * ({@code strong}, {@code em}, {@code a}, {@code blockquote}, {@code br}). Every piece of article text is
 * HTML-escaped. Marks are {@code <strong>} in HTML and «guillemets» in plain text, as in e-mail. A homeserver refuses
 * events over 64 KiB, so a long digest is cut well below that with a line saying how many stories are left out.
 *
 * @param body the plain text
 * @param html the formatted body
 */
record MatrixMessage(String body, String html) {

    /** Both bodies together stay below this, leaving the event's envelope and JSON escaping room in 64 KiB. */
    static final int MAX_BYTES = 40_000;

    static MatrixMessage of(ChatMessage message) {
        StringBuilder plain = new StringBuilder(message.heading());
        StringBuilder html = new StringBuilder("<strong>")
                .append(MarkedPassage.escapeHtml(message.heading()))
                .append("</strong>");
        if (!message.note().isEmpty()) {
            plain.append('\n').append(message.note());
            html.append("<br>").append(MarkedPassage.escapeHtml(message.note()));
        }
        int shown = 0;
        for (Story story : message.stories()) {
            String storyPlain = "\n\n" + plain(story, message.isDigest());
            String storyHtml = html(story, message.isDigest());
            if (bytes(plain) + bytes(html) + bytes(storyPlain) + bytes(storyHtml) > MAX_BYTES) {
                break;
            }
            plain.append(storyPlain);
            html.append(storyHtml);
            shown++;
        }
        int left = message.stories().size() - shown;
        String closing =
                left > 0 ? ChatMessage.moreStories(left) : message.stories().size() == 1 ? "Open in Vigil" : null;
        if (closing != null) {
            plain.append("\n\n").append(closing).append(": ").append(message.link());
            html.append("<p>").append(link(message.link(), closing)).append("</p>");
        }
        return new MatrixMessage(plain.toString(), html.toString());
    }

    private static String plain(Story story, boolean digest) {
        StringBuilder out = new StringBuilder();
        if (digest) {
            out.append("Rule: ").append(story.ruleName()).append('\n');
        }
        out.append(story.title()).append('\n').append(story.link());
        if (!story.outlets().isEmpty()) {
            out.append('\n').append(ChatMessage.outletsLine(story));
        }
        for (MarkedPassage passage : story.passages()) {
            out.append("\n> ").append(passage.render(raw -> raw, "\u00ab", "\u00bb"));
        }
        return out.toString();
    }

    private static String html(Story story, boolean digest) {
        StringBuilder out = new StringBuilder("<p>");
        if (digest) {
            out.append("<em>")
                    .append(MarkedPassage.escapeHtml("Rule: " + story.ruleName()))
                    .append("</em><br>");
        }
        out.append("<strong>").append(link(story.link(), story.title())).append("</strong>");
        if (!story.outlets().isEmpty()) {
            out.append("<br>Reported by ");
            for (int i = 0; i < story.outlets().size(); i++) {
                Outlet outlet = story.outlets().get(i);
                out.append(i == 0 ? "" : ", ").append(link(outlet.url(), outlet.name()));
            }
            if (story.moreOutlets() > 0) {
                out.append(" (+").append(story.moreOutlets()).append(" more)");
            }
        }
        out.append("</p>");
        for (MarkedPassage passage : story.passages()) {
            out.append("<blockquote>")
                    .append(passage.render(MarkedPassage::escapeHtml, "<strong>", "</strong>"))
                    .append("</blockquote>");
        }
        return out.toString();
    }

    private static String link(String url, String label) {
        String text = MarkedPassage.escapeHtml(label);
        return ChatMessage.isWeb(url) ? "<a href=\"" + MarkedPassage.escapeHtml(url) + "\">" + text + "</a>" : text;
    }

    private static int bytes(CharSequence text) {
        return text.toString().getBytes(StandardCharsets.UTF_8).length;
    }
}
