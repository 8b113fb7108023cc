package io.vigil.source.rss;

import java.util.Set;
import org.jsoup.nodes.Entities;

/**
 * Heals the two things that most often make a feed not well-formed XML, in one left-to-right pass: HTML named
 * entities ({@code &nbsp;}, {@code &eacute;}) become numeric references XML knows, and an {@code &} that starts no
 * reference, or a reference to a name neither XML nor HTML defines, becomes text ({@code &amp;}); CDATA sections are
 * left as they are. Leading white space and comments before the
 * first tag are dropped.
 *
 * <p>It replaces Rome's {@code XmlFixerReader}, which does the same but collects everything after a {@code <} that is
 * not followed by a space, {@code >} or {@code /} in one buffer and copies that buffer at every {@code [}: a feed of
 * {@code <!DOCTYPE[} repeated took hours. Here every character is looked at a bounded number of times.
 */
final class XmlHealing {

    /** The longest entity name looked for; HTML's longest is 31 characters. */
    private static final int MAX_ENTITY_NAME = 32;

    private static final Set<String> XML_ENTITIES = Set.of("amp", "lt", "gt", "quot", "apos");

    private XmlHealing() {}

    /**
     * The text without the characters XML 1.0 forbids (C0 controls other than tab, line feed and carriage return, and
     * U+FFFE/U+FFFF). One loop, and no copy when there is none: a regular expression's character class cost a second
     * on a 10 MiB feed.
     */
    static String withoutForbiddenCharacters(String text) {
        int n = text.length();
        int first = 0;
        while (first < n && !isForbidden(text.charAt(first))) {
            first++;
        }
        if (first == n) {
            return text;
        }
        StringBuilder kept = new StringBuilder(n);
        kept.append(text, 0, first);
        for (int i = first + 1; i < n; i++) {
            char c = text.charAt(i);
            if (!isForbidden(c)) {
                kept.append(c);
            }
        }
        return kept.toString();
    }

    private static boolean isForbidden(char c) {
        return (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == '\uFFFE' || c == '\uFFFF';
    }

    static String heal(String text) {
        int n = text.length();
        StringBuilder out = new StringBuilder(n + 64);
        int i = skipLeadingWhitespaceAndComments(text);
        while (i < n) {
            char c = text.charAt(i);
            if (c == '<' && text.startsWith("<![CDATA[", i)) {
                int end = text.indexOf("]]>", i + 9);
                int stop = end < 0 ? n : end + 3;
                out.append(text, i, stop);
                i = stop;
            } else if (c == '&') {
                i = reference(text, i, out);
            } else if (c == '<') {
                out.append(c);
                i++;
            } else {
                // Copy the run up to the next character that may need healing in one go.
                int next = i + 1;
                while (next < n && text.charAt(next) != '&' && text.charAt(next) != '<') {
                    next++;
                }
                out.append(text, i, next);
                i = next;
            }
        }
        return out.toString();
    }

    /** Copies the reference at {@code amp} (healed) and returns where the text goes on. */
    private static int reference(String text, int amp, StringBuilder out) {
        int n = text.length();
        int j = amp + 1;
        while (j < n && j - amp <= MAX_ENTITY_NAME && isNameChar(text.charAt(j))) {
            j++;
        }
        if (j >= n || text.charAt(j) != ';' || j == amp + 1) {
            out.append("&amp;");
            return amp + 1;
        }
        if (text.charAt(amp + 1) == '#' || isXmlEntity(text, amp + 1, j)) {
            out.append(text, amp, j + 1);
            return j + 1;
        }
        String name = text.substring(amp + 1, j);
        if (Entities.isNamedEntity(name)) {
            String value = Entities.getByName(name);
            value.codePoints().forEach(point -> out.append("&#").append(point).append(';'));
        } else {
            // A name neither XML nor HTML knows, typically one the cut DOCTYPE declared: kept as the text it is. That
            // is what the lenient path made of it too, but only after a second parse in which jsoup tries every
            // legacy entity as a prefix of it (seconds on a feed of many).
            out.append("&amp;").append(text, amp + 1, j + 1);
        }
        return j + 1;
    }

    /** Whether text[from, to) names one of XML's five entities, without making a string of it (feeds hold millions). */
    private static boolean isXmlEntity(String text, int from, int to) {
        int length = to - from;
        if (length < 2 || length > 4) {
            return false;
        }
        for (String entity : XML_ENTITIES) {
            if (entity.length() == length && text.regionMatches(from, entity, 0, length)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isNameChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '#';
    }

    private static int skipLeadingWhitespaceAndComments(String text) {
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\uFEFF') {
                i++;
            } else if (text.startsWith("<!--", i)) {
                int end = text.indexOf("-->", i + 4);
                if (end < 0) {
                    return i;
                }
                i = end + 3;
            } else {
                return i;
            }
        }
        return i;
    }
}
