package io.vigil.source.rss;

import java.util.Set;
import org.jsoup.nodes.Entities;

/**
 * Heals the two things that most often make a feed not well-formed XML, in one left-to-right pass: HTML named
 * entities ({@code &nbsp;}, {@code &eacute;}) become numeric references XML knows, and an {@code &} that starts no
 * reference becomes {@code &amp;}; CDATA sections are left as they are. Leading white space and comments before the
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
            } else {
                out.append(c);
                i++;
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
        String name = text.substring(amp + 1, j);
        if (name.charAt(0) == '#' || XML_ENTITIES.contains(name)) {
            out.append(text, amp, j + 1);
        } else if (Entities.isNamedEntity(name)) {
            String value = Entities.getByName(name);
            value.codePoints().forEach(point -> out.append("&#").append(point).append(';'));
        } else {
            // An unknown name: left for the parser to refuse, as Rome did.
            out.append(text, amp, j + 1);
        }
        return j + 1;
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
