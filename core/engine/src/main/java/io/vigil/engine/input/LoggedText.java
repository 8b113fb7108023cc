package io.vigil.engine.input;

/**
 * Text from outside (feed titles and URLs, remote servers' errors, pushed documents' fields, names, rule texts) as it
 * may go into a log line: every control character (C0, DEL, C1), Unicode line and paragraph separator and bidirectional
 * override is written as an escape ({@code \r}, {@code \n}, {@code \t}, {@code \u001b}), and the text is cut at
 * {@value #LIMIT} characters. Without it a {@code "\r\n"} in a feed's error body starts a log line of the feed's
 * choosing, and an ANSI escape ({@code "\u001b[2K"}) rewrites what a terminal shows of the line before. Every log call
 * that interpolates such text passes it through here; Vigil's own words, numbers and configuration need not.
 */
public final class LoggedText {

    /** The most characters of one value a log line quotes. */
    public static final int LIMIT = 1_000;

    private LoggedText() {}

    /** {@code value} (its {@code toString()}, {@code "null"} for none) escaped and bounded for a log line. */
    public static String of(Object value) {
        String text = String.valueOf(value);
        StringBuilder line = new StringBuilder(Math.min(text.length(), LIMIT) + 16);
        int shown = Math.min(text.length(), LIMIT);
        for (int i = 0; i < shown; i++) {
            char c = text.charAt(i);
            if (!needsEscape(c)) {
                line.append(c);
                continue;
            }
            switch (c) {
                case '\r' -> line.append("\\r");
                case '\n' -> line.append("\\n");
                case '\t' -> line.append("\\t");
                default -> line.append(String.format("\\u%04x", (int) c));
            }
        }
        if (text.length() > LIMIT) {
            line.append("… (").append(text.length() - LIMIT).append(" more characters)");
        }
        return line.toString();
    }

    /**
     * A stand-in for {@code thrown} to log with its stack trace: the same class name, frames, causes and suppressed
     * exceptions, with every message {@linkplain #of escaped}, so an exception quoting a remote answer cannot add
     * lines either.
     */
    public static Throwable thrown(Throwable thrown) {
        return thrown == null ? null : new Escaped(thrown, 0);
    }

    private static boolean needsEscape(char c) {
        int type = Character.getType(c);
        return Character.isISOControl(c)
                || type == Character.LINE_SEPARATOR
                || type == Character.PARAGRAPH_SEPARATOR
                || (c >= '\u202a' && c <= '\u202e')
                || (c >= '\u2066' && c <= '\u2069');
    }

    /** An exception's escaped copy; causes are copied to a bounded depth, as a cycle would never end. */
    private static final class Escaped extends Throwable {
        private final String shown;

        Escaped(Throwable original, int depth) {
            super(
                    of(original.getMessage()),
                    original.getCause() == null || original.getCause() == original || depth >= 16
                            ? null
                            : new Escaped(original.getCause(), depth + 1),
                    true,
                    true);
            String message = original.getLocalizedMessage();
            this.shown = message == null
                    ? original.getClass().getName()
                    : original.getClass().getName() + ": " + of(message);
            setStackTrace(original.getStackTrace());
            if (depth < 16) {
                for (Throwable suppressed : original.getSuppressed()) {
                    addSuppressed(new Escaped(suppressed, depth + 1));
                }
            }
        }

        @Override
        public String toString() {
            return shown;
        }
    }
}
