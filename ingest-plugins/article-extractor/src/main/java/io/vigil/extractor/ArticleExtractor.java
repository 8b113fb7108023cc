package io.vigil.extractor;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Comment;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.select.Elements;

/**
 * Finds the article in a news page, readability-style: page furniture (navigation, sidebars, footers, comment
 * threads, share and newsletter widgets) is removed, the remaining text blocks are scored — long, comma-rich
 * paragraphs count for their parent and grandparent, link-heavy blocks against — the best-scoring container is taken
 * with those of its siblings that look like article text, and it is cleaned once more before it is read as text, one
 * paragraph per block.
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
                    + "|getty images|reuters|ap photo|\\d+|[A-Z]{1,3}|top stories|more on this story|see also)"
                    + "[.:!]?");

    private static final Set<String> SCORABLE = Set.of("p", "pre", "td", "blockquote", "section", "h2", "h3");
    private static final Set<String> FURNITURE_TAGS =
            Set.of("nav", "aside", "footer", "form", "button", "dialog", "menu", "figure", "header");
    private static final int ENOUGH_TEXT = 500;

    private ArticleExtractor() {}

    /**
     * Extracts the article of an HTML page.
     *
     * @param html the page as text
     * @param baseUri where the page came from; relative links are resolved against it (a {@code <base>} wins)
     */
    public static ExtractedPage extract(String html, URI baseUri) {
        Document page = Jsoup.parse(html == null ? "" : html, baseUri == null ? "" : baseUri.toString());
        String title = PageMetadata.title(page);
        var publishedAt = PageMetadata.publishedAt(page).orElse(null);
        String language = PageMetadata.language(page);

        Element best = article(page.clone(), true);
        String text = textOf(best, title);
        if (text.length() < ENOUGH_TEXT) {
            Element lenient = article(page.clone(), false);
            String lenientText = textOf(lenient, title);
            if (lenientText.length() > text.length()) {
                best = lenient;
                text = lenientText;
            }
        }
        return new ExtractedPage(title, text, publishedAt, language, links(best));
    }

    private static Element article(Document page, boolean stripUnlikely) {
        prepare(page, stripUnlikely);
        Element body = page.body();
        Map<Element, Double> scores = score(body);
        Element top = null;
        double topScore = 0;
        for (Map.Entry<Element, Double> candidate : scores.entrySet()) {
            double score = candidate.getValue() * (1 - linkDensity(candidate.getKey()));
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
        Element content = gather(top, scores);
        clean(content, scores);
        return content;
    }

    /** Removes what is never article text, and (when asked) what is named like page furniture. */
    private static void prepare(Document page, boolean stripUnlikely) {
        page.select(String.join(",", HtmlText.NEVER_TEXT)).remove();
        page.select("[hidden], [aria-hidden=true], [style*=display:none], [style*=display: none]")
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
    private static Map<Element, Double> score(Element body) {
        Map<Element, Double> scores = new IdentityHashMap<>();
        for (Element block : body.getAllElements()) {
            if (!isScorable(block)) {
                continue;
            }
            String text = block.text();
            if (text.length() < 25) {
                continue;
            }
            double score = 1 + commas(text) + Math.min(text.length() / 100.0, 3);
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
            for (Element parent = top.parent(); parent != null && parent != body; parent = parent.parent()) {
                int containing = 0;
                for (Element alternative : alternatives) {
                    if (alternative.parents().contains(parent)) {
                        containing++;
                    }
                }
                if (containing >= 3) {
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

    /** The top candidate and those siblings of it that read like more of the same article. */
    private static Element gather(Element top, Map<Element, Double> scores) {
        Element parent = top.parent();
        if (parent == null) {
            return top;
        }
        double topScore = scores.getOrDefault(top, 0.0);
        double threshold = Math.max(10, topScore * 0.2);
        Element content = new Element("div");
        for (Element sibling : new ArrayList<>(parent.children())) {
            boolean keep = sibling == top;
            if (!keep) {
                double bonus =
                        !top.className().isBlank() && sibling.className().equals(top.className()) ? topScore * 0.2 : 0;
                Double score = scores.get(sibling);
                keep = score != null && score + bonus >= threshold;
            }
            if (!keep && sibling.normalName().equals("p")) {
                String text = sibling.text();
                double density = linkDensity(sibling);
                keep = (text.length() > 80 && density < 0.25)
                        || (text.length() > 0 && text.length() <= 80 && density == 0 && text.matches(".*\\.( |$).*"));
            }
            if (keep) {
                content.appendChild(sibling);
            }
        }
        return content;
    }

    /** Removes blocks inside the article that look like widgets: link lists, image galleries, forms, empty shells. */
    private static void clean(Element content, Map<Element, Double> scores) {
        Elements candidates = content.select("table, ul, ol, div, section, aside");
        for (int i = candidates.size() - 1; i >= 0; i--) {
            Element element = candidates.get(i);
            if (element.parent() == null || element == content) {
                continue;
            }
            int weight = classWeight(element);
            double score = scores.getOrDefault(element, 0.0);
            if (weight + score < 0) {
                element.remove();
                continue;
            }
            String text = element.text();
            if (commas(text) >= 10) {
                continue;
            }
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
                element.remove();
            }
        }
        for (Element heading : content.select("h1, h2, h3")) {
            if (classWeight(heading) < 0 || linkDensity(heading) > 0.33) {
                heading.remove();
            }
        }
    }

    private static String textOf(Element content, String title) {
        List<String> kept = new ArrayList<>();
        for (String paragraph : HtmlText.paragraphs(content)) {
            String line = paragraph.strip();
            if (FURNITURE_LINE.matcher(line).matches()) {
                continue;
            }
            if (kept.isEmpty() && line.equalsIgnoreCase(title.strip())) {
                // The headline is the title, not the first paragraph.
                continue;
            }
            kept.add(line);
        }
        return String.join("\n\n", kept);
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
            char c = text.charAt(i);
            if (c == ',' || c == '，' || c == '、' || c == '،') {
                count++;
            }
        }
        return count;
    }
}
