package io.vigil.engine.extract;

import java.util.ArrayList;
import java.util.List;

/**
 * Normalises plain text pushed as an article body so that it reads and fingerprints like a split page.
 *
 * <p>Stateless and thread-safe.
 */
public final class TextCleaner {

    private TextCleaner() {}

    /**
     * Returns the text with unified line endings, every line trimmed (tabs and no-break spaces count as spaces, and
     * runs of them inside a line become one space), runs of blank lines collapsed to one and no leading or trailing
     * blank line; {@code ""} for null or whitespace-only text.
     */
    public static String normalizeBody(String text) {
        if (text == null || text.isEmpty()) {
            return "";
        }
        StringBuilder body = new StringBuilder(text.length());
        boolean pendingBlank = false;
        for (String line : lines(text)) {
            String cleaned = cleanLine(line);
            if (cleaned.isEmpty()) {
                pendingBlank = !body.isEmpty();
                continue;
            }
            if (!body.isEmpty()) {
                body.append(pendingBlank ? "\n\n" : "\n");
            }
            body.append(cleaned);
            pendingBlank = false;
        }
        return body.toString();
    }

    /** Splits text into lines on LF, CRLF and lone CR, dropping a byte-order mark at the start. */
    static List<String> lines(String text) {
        List<String> lines = new ArrayList<>();
        int length = text.length();
        int start = !text.isEmpty() && text.charAt(0) == '\uFEFF' ? 1 : 0;
        for (int i = start; i < length; i++) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r') {
                lines.add(text.substring(start, i));
                if (c == '\r' && i + 1 < length && text.charAt(i + 1) == '\n') {
                    i++;
                }
                start = i + 1;
            }
        }
        lines.add(text.substring(start, length));
        return lines;
    }

    /** Whether the line is already as {@link #cleanLine} would make it: the common case, checked without copying. */
    private static boolean isClean(String line) {
        int last = line.length() - 1;
        for (int i = 0; i <= last; i++) {
            char c = line.charAt(i);
            if (c == ' ') {
                if (i == 0 || i == last || line.charAt(i + 1) == ' ') {
                    return false;
                }
            } else if (c < ' ' || (c >= '\u007F' && !Character.isLetterOrDigit(c) && isSpecial(c))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isSpecial(char c) {
        return Character.isWhitespace(c)
                || Character.isSpaceChar(c)
                || Character.isISOControl(c)
                || c == '\uFEFF'
                || c == '\u200B'
                || c == '\u200C'
                || c == '\u200D'
                || c == '\u2060';
    }

    /**
     * Returns the line trimmed, with tabs, no-break and other Unicode spaces turned into plain spaces and runs of
     * them collapsed; zero-width characters and stray byte-order marks are dropped.
     */
    static String cleanLine(String line) {
        if (isClean(line)) {
            return line;
        }
        StringBuilder cleaned = new StringBuilder(line.length());
        boolean pendingSpace = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\uFEFF' || c == '\u200B' || c == '\u200C' || c == '\u200D' || c == '\u2060') {
                continue;
            }
            // Character.isWhitespace misses the no-break spaces that copy-pasted web pages are full of.
            if (Character.isWhitespace(c) || Character.isSpaceChar(c) || Character.isISOControl(c)) {
                pendingSpace = !cleaned.isEmpty();
                continue;
            }
            if (pendingSpace) {
                cleaned.append(' ');
                pendingSpace = false;
            }
            cleaned.append(c);
        }
        return cleaned.toString();
    }
}
