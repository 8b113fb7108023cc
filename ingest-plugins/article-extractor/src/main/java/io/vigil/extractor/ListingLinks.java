package io.vigil.extractor;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.QueryParser;
import org.jsoup.select.Selector;

/**
 * Finds the article links on a listing page (a section front, a topic page).
 *
 * <p>With a CSS selector, every link the selector matches (or that sits inside a match) is taken. Without one, a link
 * counts as an article when it stays on the listing's site, is not in the navigation, header, footer or a sidebar, and
 * looks like an article: a headline-length anchor text, or a path with a date, a long number or a long slug — not a
 * tag, author, category, search or login page. Stateless.
 */
public final class ListingLinks {

    private static final Pattern NOT_AN_ARTICLE = Pattern.compile(
            "(?i)/(tags?|topics?|authors?|category|categories|section|sections|search|login|signin|sign-in|register"
                    + "|subscribe|subscription|newsletters?|account|privacy|terms|about|contact|help|feeds?|rss"
                    + "|page/\\d+|cdn-cgi|wp-login|wp-admin|live-?tv|video|videos|podcasts?|gallery|galleries)(/|$)");
    private static final Pattern DATED_OR_NUMBERED = Pattern.compile("/(19|20)\\d{2}[/-]\\d{1,2}|\\d{5,}|\\.s?html?$");
    private static final Pattern LONG_SLUG = Pattern.compile("[a-z0-9]+(-[a-z0-9]+){3,}", Pattern.CASE_INSENSITIVE);

    private ListingLinks() {}

    /**
     * The article links of a listing page, absolute, without fragments, in page order and without repeats.
     *
     * @param html the listing page
     * @param base where it came from
     * @param cssSelector the user's selector for article links, or {@code null} (or blank) for the default rules
     * @throws IllegalArgumentException when the selector is not valid CSS
     * @throws PageTooComplexException when the page has far more elements than a listing page (see {@link
     *     BoundedHtml})
     */
    public static List<URI> find(String html, URI base, String cssSelector) {
        Document page = BoundedHtml.parse(html, base.toString());
        Set<URI> found = new LinkedHashSet<>();
        if (cssSelector != null && !cssSelector.isBlank()) {
            for (Element match : select(page, cssSelector)) {
                List<Element> anchors = match.is("a[href]") ? List.of(match) : match.select("a[href]");
                for (Element anchor : anchors) {
                    absolute(anchor).ifPresent(found::add);
                }
            }
        } else {
            page.select("nav, header, footer, aside, [role=navigation], [role=banner], [role=contentinfo]")
                    .remove();
            for (Element anchor : page.select("a[href]")) {
                absolute(anchor)
                        .filter(uri -> sameSite(uri, base))
                        .filter(uri -> !uri.equals(withoutFragment(base)))
                        .filter(uri -> looksLikeArticle(uri, anchor.text()))
                        .ifPresent(found::add);
            }
        }
        return List.copyOf(found);
    }

    /** Checks a selector without a page, so a configuration can be refused before the first fetch. */
    public static void validateSelector(String cssSelector) {
        try {
            QueryParser.parse(cssSelector);
        } catch (Selector.SelectorParseException e) {
            throw new IllegalArgumentException("'" + cssSelector + "' is not a valid CSS selector: " + e.getMessage());
        }
    }

    private static List<Element> select(Document page, String cssSelector) {
        try {
            return page.select(cssSelector);
        } catch (Selector.SelectorParseException e) {
            throw new IllegalArgumentException("'" + cssSelector + "' is not a valid CSS selector: " + e.getMessage());
        }
    }

    private static boolean looksLikeArticle(URI uri, String anchorText) {
        String path = uri.getPath() == null ? "" : uri.getPath();
        if (path.isEmpty() || path.equals("/") || NOT_AN_ARTICLE.matcher(path).find()) {
            return false;
        }
        String lastSegment = path.replaceAll("/+$", "");
        lastSegment = lastSegment.substring(lastSegment.lastIndexOf('/') + 1);
        boolean articlePath = DATED_OR_NUMBERED.matcher(path).find()
                || LONG_SLUG.matcher(lastSegment).find();
        boolean headline = anchorText.strip().split("\\s+").length >= 4;
        return articlePath || (headline && path.split("/").length >= 3);
    }

    private static Optional<URI> absolute(Element anchor) {
        String href = anchor.absUrl("href");
        String lower = href.toLowerCase(Locale.ROOT);
        if (!lower.startsWith("http://") && !lower.startsWith("https://")) {
            return Optional.empty();
        }
        try {
            return Optional.of(withoutFragment(new URI(href.strip().replace(" ", "%20"))));
        } catch (URISyntaxException unreadable) {
            return Optional.empty();
        }
    }

    private static URI withoutFragment(URI uri) {
        if (uri.getRawFragment() == null) {
            return uri;
        }
        String text = uri.toString();
        return URI.create(text.substring(0, text.indexOf('#')));
    }

    private static boolean sameSite(URI link, URI base) {
        return link.getHost() != null
                && base.getHost() != null
                && siteOf(link.getHost()).equals(siteOf(base.getHost()));
    }

    /** news.example.com and www.example.com are one site; the last two labels name it (good enough for news sites). */
    private static String siteOf(String host) {
        String[] labels = host.toLowerCase(Locale.ROOT).split("\\.");
        if (labels.length <= 2) {
            return host.toLowerCase(Locale.ROOT);
        }
        String last = labels[labels.length - 1];
        String second = labels[labels.length - 2];
        // co.uk, com.au and the like: keep three labels
        boolean countrySecondLevel = last.length() == 2 && second.length() <= 3;
        int keep = countrySecondLevel ? 3 : 2;
        return String.join(".", Arrays.copyOfRange(labels, labels.length - keep, labels.length));
    }
}
