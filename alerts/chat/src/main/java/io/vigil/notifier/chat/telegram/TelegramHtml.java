package io.vigil.notifier.chat.telegram;

import io.vigil.notifier.chat.ChatMessage;
import io.vigil.notifier.chat.ChatMessage.Outlet;
import io.vigil.notifier.chat.ChatMessage.Story;
import io.vigil.spi.notify.MarkedPassage;

/**
 * A message in Telegram's HTML style ({@code parse_mode=HTML}), kept within what {@code sendMessage} accepts.
 *
 * <p>Only tags Telegram knows are written — {@code <b>}, {@code <i>}, {@code <a href>} and {@code <blockquote>} —
 * and every piece of text is escaped ({@code &}, {@code <}, {@code >}, quotes), so an article cannot add markup or a
 * link of its own. Telegram refuses a text longer than {@value #MAX_TEXT} characters once the tags are parsed, so the
 * visible text is counted as it is written and a digest that would not fit ends with a line saying how many stories
 * are left out.
 */
final class TelegramHtml {

    /** {@code sendMessage} takes 1–4096 characters of text after entities parsing. */
    static final int MAX_TEXT = 4096;
    /** Room kept for the closing "…and N more stories" line. */
    private static final int RESERVE = 80;

    private static final int MAX_TITLE = 300;
    private static final int MAX_NAME = 80;

    private final StringBuilder html = new StringBuilder();
    private int visible;

    private TelegramHtml() {}

    /** The message's HTML; its visible text is at most {@link #MAX_TEXT} characters. */
    static String render(ChatMessage message) {
        TelegramHtml out = new TelegramHtml();
        out.bold(message.heading());
        if (!message.note().isEmpty()) {
            out.newline().text(message.note());
        }
        int shown = 0;
        for (Story story : message.stories()) {
            TelegramHtml block = new TelegramHtml();
            block.newline().newline();
            block.story(story, message.isDigest());
            if (out.visible + block.visible > MAX_TEXT - RESERVE) {
                break;
            }
            out.append(block);
            shown++;
        }
        int left = message.stories().size() - shown;
        if (left > 0) {
            out.newline().newline().link(message.link(), ChatMessage.moreStories(left));
        } else if (message.stories().size() == 1) {
            out.newline().link(message.link(), "Open in Vigil");
        }
        return out.html.toString();
    }

    private void story(Story story, boolean digest) {
        if (digest) {
            italic("Rule: " + story.ruleName()).newline();
        }
        html.append("<b>");
        link(story.link(), ChatMessage.cut(story.title(), MAX_TITLE));
        html.append("</b>");
        if (!story.outlets().isEmpty()) {
            newline().text("Reported by ");
            for (int i = 0; i < story.outlets().size(); i++) {
                Outlet outlet = story.outlets().get(i);
                if (i > 0) {
                    text(", ");
                }
                link(outlet.url(), ChatMessage.cut(outlet.name(), MAX_NAME));
            }
            if (story.moreOutlets() > 0) {
                text(" (+" + story.moreOutlets() + " more)");
            }
        }
        for (MarkedPassage passage : story.passages()) {
            newline().html.append("<blockquote>");
            for (MarkedPassage.Segment segment : passage.segments()) {
                if (segment.marked()) {
                    bold(segment.text());
                } else {
                    text(segment.text());
                }
            }
            html.append("</blockquote>");
        }
    }

    private TelegramHtml text(String raw) {
        html.append(MarkedPassage.escapeHtml(raw));
        visible += raw.length();
        return this;
    }

    private TelegramHtml bold(String raw) {
        html.append("<b>");
        text(raw);
        html.append("</b>");
        return this;
    }

    private TelegramHtml italic(String raw) {
        html.append("<i>");
        text(raw);
        html.append("</i>");
        return this;
    }

    /** A link when the address is http(s), the label alone otherwise. */
    private TelegramHtml link(String url, String label) {
        if (!ChatMessage.isWeb(url)) {
            return text(label);
        }
        html.append("<a href=\"").append(MarkedPassage.escapeHtml(url)).append("\">");
        text(label);
        html.append("</a>");
        return this;
    }

    private TelegramHtml newline() {
        html.append('\n');
        visible++;
        return this;
    }

    private void append(TelegramHtml other) {
        html.append(other.html);
        visible += other.visible;
    }
}
