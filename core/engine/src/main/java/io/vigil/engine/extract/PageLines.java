package io.vigil.engine.extract;

import java.util.Locale;
import java.util.Set;

/**
 * Tells what a single cleaned line of a page dump is, judged by its own text: furniture, a rule that opens a site
 * footer, the start of a reader-comment thread, a photo caption, a headline or a paragraph.
 *
 * <p>Every test here looks at a bounded part of the line or walks it once, so a multi-megabyte line costs linear
 * time. Stateless.
 */
final class PageLines {

    /** Headlines are short; anything longer is a paragraph even if it is repeated. */
    static final int MAX_HEADLINE_CHARS = 300;

    private static final int MAX_CAPTION_CHARS = 300;
    private static final int MAX_CAPTION_WORDS = 40;
    private static final int MAX_CREDIT_CHARS = 60;

    /**
     * Lines that begin a reader-comment thread; everything after them on the page belongs to the thread. Only lines
     * that no article paragraph would consist of are listed, so one of them alone is enough to cut.
     */
    private static final Set<String> COMMENT_THREAD_OPENERS = Set.of(
            "notify of",
            "inline feedbacks",
            "view all comments",
            "newest most voted",
            "leave a reply",
            "leave a comment",
            "leave a reply cancel reply",
            "log in to comment",
            "login to comment",
            "sign in to comment",
            "log in to reply",
            "post a comment",
            "add a comment",
            "join the discussion",
            "join the conversation",
            "show comments",
            "view comments",
            "comments are closed",
            "you must be logged in to post a comment");

    /** Single-word widget labels (share bars, sort toggles, comment buttons) that are dropped wherever they stand. */
    private static final Set<String> WIDGET_LABELS = Set.of(
            "subscribe",
            "share",
            "tweet",
            "print",
            "email",
            "reply",
            "oldest",
            "newest",
            "most voted",
            "comments",
            "comment",
            "advertisement",
            "read more",
            "guest",
            "like",
            "follow");

    private PageLines() {}

    /**
     * Whether the line is page furniture: no letter or digit at all, a counter such as {@code 20} or
     * {@code 1,204}, a short all-capitals widget such as {@code TT}, or a widget label such as {@code Share}.
     */
    static boolean isFurniture(String line) {
        if (line.isEmpty()) {
            return false;
        }
        if (line.length() <= 3 && line.chars().noneMatch(Character::isLowerCase)) {
            return true;
        }
        if (line.length() <= 16 && isCounter(line)) {
            return true;
        }
        if (line.length() <= 24 && WIDGET_LABELS.contains(line.toLowerCase(Locale.ROOT))) {
            return true;
        }
        return !hasLetterOrDigit(line);
    }

    /** A like, view or comment counter: digits with thousands separators, optionally {@code 1.2K}. */
    private static boolean isCounter(String line) {
        if (line.isEmpty() || !Character.isDigit(line.charAt(0))) {
            return false;
        }
        for (int i = 1; i < line.length(); i++) {
            char c = line.charAt(i);
            boolean suffix = i == line.length() - 1 && "KkMm".indexOf(c) >= 0;
            if (!Character.isDigit(c) && c != ',' && c != '.' && c != ' ' && !suffix) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether the line is a horizontal rule such as {@code _____}, {@code -----} or {@code = = = = =}; on a page
     * dump such a rule ends the article and opens the site footer.
     */
    static boolean isFooterRule(String line) {
        int ruleChars = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '_' || c == '-' || c == '=' || c == '\u2013' || c == '\u2014' || c == '\u2015') {
                ruleChars++;
            } else if (c != ' ') {
                return false;
            }
        }
        return ruleChars >= 4;
    }

    /** Whether the line opens a reader-comment thread: {@code 3 Comments}, {@code Leave a Reply}, {@code Notify of}… */
    static boolean opensCommentThread(String line) {
        // Every opener is short and starts with a letter or a digit; most lines are rejected without allocating.
        if (line.length() < 5 || line.length() > 60 || !Character.isLetterOrDigit(line.charAt(0))) {
            return false;
        }
        String lower = line.toLowerCase(Locale.ROOT);
        if (lower.endsWith(":")) {
            lower = lower.substring(0, lower.length() - 1).strip();
        }
        if (COMMENT_THREAD_OPENERS.contains(lower)) {
            return true;
        }
        // "3 Comments", "1,204 comments", "12 Responses", "Comments (12)", "12 thoughts on …"
        int i = 0;
        while (i < lower.length() && (Character.isDigit(lower.charAt(i)) || lower.charAt(i) == ',')) {
            i++;
        }
        if (i > 0) {
            String rest = lower.substring(i).strip();
            return rest.equals("comments")
                    || rest.equals("comment")
                    || rest.equals("responses")
                    || rest.equals("response")
                    || rest.equals("replies")
                    || rest.startsWith("thoughts on ")
                    || rest.startsWith("comments on ")
                    || rest.startsWith("responses to ");
        }
        // "Comments (12)"
        int open = lower.indexOf(" (");
        String label = open < 0 ? "" : lower.substring(0, open);
        return (label.equals("comments") || label.equals("comment"))
                && lower.endsWith(")")
                && isCounter(lower.substring(open + 2, lower.length() - 1));
    }

    /**
     * Whether the line could be a headline: short, at least two words, with letters, and not ending like a
     * sentence continued ({@code ,} {@code ;}).
     */
    static boolean isHeadlineCandidate(String line) {
        if (line.length() > MAX_HEADLINE_CHARS || line.indexOf(' ') < 0 || isFurniture(line)) {
            return false;
        }
        char last = line.charAt(line.length() - 1);
        return last != ',' && last != ';' && hasLetter(line) && !opensCommentThread(line) && !isFooterRule(line);
    }

    /**
     * Whether the line reads like a headline where no repetition confirms it: a candidate that does not end with a
     * full stop or colon.
     */
    static boolean looksLikeHeadline(String line) {
        if (!isHeadlineCandidate(line) || words(line) > 30) {
            return false;
        }
        char last = line.charAt(line.length() - 1);
        return last != '.' && last != ':';
    }

    /**
     * Whether the line is a photo caption recognisable without its usual duplicate: short, and ending in a
     * parenthesised credit such as {@code (AFP)} or naming a photo agency such as {@code REUTERS/Name}.
     */
    static boolean looksLikeCaption(String line) {
        if (line.length() > MAX_CAPTION_CHARS || words(line) > MAX_CAPTION_WORDS) {
            return false;
        }
        return endsWithParenthesisedCredit(line) || namesPhotoCredit(line);
    }

    private static boolean endsWithParenthesisedCredit(String line) {
        String text = line.endsWith(".") ? line.substring(0, line.length() - 1) : line;
        if (!text.endsWith(")")) {
            return false;
        }
        int open = text.lastIndexOf('(');
        int creditLength = text.length() - open - 2;
        return open > 0 && creditLength > 0 && creditLength <= MAX_CREDIT_CHARS;
    }

    private static boolean namesPhotoCredit(String line) {
        return line.contains("REUTERS/")
                || line.contains("AFP/")
                || line.contains("AP Photo")
                || line.contains("Getty Images")
                || line.startsWith("Photo:")
                || line.startsWith("Photo by ")
                || line.startsWith("Image:")
                || line.contains("Photo credit");
    }

    /**
     * Whether the line reads as a paragraph of running text rather than a label: a sentence ending in terminal
     * punctuation, or at least a dozen words.
     */
    static boolean isProse(String line) {
        if (words(line) >= 12) {
            return true;
        }
        char last = line.charAt(line.length() - 1);
        return (last == '.' || last == '!' || last == '?' || last == '"' || last == '\u201D') && words(line) >= 3;
    }

    /** Whether a line that follows {@code previous} continues the same hard-wrapped paragraph. */
    static boolean continues(String previous, String line) {
        char last = previous.charAt(previous.length() - 1);
        boolean previousOpen = Character.isLetterOrDigit(last) || last == ',' || last == '-';
        return previousOpen && Character.isLowerCase(line.charAt(0));
    }

    static int words(String line) {
        int words = 0;
        boolean inWord = false;
        for (int i = 0; i < line.length(); i++) {
            boolean space = line.charAt(i) == ' ';
            if (!space && !inWord) {
                words++;
            }
            inWord = !space;
        }
        return words;
    }

    private static boolean hasLetterOrDigit(String line) {
        for (int i = 0; i < line.length(); i++) {
            if (Character.isLetterOrDigit(line.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    private static boolean hasLetter(String line) {
        for (int i = 0; i < line.length(); i++) {
            if (Character.isLetter(line.charAt(i))) {
                return true;
            }
        }
        return false;
    }
}
