package io.vigil.notifier.chat.ntfy;

import io.vigil.notifier.chat.ChatMessage;
import io.vigil.notifier.chat.ChatMessage.Outlet;
import io.vigil.notifier.chat.ChatMessage.Story;
import io.vigil.spi.notify.MarkedPassage;
import java.nio.charset.StandardCharsets;

/**
 * The body of an ntfy message in Markdown (sent with {@code X-Markdown: yes}), within ntfy's message size.
 *
 * <p>Text from articles is escaped with a backslash before every character that starts Markdown syntax within a line
 * ({@code *}, {@code _}, {@code [}, {@code <}, {@code &}, …), so a headline cannot add a link, emphasis or markup; the marks of a
 * passage are {@code **bold**}. ntfy keeps a message of at most {@value #MAX_BYTES} bytes as a message (a longer one
 * becomes an attachment, or is refused), so the bytes are counted and a digest that would not fit ends with a line
 * saying how many stories are left out.
 */
final class NtfyMarkdown {

    /** ntfy's default {@code message-size-limit}. */
    static final int MAX_BYTES = 4096;

    private static final int RESERVE = 120;
    /**
     * The characters that start Markdown syntax in the middle of a line. Every line here starts with text of our own,
     * so the line-start syntax ({@code #}, {@code -}, {@code 1.}) cannot be reached; escaping less keeps the text
     * readable where a client shows it raw.
     */
    private static final String SPECIAL = "\\`*_[]<>&~|";

    private NtfyMarkdown() {}

    static String render(ChatMessage message) {
        StringBuilder out = new StringBuilder();
        out.append("**").append(escape(message.heading())).append("**");
        if (!message.note().isEmpty()) {
            out.append("\n\n").append(escape(message.note()));
        }
        int shown = 0;
        for (Story story : message.stories()) {
            String block = "\n\n" + story(story, message.isDigest());
            if (bytes(out) + bytes(block) > MAX_BYTES - RESERVE) {
                break;
            }
            out.append(block);
            shown++;
        }
        int left = message.stories().size() - shown;
        if (left > 0) {
            out.append("\n\n").append(link(message.link(), ChatMessage.moreStories(left)));
        } else if (message.stories().size() == 1) {
            out.append("\n\n").append(link(message.link(), "Open in Vigil"));
        }
        return out.toString();
    }

    private static String story(Story story, boolean digest) {
        StringBuilder out = new StringBuilder();
        if (digest) {
            out.append('_').append(escape("Rule: " + story.ruleName())).append("_\n");
        }
        out.append("**")
                .append(link(story.link(), ChatMessage.cut(story.title(), 300)))
                .append("**");
        if (!story.outlets().isEmpty()) {
            out.append("  \n").append("Reported by ");
            for (int i = 0; i < story.outlets().size(); i++) {
                Outlet outlet = story.outlets().get(i);
                out.append(i == 0 ? "" : ", ").append(link(outlet.url(), ChatMessage.cut(outlet.name(), 80)));
            }
            if (story.moreOutlets() > 0) {
                out.append(escape(" (+" + story.moreOutlets() + " more)"));
            }
        }
        for (MarkedPassage passage : story.passages()) {
            out.append("\n\n> ").append(passage.render(NtfyMarkdown::escape, "**", "**"));
        }
        return out.toString();
    }

    /** A Markdown link when the address is http(s), the escaped label alone otherwise. */
    private static String link(String url, String label) {
        if (!ChatMessage.isWeb(url)) {
            return escape(label);
        }
        // Inside (…) a URL ends at a space or an unbalanced parenthesis; <…> keeps it whole.
        String target = url.replace(" ", "%20").replace("<", "%3C").replace(">", "%3E");
        return "[" + escape(label) + "](<" + target + ">)";
    }

    /** Escapes the characters of {@link #SPECIAL} with a backslash (CommonMark lets any punctuation be escaped). */
    static String escape(String raw) {
        return ChatMessage.backslashEscaped(raw, SPECIAL);
    }

    private static int bytes(CharSequence text) {
        return text.toString().getBytes(StandardCharsets.UTF_8).length;
    }
}
