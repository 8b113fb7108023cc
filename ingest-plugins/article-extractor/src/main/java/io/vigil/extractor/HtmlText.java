package io.vigil.extractor;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;

/**
 * Turns HTML into plain text the way a reader sees it: one paragraph per block (paragraph, heading, list item, quote,
 * table cell), paragraphs separated by a blank line, whitespace collapsed, scripts, styles and form controls left out,
 * and a {@code <br>} kept as a line break.
 *
 * <p>Used for article bodies and for feed titles and summaries, which often carry escaped HTML. Stateless.
 */
public final class HtmlText {

    static final Set<String> BLOCKS = Set.of(
            "address",
            "article",
            "aside",
            "blockquote",
            "body",
            "dd",
            "details",
            "div",
            "dl",
            "dt",
            "fieldset",
            "figcaption",
            "figure",
            "footer",
            "form",
            "h1",
            "h2",
            "h3",
            "h4",
            "h5",
            "h6",
            "header",
            "hr",
            "li",
            "main",
            "nav",
            "ol",
            "p",
            "pre",
            "section",
            "summary",
            "table",
            "tbody",
            "td",
            "th",
            "thead",
            "tr",
            "ul",
            "center");
    static final Set<String> NEVER_TEXT = Set.of(
            "script",
            "style",
            "noscript",
            "template",
            "iframe",
            "svg",
            "canvas",
            "object",
            "embed",
            "button",
            "select",
            "input",
            "textarea",
            "head",
            "title",
            "meta",
            "link");

    private HtmlText() {}

    /** The text of an HTML fragment or page, paragraphs separated by blank lines. */
    public static String of(String html) {
        if (html == null || html.isBlank()) {
            return "";
        }
        if (html.indexOf('<') < 0 && html.indexOf('&') < 0) {
            // Already plain text: keep its paragraph breaks, tidy its spaces.
            return tidyPlain(html);
        }
        return of(Jsoup.parseBodyFragment(html).body());
    }

    /** The text of one element, paragraphs separated by blank lines. */
    public static String of(Element root) {
        return String.join("\n\n", paragraphs(root));
    }

    /** The paragraphs of one element, each with its whitespace collapsed. */
    public static List<String> paragraphs(Element root) {
        Collector collector = new Collector();
        NodeTraversor.traverse(collector, root);
        collector.flush();
        return collector.paragraphs;
    }

    private static String tidyPlain(String text) {
        List<String> paragraphs = new ArrayList<>();
        for (String block : BLANK_LINE.split(text.replace("\r\n", "\n").replace('\r', '\n'))) {
            String tidy = SPACE_AROUND_BREAK
                    .matcher(HORIZONTAL_SPACE_RUN.matcher(block).replaceAll(" "))
                    .replaceAll("\n")
                    .strip();
            if (!tidy.isEmpty()) {
                paragraphs.add(tidy);
            }
        }
        return String.join("\n\n", paragraphs);
    }

    // Compiled once: a page of millions of short lines compiled a pattern per line (seconds of CPU).
    private static final Pattern BLANK_LINE = Pattern.compile("\\n\\s*\\n");
    private static final Pattern HORIZONTAL_SPACE_RUN = Pattern.compile("[ \\t\\x0B\\f\\u00a0]+");
    private static final Pattern SPACE_AROUND_BREAK = Pattern.compile(" ?\\n ?");
    private static final Pattern WHITESPACE_RUN = Pattern.compile("\\s+");

    /** A line with its white space runs made one space and its ends stripped; a blank line costs no regex. */
    private static String collapsed(String line) {
        String stripped = line.strip();
        return stripped.isEmpty() ? stripped : WHITESPACE_RUN.matcher(stripped).replaceAll(" ");
    }

    private static final class Collector implements NodeVisitor {
        private final List<String> paragraphs = new ArrayList<>();
        private final StringBuilder current = new StringBuilder();
        private int skipDepth;
        private int preDepth;

        @Override
        public void head(Node node, int depth) {
            if (skipDepth > 0) {
                if (node instanceof Element) {
                    skipDepth++;
                }
                return;
            }
            if (node instanceof TextNode text) {
                append(preDepth > 0 ? text.getWholeText() : text.text());
            } else if (node instanceof Element element) {
                String tag = element.normalName();
                if (NEVER_TEXT.contains(tag) || isHidden(element)) {
                    skipDepth = 1;
                } else if (tag.equals("br")) {
                    current.append('\n');
                } else if (BLOCKS.contains(tag)) {
                    flush();
                    if (tag.equals("pre")) {
                        preDepth++;
                    }
                } else if (tag.equals("img")) {
                    // images carry no reading text; their alt text is a caption at best
                }
            }
        }

        @Override
        public void tail(Node node, int depth) {
            if (skipDepth > 0) {
                if (node instanceof Element) {
                    skipDepth--;
                }
                return;
            }
            if (node instanceof Element element && BLOCKS.contains(element.normalName())) {
                if (element.normalName().equals("pre")) {
                    preDepth--;
                }
                flush();
            } else if (node instanceof Element element && isInlineSeparator(element)) {
                append(" ");
            }
        }

        private void append(String text) {
            if (text.isEmpty()) {
                return;
            }
            boolean atLineStart = current.isEmpty() || current.charAt(current.length() - 1) == '\n';
            boolean endsWithSpace = !current.isEmpty() && current.charAt(current.length() - 1) == ' ';
            String piece = text;
            if (preDepth == 0 && (atLineStart || endsWithSpace)) {
                piece = piece.stripLeading();
            }
            current.append(piece);
        }

        void flush() {
            String text = current.toString().replace('\u00a0', ' ');
            current.setLength(0);
            StringBuilder paragraph = new StringBuilder();
            for (String line : text.split("\n", -1)) {
                String tidy = preDepth > 0 ? line.stripTrailing() : collapsed(line);
                if (tidy.isEmpty()) {
                    // two line breaks in a row (<br><br>) end a paragraph, as they do on screen
                    endParagraph(paragraph);
                } else {
                    if (!paragraph.isEmpty()) {
                        paragraph.append('\n');
                    }
                    paragraph.append(tidy);
                }
            }
            endParagraph(paragraph);
        }

        private void endParagraph(StringBuilder paragraph) {
            if (!paragraph.isEmpty()) {
                paragraphs.add(paragraph.toString());
                paragraph.setLength(0);
            }
        }

        private static boolean isInlineSeparator(Element element) {
            return element.normalName().equals("td") || element.normalName().equals("th");
        }
    }

    /** Whether an element is hidden from readers by its attributes. */
    static boolean isHidden(Element element) {
        if (element.hasAttr("hidden") || "true".equalsIgnoreCase(element.attr("aria-hidden"))) {
            return true;
        }
        String style = element.attr("style").replace(" ", "").toLowerCase(java.util.Locale.ROOT);
        return style.contains("display:none") || style.contains("visibility:hidden");
    }
}
