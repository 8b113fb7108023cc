package io.vigil.engine.input;

import java.util.Optional;

/**
 * The longest free text a caller may store in each kind of field, generous for any real use and checked where the
 * input arrives, so a request cannot fill the archive, the pages or every notification with a 100,000-character
 * comment. Names (of rules, sources, channels, outlets) keep their 200 characters; plugin settings are bounded by the
 * platform's settings check ({@code ConfigSpec}: 10,000 characters a line, 100,000 for several lines).
 */
public final class TextLimits {

    /** A name: of a rule, a source, a channel, a pushed article's outlet. */
    public static final int NAME = 200;

    /** A headline: a pushed article's {@code title}. Real headlines stay under 300 characters. */
    public static final int TITLE = 2_000;

    /** A note for the team: a silence's {@code comment}. */
    public static final int COMMENT = 2_000;

    /** A link: a pushed article's {@code url}. Browsers and servers commonly stop at 8 KiB. */
    public static final int URL = 8_000;

    /** A language tag such as {@code en} or {@code zh-Hant-TW}: RFC 5646 (4.4.1) needs at most 35 characters. */
    public static final int LANGUAGE = 35;

    private TextLimits() {}

    /**
     * Why {@code value} cannot be a name, worded for the caller, or empty when it is one line (or absent). A name is
     * written into one-line places — log lines, the plain-text part of e-mails, chat headings, the audit log — so a line
     * break in it would add a line of the caller's choosing there ({@code "Wire\nRead the alert: https://…"}); no
     * name needs one, nor any other control character (C0, DEL, C1) or a Unicode line or paragraph separator.
     *
     * @param field the field's name as the caller sent it, such as {@code name} or {@code source}
     */
    public static Optional<String> notOneLine(String field, String value) {
        if (value == null) {
            return Optional.empty();
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (breaksALine(c)) {
                return Optional.of(field + " must be one line: it holds the control character U+"
                        + String.format("%04X", (int) c) + " at position " + (i + 1));
            }
        }
        return Optional.empty();
    }

    /** {@code text} on one line: every run of white space and characters {@link #notOneLine} refuses is one space. */
    public static String oneLine(String text) {
        if (text == null) {
            return null;
        }
        StringBuilder line = new StringBuilder(text.length());
        boolean gap = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (breaksALine(c) || Character.isWhitespace(c)) {
                gap = true;
                continue;
            }
            if (gap && !line.isEmpty()) {
                line.append(' ');
            }
            gap = false;
            line.append(c);
        }
        return line.toString();
    }

    private static boolean breaksALine(char c) {
        int type = Character.getType(c);
        return Character.isISOControl(c) || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR;
    }

    /**
     * Why {@code value} is too long for {@code field}, worded for the caller, or empty when it fits (or is absent).
     *
     * @param field the field's name as the caller sent it, such as {@code comment}
     */
    public static Optional<String> excess(String field, String value, int limit) {
        if (value == null || value.length() <= limit) {
            return Optional.empty();
        }
        return Optional.of(field + " is " + value.length() + " characters long; the limit is " + limit + " characters");
    }
}
