package io.vigil.extractor;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.parser.Parser;

/**
 * Parses a web page within bounds that keep every later step linear in practice: at most {@link #MAX_ELEMENTS}
 * elements (the news pages of the test set have at most about 2,100) and at most {@link #MAX_DEPTH} levels of nesting
 * (they have at most 27). Deeper elements are not lost: the parser puts them beside the deepest open element instead of
 * inside it. Without these bounds 10 MiB of {@code <div>} or {@code <p>} makes two million elements, and the
 * extractor's scoring and cleaning (which read the text of each candidate's subtree) would take minutes.
 */
final class BoundedHtml {

    /** The most start tags a page may hold; past it the page is refused. */
    static final int MAX_ELEMENTS = 50_000;
    /** The deepest nesting the parser builds. */
    static final int MAX_DEPTH = 128;

    private BoundedHtml() {}

    /**
     * The parsed page.
     *
     * @throws PageTooComplexException when it holds more than {@link #MAX_ELEMENTS} start tags
     */
    static Document parse(String html, String baseUri) {
        String text = html == null ? "" : html;
        int tags = startTags(text, MAX_ELEMENTS + 1);
        if (tags > MAX_ELEMENTS) {
            throw new PageTooComplexException("the page has more than " + MAX_ELEMENTS
                    + " elements (an article page has a few thousand), so it is not read");
        }
        return Jsoup.parse(text, baseUri, Parser.htmlParser().setMaxDepth(MAX_DEPTH));
    }

    /**
     * Counts what the parser will take for start tags ({@code <} then a letter), up to {@code enough}: one pass over
     * the characters, before any tree is built. Tag-like text inside scripts and comments counts too, which only makes
     * the bound stricter.
     */
    static int startTags(String html, int enough) {
        int count = 0;
        int from = 0;
        while (count < enough) {
            int at = html.indexOf('<', from);
            if (at < 0 || at + 1 >= html.length()) {
                break;
            }
            char next = html.charAt(at + 1);
            if (next >= 'a' && next <= 'z' || next >= 'A' && next <= 'Z') {
                count++;
            }
            from = at + 1;
        }
        return count;
    }
}
