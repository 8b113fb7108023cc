package io.vigil.extractor;

import java.util.IdentityHashMap;
import java.util.Map;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;

/**
 * What the extractor needs to know of each element's text without reading it: its commas, a lower bound of its
 * length and whether it holds a link, counted once from the leaves up. {@link Element#text()} keeps every comma and
 * every visible non-space character of the text below an element (it only collapses and adds spaces), so these
 * answer exactly the questions "ten commas or more?", "300 characters or more?" and "any link?" that would otherwise
 * read the text of every level of a deep page again: on a page nested as deep as the parser builds, that is the
 * page's whole text once per level.
 */
final class SubtreeCounts {

    private static final int COMMAS = 0;
    private static final int VISIBLE = 1;
    private static final int ANCHORS = 2;

    private final Map<Element, int[]> counts = new IdentityHashMap<>();

    private SubtreeCounts() {}

    static SubtreeCounts of(Element root) {
        SubtreeCounts tree = new SubtreeCounts();
        NodeTraversor.traverse(
                new NodeVisitor() {
                    @Override
                    public void head(Node node, int depth) {}

                    @Override
                    public void tail(Node node, int depth) {
                        int[] own;
                        if (node instanceof TextNode text) {
                            own = countText(text.getWholeText());
                        } else if (node instanceof Element element) {
                            own = tree.counts.computeIfAbsent(element, ignored -> new int[3]);
                            if (element.normalName().equals("a")) {
                                own[ANCHORS]++;
                            }
                        } else {
                            return;
                        }
                        if (node != root && node.parent() instanceof Element parent) {
                            int[] sums = tree.counts.computeIfAbsent(parent, ignored -> new int[3]);
                            for (int i = 0; i < sums.length; i++) {
                                sums[i] += own[i];
                            }
                        }
                    }
                },
                root);
        return tree;
    }

    /** Whether the element was below the root when counting (an element made since was not). */
    boolean counted(Element element) {
        return counts.containsKey(element);
    }

    /** The commas of the element's text, as {@code ArticleExtractor.commas(element.text())} counts them. */
    int commas(Element element) {
        return get(element)[COMMAS];
    }

    /** At most the length of {@code element.text()}. */
    int visibleAtLeast(Element element) {
        return get(element)[VISIBLE];
    }

    /** Whether the element is or holds an {@code <a>}. */
    boolean hasAnchor(Element element) {
        return get(element)[ANCHORS] > 0;
    }

    /** The element is being removed: its counts no longer belong to its ancestors. */
    void removed(Element element) {
        int[] own = counts.get(element);
        if (own == null) {
            return;
        }
        for (Element parent = element.parent(); parent != null; parent = parent.parent()) {
            int[] sums = counts.get(parent);
            if (sums == null) {
                return;
            }
            for (int i = 0; i < sums.length; i++) {
                sums[i] -= own[i];
            }
        }
    }

    private int[] get(Element element) {
        int[] own = counts.get(element);
        if (own == null) {
            throw new IllegalStateException("not counted: " + element.normalName());
        }
        return own;
    }

    private static int[] countText(String text) {
        int commas = 0;
        int visible = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (ArticleExtractor.isComma(c)) {
                commas++;
            }
            // Spaces of any kind, controls and format characters (soft hyphen, zero-width space) may be dropped or
            // collapsed by text(); everything else is kept.
            if (c > ' '
                    && !Character.isWhitespace(c)
                    && !Character.isSpaceChar(c)
                    && Character.getType(c) != Character.FORMAT
                    && !Character.isISOControl(c)) {
                visible++;
            }
        }
        return new int[] {commas, visible, 0};
    }
}
