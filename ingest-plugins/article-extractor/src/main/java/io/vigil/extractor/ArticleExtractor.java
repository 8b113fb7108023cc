package io.vigil.extractor;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.jsoup.nodes.Comment;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.select.Elements;

/**
 * Finds the article in a news page, readability-style: page furniture (navigation, sidebars, footers, comment
 * threads, share and newsletter widgets) is removed, the remaining text blocks are scored — long, comma-rich
 * paragraphs count for their parent and grandparent, link-heavy blocks against — the best-scoring container is taken
 * with those of its siblings that look like article text (and, while that is most of the enclosing containers' text,
 * with theirs), and it is cleaned once more before it is read as text, one paragraph per block; a passage that only
 * repeats another (a pull quote) is read once.
 *
 * <p>When removing furniture by class and id names leaves too little text (some sites name their article container
 * "sidebar-content"), the page is read again without that step. Stateless and thread-safe.
 */
public final class ArticleExtractor {

    /** Class and id words of page furniture; from Mozilla Readability's list, plus what news sites add. */
    private static final Pattern UNLIKELY = Pattern.compile(
            "-ad-|ai2html|banner|breadcrumbs|combx|comment|community|cover-wrap|disqus|extra|footer|gdpr|header"
                    + "|legends|menu|related|remark|replies|rss|shoutbox|sidebar|skyscraper|social|sponsor"
                    + "|supplemental|ad-break|agegate|pagination|pager|popup|yom-remote|share|sharing|newsletter"
                    + "|subscribe|promo|cookie|consent|outbrain|taboola|most-?popular|trending|recirc|paywall"
                    + "|signup|byline-social|tags|toolbar|masthead|related-links|nav",
            Pattern.CASE_INSENSITIVE);
    /** Class and id words that rescue an element from {@link #UNLIKELY}. */
    private static final Pattern MAYBE = Pattern.compile(
            "and|article|body|column|content|main|shadow|story|text|entry|post", Pattern.CASE_INSENSITIVE);

    private static final Pattern POSITIVE = Pattern.compile(
            "article|body|content|entry|hentry|h-entry|main|page|pagination|post|text|blog|story|paragraph"
                    + "|prose|rich-?text",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern NEGATIVE = Pattern.compile(
            "-ad-|hidden|^hid$| hid$| hid |^hid |banner|combx|comment|com-|contact|footer|gdpr|masthead|media|meta"
                    + "|outbrain|promo|related|scroll|share|shoutbox|sidebar|skyscraper|sponsor|shopping|tags|widget"
                    + "|caption|credit|newsletter|social|byline|timestamp|subscribe|recommend|nav|breadcrumb",
            Pattern.CASE_INSENSITIVE);
    /** Lines that are page furniture even inside the article container. */
    private static final Pattern FURNITURE_LINE = Pattern.compile(
            "(?i)(advertisement|advert|sponsored( content)?|share( this)?( article| story)?|share on \\w+|tweet"
                    + "|email|print|comments?|read more|continue reading|related( articles| stories| content)?"
                    + "|(click|tap) here.*|follow us.*|sign up.*|subscribe.*|image (copyright|caption).*"
                    + "|getty images|reuters|ap photo|\\d+|[A-Z]{1,3}|top stories|more on this story|see also"
                    + "|(?:watch|video|listen|gallery)\\s*:.{0,100})"
                    + "[.:!]?");

    /** Words of class and id names that mark furniture inside an article container. */
    private static final Pattern FURNITURE_NAME = Pattern.compile(
            "(^|[-_])(caption|captions|credit|credits|byline|bylines|author|authors|author-?bio|bio|dateline"
                    + "|timestamp|published|share|shares|sharing|social|related|newsletter|promo|advert|advertisement"
                    + "|ads?|sponsor|sponsored|subscribe|subscription|signup|comments?|tags|topics|breadcrumbs?"
                    + "|read-?more|recirc|outbrain|taboola|toolbar|print|disclaimer|rating|reactions|embed-?code)"
                    + "([-_]|$)");

    /** Short lines that are furniture wherever they stand: credits, copyright, follow-us, read-more, sign-up. */
    private static final Pattern BOILERPLATE_LINE =
            Pattern.compile("(?i)(?:(?:©|copyright|\\(c\\))\\s.*|.*all rights reserved\\.?"
                    + "|(?:follow|like|find) (?:us|him|her|me|them)? ?on (?:twitter|facebook|instagram|linkedin|x)\\b.*"
                    + "|continue reading(?: the main story)?.*|(?:read|see) (?:more|also|next)\\b.{0,80}"
                    + "|(?:more|related)(?: articles?| stories| coverage| content| links?| on this)?:.*"
                    + "|(?:sign up|subscribe)(?: now| today| here)?\\b.{0,80}|share (?:this|on)\\b.{0,60}"
                    + "|(?:photo|image|picture|video|graphic)s?(?: credit)?s?\\s*:.{0,80}"
                    + "|\\(?(?:getty images|ap photo|ap|reuters|afp|epa|shutterstock|istock|source: \\w+)\\)?(?:/.*)?"
                    + "|(?:advertisement|sponsored content|story continues below(?: advertisement)?)"
                    + "|(?:updated|published|posted|last updated|first published)\\b.{0,60}\\d.{0,40})");
    /** A byline ("By Jane Doe") or a bare date line, as articles open with. */
    private static final Pattern BYLINE_OR_DATE =
            Pattern.compile("(?:(?i:by|written by|posted by|story by|words by|von|par|por)\\s+\\p{Lu}[\\p{L}.'’-]*"
                    + "(?:\\s+(?:\\p{Lu}[\\p{L}.'’-]*|(?i:and|&|de|van|von|der|da)))*(?:\\s*[,|•·-].{0,60})?"
                    + "|(?i:(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\\.?,?\\s+)?"
                    + "(?:\\d{1,2}\\.?\\s+\\p{L}+\\.?,?\\s+\\d{4}|\\p{L}+\\.?\\s+\\d{1,2},?\\s+\\d{4}"
                    + "|\\d{4}-\\d{2}-\\d{2}|\\d{1,2}/\\d{1,2}/\\d{2,4})"
                    + "(?:[,\\s]+(?:at\\s+)?\\d{1,2}[:.]\\d{2}(?:\\s*[ap]\\.?m\\.?)?(?:\\s*\\p{L}{2,5})?)?\\.?))");

    /** Class and id words of the summary under a headline. */
    private static final Pattern SUMMARY_NAME = Pattern.compile(
            "(?i)(^|[-_\\s])(dek|deck|standfirst|stand-first|strapline|subtitle|sub-title|subheadline|summary|excerpt"
                    + "|description|teaser)([-_\\s]|$)");

    private static final Pattern WORD_SPLIT = Pattern.compile("[^\\p{L}\\p{N}]+");

    private static final Set<String> SCORABLE = Set.of("p", "pre", "td", "blockquote", "section", "h2", "h3");
    private static final Set<String> FURNITURE_TAGS =
            Set.of("nav", "aside", "footer", "form", "button", "dialog", "menu", "figure", "header");
    private static final int ENOUGH_TEXT = 500;
    /** How many containers above the best one are searched for more of the article. */
    private static final int MAX_CLIMB = 3;

    private ArticleExtractor() {}

    /**
     * Extracts the article of an HTML page.
     *
     * @param html the page as text
     * @param baseUri where the page came from; relative links are resolved against it (a {@code <base>} wins)
     * @throws PageTooComplexException when the page has far more elements than an article page (see {@link
     *     BoundedHtml})
     */
    public static ExtractedPage extract(String html, URI baseUri) {
        Document page = BoundedHtml.parse(html, baseUri == null ? "" : baseUri.toString());
        String title = PageMetadata.title(page);
        var publishedAt = PageMetadata.publishedAt(page).orElse(null);
        String language = PageMetadata.language(page);

        String declaredBody = PageMetadata.articleBody(page);
        Element best = article(page.clone(), true, title);
        String text = textOf(best, title);
        if (text.length() < ENOUGH_TEXT) {
            Element lenient = article(page.clone(), false, title);
            String lenientText = textOf(lenient, title);
            if (lenientText.length() > text.length()) {
                best = lenient;
                text = lenientText;
            }
        }
        text = DeclaredBody.reconcile(text, declaredBody);
        return new ExtractedPage(title, text, publishedAt, language, links(best));
    }

    private static Element article(Document page, boolean stripUnlikely, String title) {
        prepare(page, stripUnlikely);
        Element body = page.body();
        SubtreeCounts counts = SubtreeCounts.of(body);
        Map<Element, Double> scores = score(body, counts);
        Element top = null;
        double topScore = 0;
        for (Map.Entry<Element, Double> candidate : scores.entrySet()) {
            // Without a link below it, a candidate's link density is 0 whatever its text.
            Element element = candidate.getKey();
            double density = !counts.counted(element) || counts.hasAnchor(element) ? linkDensity(element) : 0;
            double score = candidate.getValue() * (1 - density);
            candidate.setValue(score);
            if (top == null || score > topScore) {
                top = candidate.getKey();
                topScore = score;
            }
        }
        if (top == null) {
            return body;
        }
        top = climb(top, topScore, scores, body);
        Element content = gather(top, scores, body);
        clean(content, scores, counts);
        removeHeadline(content, title);
        return content;
    }

    /** Removes what is never article text, and (when asked) what is named like page furniture. */
    private static void prepare(Document page, boolean stripUnlikely) {
        page.select(String.join(",", HtmlText.NEVER_TEXT)).remove();
        page.select("[hidden], [aria-hidden=true], [style*=display:none], [style*=display: none]")
                .remove();
        // Text for screen readers only ("Advertisement", "Share on Facebook", "Posted on") is no article text.
        page.select(".sr-only, .visually-hidden, .screen-reader-text, .screenreader-only, .element-invisible,"
                        + " .a11y-hidden, figcaption")
                .remove();
        removeComments(page);
        page.select(String.join(",", FURNITURE_TAGS)).forEach(element -> {
            // An <article> wrapped in a <header> or <form> (some CMSs do that) is kept.
            if (element.selectFirst("article, [itemprop=articleBody]") == null) {
                element.remove();
            }
        });
        if (stripUnlikely) {
            for (Element element : new ArrayList<>(page.body().getAllElements())) {
                if (element.parent() == null || element == page.body()) {
                    continue;
                }
                String tag = element.normalName();
                if (tag.equals("article") || tag.equals("main") || tag.equals("a") || tag.equals("body")) {
                    continue;
                }
                String names = element.className() + " " + element.id();
                if (names.isBlank()
                        || element.hasAttr("itemprop")
                                && element.attr("itemprop").contains("articleBody")) {
                    continue;
                }
                if (UNLIKELY.matcher(names).find()
                        && !MAYBE.matcher(names).find()
                        && element.selectFirst("article, main, [itemprop=articleBody]") == null) {
                    element.remove();
                }
            }
            page.select("[role=navigation], [role=complementary], [role=banner], [role=contentinfo], [role=dialog]")
                    .forEach(Node::remove);
        }
    }

    private static void removeComments(Element root) {
        List<Node> comments = new ArrayList<>();
        root.traverse((node, depth) -> {
            if (node instanceof Comment) {
                comments.add(node);
            }
        });
        comments.forEach(Node::remove);
    }

    /** Scores each container by the paragraphs it holds, the way Readability does. */
    private static Map<Element, Double> score(Element body, SubtreeCounts counts) {
        Map<Element, Double> scores = new IdentityHashMap<>();
        for (Element block : body.getAllElements()) {
            if (!isScorable(block)) {
                continue;
            }
            double score;
            if (counts.counted(block) && counts.visibleAtLeast(block) >= 300) {
                // Long enough that its length counts fully: no need to read the text of the whole block.
                score = 1 + counts.commas(block) + 3;
            } else {
                String text = block.text();
                if (text.length() < 25) {
                    continue;
                }
                score = 1 + commas(text) + Math.min(text.length() / 100.0, 3);
            }
            Element ancestor = block.parent();
            for (int level = 0; ancestor != null && level < 5; level++, ancestor = ancestor.parent()) {
                if (ancestor.normalName().equals("html")) {
                    break;
                }
                Element current = ancestor;
                scores.computeIfAbsent(current, ArticleExtractor::initialScore);
                double share = level == 0 ? score : level == 1 ? score / 2 : score / (level * 3);
                scores.merge(current, share, Double::sum);
            }
        }
        return scores;
    }

    private static boolean isScorable(Element element) {
        String tag = element.normalName();
        if (SCORABLE.contains(tag)) {
            return true;
        }
        // A div that holds text directly and no blocks is a paragraph written as a div.
        if (tag.equals("div")) {
            for (Element child : element.children()) {
                if (HtmlText.BLOCKS.contains(child.normalName())) {
                    return false;
                }
            }
            return !element.ownText().isBlank();
        }
        return false;
    }

    private static double initialScore(Element element) {
        double score =
                switch (element.normalName()) {
                    case "article" -> 10;
                    case "div", "main" -> 5;
                    case "pre", "td", "blockquote", "section" -> 3;
                    case "address", "ol", "ul", "dl", "dd", "dt", "li", "form" -> -3;
                    case "h1", "h2", "h3", "h4", "h5", "h6", "th" -> -5;
                    default -> 0;
                };
        if (element.attr("itemprop").contains("articleBody")) {
            score += 30;
        }
        return score + classWeight(element);
    }

    private static int classWeight(Element element) {
        int weight = 0;
        for (String names : List.of(element.className(), element.id())) {
            if (names.isBlank()) {
                continue;
            }
            if (NEGATIVE.matcher(names).find()) {
                weight -= 25;
            }
            if (POSITIVE.matcher(names).find()) {
                weight += 25;
            }
        }
        return weight;
    }

    /**
     * Moves from the best block up to its container when the article is split over several similar blocks, or when
     * the block is the only child of its parent.
     */
    private static Element climb(Element top, double topScore, Map<Element, Double> scores, Element body) {
        List<Element> alternatives = new ArrayList<>();
        for (Map.Entry<Element, Double> candidate : scores.entrySet()) {
            if (candidate.getKey() != top && candidate.getValue() >= topScore * 0.75) {
                alternatives.add(candidate.getKey());
            }
        }
        if (alternatives.size() >= 3) {
            // How many alternatives each ancestor of the top block holds: one walk up from each alternative, so that
            // this stays linear in the number of candidates times the (bounded) depth.
            Map<Element, Integer> containing = new IdentityHashMap<>();
            for (Element parent = top.parent(); parent != null && parent != body; parent = parent.parent()) {
                containing.put(parent, 0);
            }
            for (Element alternative : alternatives) {
                for (Element parent = alternative.parent(); parent != null; parent = parent.parent()) {
                    containing.computeIfPresent(parent, (ancestor, count) -> count + 1);
                }
            }
            for (Element parent = top.parent(); parent != null && parent != body; parent = parent.parent()) {
                if (containing.get(parent) >= 3) {
                    top = parent;
                    break;
                }
            }
        }
        Element parent = top.parent();
        while (parent != null && parent != body && parent.children().size() == 1) {
            top = parent;
            parent = top.parent();
        }
        return top;
    }

    /**
     * The top candidate and those siblings of it that read like more of the same article; then, while what is kept
     * is most (60%) of the enclosing container's text, the container's own siblings that read like article text too.
     * That second step brings back the article's opening paragraphs when a site wraps only the rest in a container
     * ("read more", a paywall or lazy-loading box), and the parts of an article split into several containers.
     */
    private static Element gather(Element top, Map<Element, Double> scores, Element body) {
        Element parent = top.parent();
        if (parent == null) {
            return top;
        }
        double topScore = scores.getOrDefault(top, 0.0);
        double threshold = Math.max(10, topScore * 0.2);
        List<Element> kept = new ArrayList<>();
        for (Element sibling : parent.children()) {
            boolean keep = sibling == top;
            if (!keep) {
                double bonus =
                        !top.className().isBlank() && sibling.className().equals(top.className()) ? topScore * 0.2 : 0;
                Double score = scores.get(sibling);
                keep = score != null && score + bonus >= threshold;
            }
            if (!keep && sibling.normalName().equals("p")) {
                keep = readsLikeProse(sibling);
            }
            if (keep) {
                kept.add(sibling);
            }
        }
        Element level = parent;
        for (int up = 0; up < MAX_CLIMB && level.parent() != null && level != body && level.parent() != body; up++) {
            if (isDeclaredBoundary(level)) {
                // The page says where its article ends: what stands beside an <article> is not part of it.
                break;
            }
            Element container = level.parent();
            int keptLength = 0;
            for (Element element : kept) {
                keptLength += element.text().length();
            }
            if (keptLength < container.text().length() * 0.6) {
                break;
            }
            List<Element> before = new ArrayList<>();
            List<Element> after = new ArrayList<>();
            boolean seen = false;
            for (Element sibling : container.children()) {
                if (sibling == level) {
                    seen = true;
                } else if (isArticlePart(sibling, scores, threshold)) {
                    (seen ? after : before).add(sibling);
                }
            }
            before.addAll(kept);
            before.addAll(after);
            kept = before;
            level = container;
        }
        Element content = new Element("div");
        kept.forEach(content::appendChild);
        return content;
    }

    private static boolean isDeclaredBoundary(Element element) {
        String tag = element.normalName();
        return tag.equals("article")
                || tag.equals("main")
                || element.attr("itemprop").contains("articleBody");
    }

    /** A paragraph of prose: long and hardly linked, or short, unlinked and a sentence. */
    private static boolean readsLikeProse(Element paragraph) {
        String text = paragraph.text();
        double density = linkDensity(paragraph);
        return (text.length() > 80 && density < 0.25)
                || (text.length() > 0 && text.length() <= 80 && density == 0 && text.matches(".*\\.( |$).*"));
    }

    /**
     * Whether a sibling of the article's container belongs to the article: a paragraph of prose or a block that scores
     * like article text and is hardly linked, neither named like furniture nor like the summary a headline carries
     * (standfirst, dek): those sit next to the article's container, not in it.
     */
    private static boolean isArticlePart(Element sibling, Map<Element, Double> scores, double threshold) {
        String names = sibling.className() + " " + sibling.id();
        if (classWeight(sibling) < 0
                || isFurnitureName(sibling.className())
                || isFurnitureName(sibling.id())
                || SUMMARY_NAME.matcher(names).find()) {
            return false;
        }
        if (sibling.normalName().equals("p")) {
            return readsLikeProse(sibling);
        }
        Double score = scores.get(sibling);
        return score != null && score >= threshold && linkDensity(sibling) < 0.2;
    }

    /** Removes blocks inside the article that look like widgets: link lists, image galleries, forms, empty shells. */
    private static void clean(Element content, Map<Element, Double> scores, SubtreeCounts counts) {
        Elements candidates = content.select("table, ul, ol, div, section, aside");
        for (int i = candidates.size() - 1; i >= 0; i--) {
            Element element = candidates.get(i);
            if (element.parent() == null || element == content) {
                continue;
            }
            int weight = classWeight(element);
            double score = scores.getOrDefault(element, 0.0);
            if (weight + score < 0) {
                counts.removed(element);
                element.remove();
                continue;
            }
            if (counts.counted(element) && counts.commas(element) >= 10) {
                continue;
            }
            String text = element.text();
            int paragraphs = element.select("p").size();
            int images = element.select("img").size();
            int items = element.select("li").size() - 100;
            int inputs = element.select("input").size();
            double density = linkDensity(element);
            boolean isList =
                    element.normalName().equals("ul") || element.normalName().equals("ol");
            boolean widget = (images > 1 && paragraphs / (double) images < 0.5)
                    || (!isList && items > paragraphs)
                    || inputs > paragraphs / 3.0
                    || (!isList && text.length() < 25 && (images == 0 || images > 2) && paragraphs == 0)
                    || (weight < 25 && density > 0.2 && !isList)
                    || (isList && density > 0.5)
                    || (weight >= 25 && density > 0.5);
            if (widget) {
                counts.removed(element);
                element.remove();
            }
        }
        for (Element heading : content.select("h1, h2, h3")) {
            if (classWeight(heading) < 0 || linkDensity(heading) > 0.33) {
                heading.remove();
            }
        }
        removeNamedFurniture(content);
    }

    /**
     * Removes the headline and what stands before it (section kicker, breadcrumbs, a date) when the container holds
     * the story's header too: the article text starts after its headline. Only a short lead-in is removed, so that a
     * page which puts a heading after the opening paragraphs keeps them.
     */
    private static void removeHeadline(Element content, String title) {
        Element headline = null;
        String wanted = title.strip();
        for (Element heading : content.select("h1, h2")) {
            String text = heading.text().strip();
            if (heading.normalName().equals("h1") || !wanted.isEmpty() && text.equalsIgnoreCase(wanted)) {
                headline = heading;
                break;
            }
        }
        if (headline == null) {
            return;
        }
        List<Node> before = new ArrayList<>();
        int beforeLength = 0;
        for (Node node = headline; node != null && node != content; node = node.parent()) {
            for (Node sibling = node.previousSibling(); sibling != null; sibling = sibling.previousSibling()) {
                before.add(sibling);
                beforeLength += sibling instanceof Element element
                        ? element.text().length()
                        : sibling instanceof org.jsoup.nodes.TextNode text
                                ? text.text().strip().length()
                                : 0;
            }
        }
        int total = content.text().length();
        if (beforeLength > 200 || beforeLength > total * 0.1) {
            return;
        }
        before.forEach(Node::remove);
        headline.remove();
    }

    /**
     * Removes what the article container holds besides the article, by its class or id: captions and photo credits,
     * bylines and datelines, share bars, related-article and newsletter boxes, tag lists, author bios. An element that
     * holds much of the container's text is kept, whatever it is called.
     */
    private static void removeNamedFurniture(Element content) {
        Map<Element, Integer> lengths = textLengths(content);
        int total = Math.max(1, lengths.getOrDefault(content, 0));
        List<Element> furniture = new ArrayList<>();
        for (Element element : content.getAllElements()) {
            if (element != content
                    && (isFurnitureName(element.className())
                            || isFurnitureName(element.id())
                            || SUMMARY_NAME
                                    .matcher(element.className() + " " + element.id())
                                    .find())
                    && lengths.getOrDefault(element, 0) < total * 0.3) {
                furniture.add(element);
            }
        }
        furniture.forEach(Element::remove);
    }

    /**
     * The length of every element's text (whitespace runs counted once), in one pass from the leaves up, so that
     * judging each element of a hostile, deeply nested page stays linear in its size.
     */
    static Map<Element, Integer> textLengths(Element root) {
        Map<Element, Integer> lengths = new IdentityHashMap<>();
        org.jsoup.select.NodeTraversor.traverse(
                new org.jsoup.select.NodeVisitor() {
                    @Override
                    public void head(Node node, int depth) {}

                    @Override
                    public void tail(Node node, int depth) {
                        int own = node instanceof org.jsoup.nodes.TextNode text
                                ? text.text().strip().length()
                                : node instanceof Element element ? lengths.getOrDefault(element, 0) : 0;
                        if (node != root && node.parent() instanceof Element parent && own > 0) {
                            lengths.merge(parent, own, Integer::sum);
                        }
                    }
                },
                root);
        return lengths;
    }

    /** Whether a class or id names page furniture: one of its words (split at spaces, dashes, underscores) does. */
    static boolean isFurnitureName(String names) {
        if (names.isBlank()) {
            return false;
        }
        for (String name : names.toLowerCase(java.util.Locale.ROOT).split("\\s+")) {
            // "caption" is furniture however it is joined to other words ("galleryCaption001", "imgcaption").
            if (FURNITURE_NAME.matcher(name).find() || name.contains("caption")) {
                return true;
            }
        }
        return false;
    }

    private static String textOf(Element content, String title) {
        List<String> kept = new ArrayList<>();
        List<String> paragraphs = HtmlText.paragraphs(content);
        for (int i = 0; i < paragraphs.size(); i++) {
            String line = paragraphs.get(i).strip();
            if (isDropCap(line) && i + 1 < paragraphs.size() && startsLowerCase(paragraphs.get(i + 1))) {
                // A drop cap set apart from its paragraph ("T" + "urkey, Poland and…") is the paragraph's first letter.
                paragraphs.set(i + 1, line + paragraphs.get(i + 1).strip());
                continue;
            }
            if (FURNITURE_LINE.matcher(line).matches()) {
                continue;
            }
            if (kept.isEmpty() && line.equalsIgnoreCase(title.strip())) {
                // The headline is the title, not the first paragraph.
                continue;
            }
            kept.add(line);
        }
        kept = withoutRepeats(kept);
        // Bylines, datelines, credits, "read more" and copyright lines sit at the edges of the article; inside it a
        // short line is more likely a line of the article, and cutting it out would join what it separates.
        int start = 0;
        while (start < kept.size() && isEdgeFurniture(kept.get(start), true)) {
            start++;
        }
        int end = kept.size();
        while (end > start && isEdgeFurniture(kept.get(end - 1), false)) {
            end--;
        }
        return String.join("\n\n", kept.subList(start, end));
    }

    /**
     * The paragraphs without those that only repeat what another paragraph says: pull quotes, and teasers or
     * subscription boxes printed twice. A paragraph of eight words or more goes when every word 4-gram of it stands in
     * another paragraph still kept; of two identical paragraphs one stays. Linear in the length of the text.
     */
    static List<String> withoutRepeats(List<String> paragraphs) {
        List<Set<String>> shingles = new ArrayList<>();
        Map<String, Integer> holders = new java.util.HashMap<>();
        for (String paragraph : paragraphs) {
            Set<String> own = new java.util.HashSet<>();
            String[] words = Arrays.stream(WORD_SPLIT.split(paragraph.toLowerCase(java.util.Locale.ROOT)))
                    .filter(word -> !word.isEmpty())
                    .toArray(String[]::new);
            for (int i = 0; i + 4 <= words.length; i++) {
                own.add(words[i] + ' ' + words[i + 1] + ' ' + words[i + 2] + ' ' + words[i + 3]);
            }
            shingles.add(own);
            own.forEach(shingle -> holders.merge(shingle, 1, Integer::sum));
        }
        List<String> kept = new ArrayList<>();
        for (int i = 0; i < paragraphs.size(); i++) {
            Set<String> own = shingles.get(i);
            // Short lines (a name, "Read more") may well stand twice in an article; a repeated passage is longer.
            boolean repeated = own.size() >= 5 && own.stream().allMatch(shingle -> holders.get(shingle) > 1);
            if (repeated) {
                own.forEach(shingle -> holders.merge(shingle, -1, Integer::sum));
            } else {
                kept.add(paragraphs.get(i));
            }
        }
        return kept;
    }

    private static boolean isDropCap(String line) {
        return line.length() == 1 && Character.isUpperCase(line.charAt(0));
    }

    private static boolean startsLowerCase(String paragraph) {
        String text = paragraph.strip();
        return !text.isEmpty() && Character.isLowerCase(text.charAt(0));
    }

    private static boolean isEdgeFurniture(String line, boolean leading) {
        return line.length() < 120
                && (BOILERPLATE_LINE.matcher(line).matches()
                        || leading && BYLINE_OR_DATE.matcher(line).matches());
    }

    private static List<URI> links(Element content) {
        Set<URI> links = new LinkedHashSet<>();
        for (Element anchor : content.select("a[href]")) {
            String href = anchor.absUrl("href");
            if (href.startsWith("http://") || href.startsWith("https://")) {
                try {
                    links.add(new URI(href.replace(" ", "%20")));
                } catch (URISyntaxException unreadable) {
                    // a link nobody could follow is no loss
                }
            }
        }
        return List.copyOf(links);
    }

    static double linkDensity(Element element) {
        int length = element.text().length();
        if (length == 0) {
            return 0;
        }
        int linked = 0;
        for (Element anchor : element.select("a")) {
            String href = anchor.attr("href");
            // In-page anchors (footnotes, "jump to") are part of the text, not links away from it.
            double weight = href.startsWith("#") ? 0.3 : 1;
            linked += (int) (anchor.text().length() * weight);
        }
        return Math.min(1, linked / (double) length);
    }

    private static int commas(String text) {
        int count = 0;
        for (int i = 0; i < text.length(); i++) {
            if (isComma(text.charAt(i))) {
                count++;
            }
        }
        return count;
    }

    static boolean isComma(char c) {
        return c == ',' || c == '，' || c == '、' || c == '،';
    }
}
