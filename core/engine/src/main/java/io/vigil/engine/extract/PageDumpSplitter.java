package io.vigil.engine.extract;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Splits a plain-text page dump into the articles it holds, dropping captions, widgets, footers and comments.
 *
 * <p>A dump is the text of a news page as a browser copies it. Its articles are found by structure, not by
 * knowing the site:
 *
 * <ol>
 *   <li><b>Marked articles.</b> News pages print the headline twice: once above the photo and its widgets, once
 *       above the text. A headline-like line that follows a blank line and comes back within a few lines, with only
 *       captions, widgets and blank lines in between, opens an article. Captions are the lines repeated inside
 *       that block (each caption appears twice in a row), plus at most one line right after the second headline
 *       that ends in a photo credit such as {@code (AFP)} when the block showed none.
 *   <li><b>Unmarked articles.</b> Where nothing repeats, an article starts at a headline-like line (short, no full
 *       stop) at the start of the dump or after two or more blank lines, when running text follows it.
 *   <li><b>Bodies.</b> An article's text runs to the next article. It stops at a horizontal rule ({@code ____},
 *       {@code ----}, {@code ====}), which opens the site footer, and at the opening line of a reader-comment
 *       thread ({@code 3 Comments}, {@code Leave a Reply}, {@code Notify of}…). Widget lines ({@code TT}, a lone
 *       counter, {@code Share}), caption pairs and repeats of the headline are dropped; each paragraph is kept
 *       once; a line that starts in lower case after a line that did not end a sentence continues its paragraph.
 * </ol>
 *
 * <p>Stateless and thread-safe. The work is linear in the size of the dump: every look-ahead is bounded by a
 * fixed number of lines.
 */
public final class PageDumpSplitter {

    /** How many non-blank lines after a headline are searched for its repeat. */
    private static final int HEADER_WINDOW = 12;

    /** How many non-blank lines after the repeated headline may still hold the second copy of a caption. */
    private static final int CAPTION_WINDOW = 6;

    /** The words kept when a dump without any headline is titled by its first paragraph. */
    private static final int DERIVED_TITLE_WORDS = 12;

    /**
     * Returns the articles of the dump in page order; an empty list for null, blank or furniture-only text.
     *
     * <p>Never throws on any text.
     */
    public List<ExtractedArticle> split(String dump) {
        if (dump == null || dump.isBlank()) {
            return List.of();
        }
        String[] lines =
                TextCleaner.lines(dump).stream().map(TextCleaner::cleanLine).toArray(String[]::new);
        List<Header> headers = findHeaders(lines);
        List<ExtractedArticle> articles = new ArrayList<>();
        int firstHeader = headers.isEmpty() ? lines.length : headers.getFirst().titleLine();
        splitRegion(lines, null, 0, firstHeader, headers.isEmpty(), articles);
        for (int k = 0; k < headers.size(); k++) {
            int end = k + 1 < headers.size() ? headers.get(k + 1).titleLine() : lines.length;
            splitRegion(lines, headers.get(k), headers.get(k).bodyStart(), end, false, articles);
        }
        return List.copyOf(articles);
    }

    /** A marked article's opening: where its headline stands, the captions around it and where its text starts. */
    private record Header(int titleLine, String title, Set<String> captions, int bodyStart) {}

    private static List<Header> findHeaders(String[] lines) {
        List<Header> headers = new ArrayList<>();
        int i = 0;
        while (i < lines.length) {
            Header header = headerAt(lines, i);
            if (header == null) {
                i++;
            } else {
                headers.add(header);
                i = header.bodyStart();
            }
        }
        return headers;
    }

    /** Returns the header that opens at line {@code i}, or null when the line does not open one. */
    private static Header headerAt(String[] lines, int i) {
        String title = lines[i];
        if (title.isEmpty() || !PageLines.isHeadlineCandidate(title)) {
            return null;
        }
        // A headline stands on its own; the second copy of a caption pair follows the first directly.
        if (i > 0 && !lines[i - 1].isEmpty() && !PageLines.isFurniture(lines[i - 1])) {
            return null;
        }
        int repeat = findRepeat(lines, i);
        if (repeat < 0) {
            return null;
        }
        Set<String> captions = new HashSet<>();
        for (int k = i + 1; k < repeat; k++) {
            String line = lines[k];
            if (line.isEmpty() || PageLines.isFurniture(line)) {
                continue;
            }
            if (PageLines.isFooterRule(line) || PageLines.opensCommentThread(line)) {
                return null;
            }
            boolean captionLike =
                    PageLines.looksLikeCaption(line) || !PageLines.isProse(line) || occursNear(lines, line, k);
            if (!captionLike) {
                return null;
            }
            captions.add(line);
        }
        return new Header(i, title, Set.copyOf(captions), skipHeaderTail(lines, repeat + 1, title, captions));
    }

    /** Returns the line where the headline at {@code i} comes back within the header window, or -1. */
    private static int findRepeat(String[] lines, int i) {
        int nonBlank = 0;
        for (int k = i + 1; k < lines.length && nonBlank <= HEADER_WINDOW; k++) {
            if (lines[k].isEmpty()) {
                continue;
            }
            if (lines[k].equals(lines[i])) {
                // Directly repeated lines are caption pairs, not headlines.
                return k == i + 1 ? -1 : k;
            }
            nonBlank++;
        }
        return -1;
    }

    /** Whether the line at {@code at} occurs again among the lines around it that a header block can span. */
    private static boolean occursNear(String[] lines, String line, int at) {
        for (int k = at - 1; k >= 0 && k > at - HEADER_WINDOW; k--) {
            if (lines[k].equals(line)) {
                return true;
            }
        }
        int nonBlank = 0;
        for (int k = at + 1; k < lines.length && nonBlank <= HEADER_WINDOW + CAPTION_WINDOW; k++) {
            if (lines[k].equals(line)) {
                return true;
            }
            if (!lines[k].isEmpty()) {
                nonBlank++;
            }
        }
        return false;
    }

    /** Skips the captions and widgets after the repeated headline and returns where the article text starts. */
    private static int skipHeaderTail(String[] lines, int from, String title, Set<String> captions) {
        boolean sawCaption = !captions.isEmpty();
        int k = from;
        while (k < lines.length) {
            String line = lines[k];
            if (line.isEmpty() || PageLines.isFurniture(line) || captions.contains(line) || line.equals(title)) {
                k++;
            } else if (k + 1 < lines.length && lines[k + 1].equals(line)) {
                captions.add(line);
                sawCaption = true;
                k += 2;
            } else if (!sawCaption && PageLines.looksLikeCaption(line)) {
                // A caption printed once has no twin to give it away; its photo credit does.
                captions.add(line);
                sawCaption = true;
                k++;
            } else {
                break;
            }
        }
        return k;
    }

    /**
     * Adds the articles of the lines {@code [from, to)}: the one the header opens, if any, and any unmarked ones
     * that start after a gap of blank lines before the footer.
     */
    private static void splitRegion(
            String[] lines, Header header, int from, int to, boolean wholeDump, List<ExtractedArticle> articles) {
        int cut = from;
        while (cut < to && !PageLines.isFooterRule(lines[cut]) && !PageLines.opensCommentThread(lines[cut])) {
            cut++;
        }
        List<Integer> titleLines = unmarkedTitleLines(lines, from, cut, header == null);
        int bodyStart = from;
        String title = header == null ? null : header.title();
        Set<String> captions = header == null ? Set.of() : header.captions();
        if (title == null && wholeDump && titleLines.isEmpty()) {
            addUntitled(lines, from, to, articles);
            return;
        }
        for (int titleLine : titleLines) {
            if (title != null) {
                add(articles, title, body(lines, bodyStart, titleLine, title, captions));
            }
            title = lines[titleLine];
            captions = Set.of();
            bodyStart = titleLine + 1;
        }
        if (title != null) {
            add(articles, title, body(lines, bodyStart, to, title, captions));
        }
    }

    /**
     * Returns the lines in {@code [from, to)} that open an unmarked article: a headline-like line starting a block
     * (after two blank lines, or at {@code from} when no header precedes) that running text follows.
     */
    private static List<Integer> unmarkedTitleLines(String[] lines, int from, int to, boolean atRegionStart) {
        List<Integer> titles = new ArrayList<>();
        int blankRun = atRegionStart ? 2 : 0;
        for (int k = from; k < to; k++) {
            String line = lines[k];
            if (line.isEmpty()) {
                blankRun++;
                continue;
            }
            if (PageLines.isFurniture(line)) {
                continue;
            }
            if (blankRun >= 2 && PageLines.looksLikeHeadline(line) && proseFollows(lines, k + 1, to)) {
                titles.add(k);
            }
            blankRun = 0;
        }
        return titles;
    }

    /** Whether a paragraph of running text comes before the next gap of two blank lines. */
    private static boolean proseFollows(String[] lines, int from, int to) {
        int blankRun = 0;
        for (int k = from; k < to; k++) {
            if (lines[k].isEmpty()) {
                if (++blankRun >= 2) {
                    return false;
                }
            } else if (PageLines.isProse(lines[k])) {
                return true;
            } else {
                blankRun = 0;
            }
        }
        return false;
    }

    /** Adds text that carries no headline at all as one article titled by its opening words. */
    private static void addUntitled(String[] lines, int from, int to, List<ExtractedArticle> articles) {
        String body = body(lines, from, to, "", Set.of());
        if (body.isEmpty() || body.lines().noneMatch(line -> !line.isEmpty() && PageLines.isProse(line))) {
            return;
        }
        String firstParagraph = body.substring(0, body.indexOf("\n\n") < 0 ? body.length() : body.indexOf("\n\n"));
        add(articles, openingWords(firstParagraph), body);
    }

    private static String openingWords(String paragraph) {
        int words = 0;
        for (int i = 0; i < paragraph.length(); i++) {
            if (paragraph.charAt(i) == ' ' && ++words == DERIVED_TITLE_WORDS) {
                return paragraph.substring(0, i) + "\u2026";
            }
        }
        return paragraph;
    }

    private static void add(List<ExtractedArticle> articles, String title, String body) {
        if (!body.isEmpty()) {
            articles.add(new ExtractedArticle(title, body));
        }
    }

    /**
     * Returns the paragraphs of the lines {@code [from, to)} joined by a blank line, up to a footer rule or a
     * comment thread, without widgets, caption pairs, the headline, known captions or repeated paragraphs.
     */
    private static String body(String[] lines, int from, int to, String title, Set<String> captions) {
        Set<String> paragraphs = new LinkedHashSet<>();
        StringBuilder paragraph = new StringBuilder();
        String previous = null;
        for (int k = from; k < to; k++) {
            String line = lines[k];
            if (PageLines.isFooterRule(line) || PageLines.opensCommentThread(line)) {
                break;
            }
            boolean dropped = line.isEmpty()
                    || PageLines.isFurniture(line)
                    || line.equals(title)
                    || captions.contains(line)
                    || (k + 1 < to && lines[k + 1].equals(line))
                    || (k > from && lines[k - 1].equals(line));
            if (dropped) {
                flush(paragraph, paragraphs);
                previous = null;
                continue;
            }
            if (previous != null && PageLines.continues(previous, line)) {
                paragraph.append(' ').append(line);
            } else {
                flush(paragraph, paragraphs);
                paragraph.append(line);
            }
            previous = line;
        }
        flush(paragraph, paragraphs);
        return String.join("\n\n", paragraphs);
    }

    private static void flush(StringBuilder paragraph, Set<String> paragraphs) {
        if (!paragraph.isEmpty()) {
            paragraphs.add(paragraph.toString());
            paragraph.setLength(0);
        }
    }
}
