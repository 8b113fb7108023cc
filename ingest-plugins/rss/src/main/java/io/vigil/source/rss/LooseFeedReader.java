package io.vigil.source.rss;

import io.vigil.extractor.HtmlText;
import io.vigil.extractor.PublicationDate;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jdom2.Attribute;
import org.jdom2.Document;
import org.jdom2.Element;
import org.jdom2.Namespace;

/**
 * Reads a feed by the local names of its elements, whatever its format, version or namespaces: the reader for the
 * documents Rome cannot read or reads only in part — RSS 1.1 ({@code http://purl.org/net/rss1.1#}), an {@code <rss>}
 * with an unknown version, items outside their channel, a feed Rome trips over.
 *
 * <p>Entries are the outermost {@code item} and {@code entry} elements; in each, the first {@code title}, the links
 * ({@code link} text or {@code href}, preferring {@code rel="alternate"}, then a permalink guid, then an enclosure),
 * the id ({@code guid}, {@code id}, {@code rdf:about}), the fullest text of {@code content:encoded}, {@code content},
 * {@code description} and {@code summary}, the first date, author and categories. Relative links resolve against
 * {@code xml:base}, the feed's site link, then the feed's address.
 */
final class LooseFeedReader {

    private static final Set<String> ENTRY = Set.of("item", "entry");
    private static final Set<String> TEXT = Set.of("encoded", "content", "description", "summary", "body", "fullitem");
    private static final List<String> DATES =
            List.of("pubDate", "published", "issued", "created", "date", "updated", "modified");
    private static final Namespace RDF = Namespace.getNamespace("rdf", "http://www.w3.org/1999/02/22-rdf-syntax-ns#");
    private static final int MAX_DEPTH = 8;

    private LooseFeedReader() {}

    /** The entries of a document, in document order, or none when it has no item or entry element. */
    static List<FeedItem> items(Document document, URI feedUri, String siteLink) {
        Element root = document.getRootElement();
        URI rootBase = FeedReader.withBase(feedUri, root);
        URI siteBase = siteLink == null ? rootBase : URI.create(siteLink);
        List<FeedItem> items = new ArrayList<>();
        collect(root, 0, rootBase, siteBase, feedUri, items);
        return items;
    }

    /** The number of item and entry elements {@link #items} would read. */
    static int countEntries(Document document) {
        int[] count = {0};
        count(document.getRootElement(), 0, count);
        return count[0];
    }

    private static void count(Element element, int depth, int[] count) {
        for (Element child : element.getChildren()) {
            if (ENTRY.contains(child.getName())) {
                count[0]++;
            } else if (depth < MAX_DEPTH) {
                count(child, depth + 1, count);
            }
        }
    }

    /** The feed's title: a {@code title} on the root or on its {@code channel}. */
    static String title(Document document) {
        Element root = document.getRootElement();
        Element title = child(root, "title");
        if (title == null) {
            Element channel = child(root, "channel");
            title = channel == null ? null : child(channel, "title");
        }
        return title == null ? "" : Mojibake.repair(plainTitle(title));
    }

    /** The feed's site link, as written (not yet resolved). */
    static String siteLink(Document document) {
        Element root = document.getRootElement();
        Element channel = child(root, "channel");
        String link = link(channel == null ? root : channel);
        return link != null ? link : link(root);
    }

    /** The feed's declared language code, as written. */
    static String language(Document document) {
        Element root = document.getRootElement();
        Element channel = child(root, "channel");
        for (Element holder : channel == null ? List.of(root) : List.of(channel, root)) {
            Element language = child(holder, "language");
            if (language != null && !language.getTextTrim().isEmpty()) {
                return language.getTextTrim();
            }
        }
        return root.getAttributeValue("lang", Namespace.XML_NAMESPACE);
    }

    private static void collect(Element element, int depth, URI base, URI siteBase, URI feedUri, List<FeedItem> items) {
        for (Element child : element.getChildren()) {
            URI childBase = FeedReader.withBase(base, child);
            if (ENTRY.contains(child.getName())) {
                items.add(item(child, childBase.equals(feedUri) ? siteBase : childBase, feedUri));
            } else if (depth < MAX_DEPTH) {
                collect(child, depth + 1, childBase, siteBase, feedUri, items);
            }
        }
    }

    private static FeedItem item(Element entry, URI base, URI feedUri) {
        Element titleElement = child(entry, "title");
        String title = titleElement == null ? "" : Mojibake.repair(plainTitle(titleElement));
        String text = "";
        for (Element child : entry.getChildren()) {
            if (TEXT.contains(child.getName())) {
                String candidate = Mojibake.repair(plainText(child));
                if (candidate.length() > text.length()) {
                    text = candidate;
                }
            }
        }
        Instant published = null;
        for (String name : DATES) {
            Element date = child(entry, name);
            if (date != null) {
                published = PublicationDate.parse(date.getTextTrim()).orElse(null);
                if (published != null) {
                    break;
                }
            }
        }
        String link = resolveFirst(base, feedUri, link(entry), permalinkGuid(entry));
        List<String> enclosures = enclosures(entry, base, feedUri);
        return new FeedItem(id(entry), link, title, text, published, author(entry), categories(entry), enclosures);
    }

    private static String id(Element entry) {
        for (String name : List.of("guid", "id")) {
            Element id = child(entry, name);
            if (id != null && !id.getTextTrim().isEmpty()) {
                return id.getTextTrim();
            }
        }
        String about = entry.getAttributeValue("about", RDF);
        return about == null || about.isBlank() ? null : about.strip();
    }

    private static String permalinkGuid(Element entry) {
        Element guid = child(entry, "guid");
        if (guid == null || "false".equalsIgnoreCase(guid.getAttributeValue("isPermaLink"))) {
            return null;
        }
        String value = guid.getTextTrim();
        return value.toLowerCase(Locale.ROOT).matches("https?://.*") ? value : null;
    }

    /** The alternate link of an element: an Atom link with {@code rel="alternate"} or none, else a link's text. */
    private static String link(Element element) {
        String textLink = null;
        String otherLink = null;
        for (Element child : element.getChildren()) {
            if (!child.getName().equals("link")) {
                continue;
            }
            String href = child.getAttributeValue("href");
            if (href != null) {
                String rel = child.getAttributeValue("rel");
                if (rel == null || rel.isBlank() || rel.equalsIgnoreCase("alternate")) {
                    return href.strip();
                }
                if (otherLink == null && !rel.equalsIgnoreCase("self") && !rel.equalsIgnoreCase("hub")) {
                    otherLink = href.strip();
                }
            } else if (textLink == null && !child.getTextTrim().isEmpty()) {
                textLink = child.getTextTrim();
            }
        }
        return textLink != null ? textLink : otherLink;
    }

    private static List<String> enclosures(Element entry, URI base, URI feedUri) {
        Set<String> found = new LinkedHashSet<>();
        for (Element child : entry.getChildren()) {
            String url =
                    switch (child.getName()) {
                        case "enclosure" -> child.getAttributeValue("url");
                        case "content" ->
                            child.getNamespacePrefix().equals("media") ? child.getAttributeValue("url") : null;
                        case "link" ->
                            "enclosure".equalsIgnoreCase(child.getAttributeValue("rel"))
                                    ? child.getAttributeValue("href")
                                    : null;
                        default -> null;
                    };
            String resolved = resolveFirst(base, feedUri, url, null);
            if (resolved != null) {
                found.add(resolved);
            }
        }
        return List.copyOf(found);
    }

    private static String author(Element entry) {
        for (String name : List.of("author", "creator")) {
            Element author = child(entry, name);
            if (author != null) {
                Element nameElement = child(author, "name");
                String value = nameElement != null ? nameElement.getTextTrim() : author.getTextTrim();
                if (!value.isEmpty()) {
                    return value;
                }
            }
        }
        return "";
    }

    private static List<String> categories(Element entry) {
        Set<String> categories = new LinkedHashSet<>();
        for (Element child : entry.getChildren()) {
            if (child.getName().equals("category") || child.getName().equals("subject")) {
                String term = child.getAttributeValue("term");
                String value = term != null ? term : child.getTextTrim();
                if (value != null && !value.isBlank()) {
                    categories.add(value.strip());
                }
            }
        }
        return List.copyOf(categories);
    }

    private static String resolveFirst(URI base, URI feedUri, String first, String second) {
        for (String candidate : new String[] {first, second}) {
            String resolved = FeedReader.resolve(base, candidate);
            if (resolved == null && !base.equals(feedUri)) {
                resolved = FeedReader.resolve(feedUri, candidate);
            }
            if (resolved != null) {
                return resolved;
            }
        }
        return null;
    }

    /** A title as one line of plain text; {@code type="text"} keeps its angle brackets. */
    private static String plainTitle(Element title) {
        String type = title.getAttributeValue("type");
        if (type != null && type.equalsIgnoreCase("text") && title.getChildren().isEmpty()) {
            return title.getText().replaceAll("\\s+", " ").strip();
        }
        return HtmlText.of(markup(title))
                .replace("\n\n", " ")
                .replace('\n', ' ')
                .strip();
    }

    /** A text construct or RSS description as plain text, paragraphs separated by blank lines. */
    private static String plainText(Element element) {
        String type = element.getAttributeValue("type");
        if (type != null
                && (type.equalsIgnoreCase("text") || type.equalsIgnoreCase("text/plain"))
                && element.getChildren().isEmpty()) {
            return HtmlText.of(element.getText().replace("&", "&amp;").replace("<", "&lt;"));
        }
        if ("base64".equalsIgnoreCase(element.getAttributeValue("mode"))) {
            return HtmlText.of(FeedReader.decodeBase64(element.getText()));
        }
        return HtmlText.of(markup(element));
    }

    /** The element's content as markup: its text (escaped HTML, CDATA) or its child elements (naked HTML). */
    static String markup(Element element) {
        if (element.getChildren().isEmpty()) {
            return element.getText();
        }
        StringBuilder html = new StringBuilder();
        for (var content : element.getContent()) {
            if (content instanceof Element child) {
                serialize(child, html, 0);
            } else {
                html.append(escape(content.getValue()));
            }
        }
        return html.toString();
    }

    /** Writes an element as HTML; past a nesting depth no page needs, only its text, so hostile nesting stays cheap. */
    private static void serialize(Element element, StringBuilder html, int depth) {
        if (depth > 64) {
            html.append(escape(element.getValue()));
            return;
        }
        html.append('<').append(element.getName());
        for (Attribute attribute : element.getAttributes()) {
            html.append(' ')
                    .append(attribute.getName())
                    .append("=\"")
                    .append(escape(attribute.getValue()).replace("\"", "&quot;"))
                    .append('"');
        }
        html.append('>');
        for (var content : element.getContent()) {
            if (content instanceof Element child) {
                serialize(child, html, depth + 1);
            } else {
                html.append(escape(content.getValue()));
            }
        }
        html.append("</").append(element.getName()).append('>');
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static Element child(Element parent, String name) {
        for (Element child : parent.getChildren()) {
            if (child.getName().equals(name)) {
                return child;
            }
        }
        return null;
    }
}
