package io.vigil.extractor;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/** Reads a page's headline, publication date and language from its markup and embedded metadata. */
final class PageMetadata {

    private static final Pattern JSON_LD_DATE = Pattern.compile("\"datePublished\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern JSON_LD_BODY =
            Pattern.compile("\"articleBody\"\\s*:\\s*\"((?:[^\"\\\\]++|\\\\.)*+)\"");
    private static final Pattern JSON_LD_HEADLINE =
            Pattern.compile("\"headline\"\\s*:\\s*\"((?:[^\"\\\\]++|\\\\.)++)\"");
    private static final Pattern TITLE_SEPARATOR = Pattern.compile("\\s+[|\\-–—:·»]+\\s+");
    private static final Pattern LANGUAGE = Pattern.compile("([a-zA-Z]{2,3})(?:[-_].*)?");

    private PageMetadata() {}

    static String title(Document page) {
        String og = meta(page, "meta[property=og:title]", "meta[name=twitter:title]", "meta[name=title]");
        String headline = page.select("h1").stream()
                .map(Element::text)
                .map(String::strip)
                .filter(text -> text.length() >= 10)
                .findFirst()
                .orElse("");
        String documentTitle = page.title().strip();
        if (!og.isEmpty()) {
            return og;
        }
        Matcher jsonLd = JSON_LD_HEADLINE.matcher(jsonLd(page));
        if (jsonLd.find()) {
            return jsonLd.group(1).replace("\\\"", "\"").replace("\\/", "/").strip();
        }
        if (!headline.isEmpty() && (documentTitle.isEmpty() || documentTitle.contains(headline))) {
            return headline;
        }
        return withoutSiteName(documentTitle);
    }

    /** "Obama admits … | BBC News" → "Obama admits …": keeps the longest part around the usual separators. */
    private static String withoutSiteName(String title) {
        String[] parts = TITLE_SEPARATOR.split(title);
        if (parts.length < 2) {
            return title;
        }
        String longest = parts[0];
        for (String part : parts) {
            if (part.length() > longest.length()) {
                longest = part;
            }
        }
        return longest.split("\\s+").length >= 3 ? longest.strip() : title;
    }

    static Optional<Instant> publishedAt(Document page) {
        List<String> candidates = new ArrayList<>();
        for (String selector : List.of(
                "meta[property=article:published_time]",
                "meta[itemprop=datePublished]",
                "meta[name=pubdate]",
                "meta[name=publishdate]",
                "meta[name=publish-date]",
                "meta[name=parsely-pub-date]",
                "meta[name=sailthru.date]",
                "meta[name=dc.date.issued]",
                "meta[name=dc.date]",
                "meta[name=DC.date.issued]",
                "meta[name=date]",
                "meta[property=og:published_time]")) {
            Element meta = page.selectFirst(selector);
            if (meta != null) {
                candidates.add(meta.attr("content"));
            }
        }
        Matcher jsonLd = JSON_LD_DATE.matcher(jsonLd(page));
        if (jsonLd.find()) {
            candidates.add(jsonLd.group(1));
        }
        for (Element element : page.select("[itemprop=datePublished], time[pubdate], time[datetime]")) {
            candidates.add(element.hasAttr("datetime") ? element.attr("datetime") : element.attr("content"));
        }
        return candidates.stream()
                .map(PublicationDate::parse)
                .flatMap(Optional::stream)
                .findFirst();
    }

    static String language(Document page) {
        for (String value : List.of(
                page.select("html").attr("lang"),
                page.select("html").attr("xml:lang"),
                meta(page, "meta[http-equiv=content-language]"),
                meta(page, "meta[property=og:locale]"),
                meta(page, "meta[name=language]"))) {
            Matcher matcher = LANGUAGE.matcher(value.strip());
            if (matcher.matches()) {
                return matcher.group(1).toLowerCase(Locale.ROOT);
            }
        }
        return null;
    }

    private static String meta(Document page, String... selectors) {
        for (String selector : selectors) {
            Element meta = page.selectFirst(selector);
            if (meta != null && !meta.attr("content").isBlank()) {
                return meta.attr("content").strip();
            }
        }
        return "";
    }

    /**
     * The article body the page declares in schema.org JSON-LD ({@code "articleBody"}) as plain text, paragraphs
     * separated by blank lines; {@code null} when it declares none. The longest one wins when there are several.
     */
    static String articleBody(Document page) {
        String best = null;
        Matcher body = JSON_LD_BODY.matcher(jsonLd(page));
        while (body.find()) {
            String text = unescapeJson(body.group(1));
            text = text.indexOf('<') >= 0 ? HtmlText.of(text) : text;
            text = text.replace("\r\n", "\n").replaceAll("\n\\s*\n|\n", "\n\n").strip();
            if (best == null || text.length() > best.length()) {
                best = text;
            }
        }
        return best;
    }

    /** The value of a JSON string literal (between its quotes). */
    private static String unescapeJson(String value) {
        StringBuilder out = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c != '\\' || i + 1 >= value.length()) {
                out.append(c);
                continue;
            }
            char next = value.charAt(++i);
            switch (next) {
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case 'b', 'f' -> out.append(' ');
                case 'u' -> {
                    if (i + 4 < value.length()) {
                        try {
                            out.append((char) Integer.parseInt(value.substring(i + 1, i + 5), 16));
                        } catch (NumberFormatException notHex) {
                            out.append('?');
                        }
                        i += 4;
                    }
                }
                default -> out.append(next);
            }
        }
        return out.toString();
    }

    private static String jsonLd(Document page) {
        StringBuilder all = new StringBuilder();
        for (Element script : page.select("script[type=application/ld+json]")) {
            all.append(script.data()).append('\n');
        }
        return all.toString();
    }
}
