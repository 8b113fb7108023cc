package io.vigil.opml;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.parser.Parser;

/**
 * Reads and writes OPML subscription lists, the format feed readers import and export.
 *
 * <p>Reading is forgiving, because real exports are often sloppy: any nesting depth, folders as outlines without a
 * feed URL (or as a {@code category} attribute), attribute names in any case ({@code xmlUrl}, {@code xmlurl}), a
 * missing title, a {@code feed://} scheme, unclosed tags. It is also safe: jsoup's XML parser never reads a DTD or
 * resolves an external entity, and at most {@value #MAX_BYTES} bytes are read.
 */
public final class OpmlDocument {

    static final int MAX_BYTES = 10 * 1024 * 1024;

    /** The deepest nesting of outlines read. */
    static final int MAX_DEPTH = 64;

    private OpmlDocument() {}

    /**
     * The feeds of an OPML document, in document order, each feed URL once.
     *
     * @throws IOException when the stream fails or holds more than {@value #MAX_BYTES} bytes
     */
    public static List<FeedOutline> parse(InputStream opml) throws IOException {
        byte[] bytes = opml.readNBytes(MAX_BYTES + 1);
        if (bytes.length > MAX_BYTES) {
            throw new IOException("the OPML document is larger than " + MAX_BYTES + " bytes");
        }
        Document document = Jsoup.parse(new ByteArrayInputStream(bytes), null, "", Parser.xmlParser());
        Map<String, FeedOutline> feeds = new LinkedHashMap<>();
        Element body = document.selectFirst("body");
        for (Element outline : (body != null ? body : document).children()) {
            collect(outline, List.of(), feeds, 0);
        }
        return List.copyOf(feeds.values());
    }

    private static void collect(Element element, List<String> folders, Map<String, FeedOutline> feeds, int depth)
            throws IOException {
        if (depth > MAX_DEPTH) {
            // Real OPML nests a few folders; a deeper document is built to exhaust the stack.
            throw new IOException("the OPML document nests outlines deeper than " + MAX_DEPTH + " levels");
        }
        if (!element.normalName().equals("outline")) {
            for (Element child : element.children()) {
                collect(child, folders, feeds, depth + 1);
            }
            return;
        }
        String title = attribute(element, "title");
        if (title.isBlank()) {
            title = attribute(element, "text");
        }
        String xmlUrl = attribute(element, "xmlurl").strip();
        if (xmlUrl.isEmpty()) {
            List<String> inner = new ArrayList<>(folders);
            if (!title.isBlank()) {
                inner.add(title.strip());
            }
            for (Element child : element.children()) {
                collect(child, inner, feeds, depth + 1);
            }
            return;
        }
        if (xmlUrl.regionMatches(true, 0, "feed://", 0, 7)) {
            xmlUrl = "http://" + xmlUrl.substring(7);
        }
        String category = String.join("/", folders);
        if (category.isEmpty()) {
            category = firstCategory(attribute(element, "category"));
        }
        feeds.putIfAbsent(xmlUrl, new FeedOutline(title, xmlUrl, attribute(element, "htmlurl"), category));
    }

    /** The first of OPML 2.0's comma-separated, slash-delimited categories: "/News/World,/Tech" → "News/World". */
    private static String firstCategory(String value) {
        String first = value.split(",")[0].strip();
        while (first.startsWith("/")) {
            first = first.substring(1);
        }
        return first;
    }

    private static String attribute(Element element, String lowercaseName) {
        for (Attribute attribute : element.attributes()) {
            if (attribute.getKey().toLowerCase(Locale.ROOT).equals(lowercaseName)) {
                return attribute.getValue();
            }
        }
        return "";
    }

    /** An OPML 2.0 document listing the feeds, one folder outline per category path. */
    public static String write(List<FeedOutline> feeds) {
        Folder root = new Folder();
        for (FeedOutline feed : feeds) {
            Folder folder = root;
            for (String name : feed.category().split("/")) {
                if (!name.isBlank()) {
                    folder = folder.folders.computeIfAbsent(name.strip(), ignored -> new Folder());
                }
            }
            folder.feeds.add(feed);
        }
        StringBuilder out = new StringBuilder();
        out.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        out.append("<opml version=\"2.0\">\n");
        out.append("  <head>\n    <title>Vigil feeds</title>\n  </head>\n");
        out.append("  <body>\n");
        write(root, 2, out);
        out.append("  </body>\n</opml>\n");
        return out.toString();
    }

    private static void write(Folder folder, int depth, StringBuilder out) {
        String indent = "  ".repeat(depth);
        for (FeedOutline feed : folder.feeds) {
            out.append(indent)
                    .append("<outline type=\"rss\" text=\"")
                    .append(escape(feed.title()))
                    .append("\" title=\"")
                    .append(escape(feed.title()))
                    .append("\" xmlUrl=\"")
                    .append(escape(feed.xmlUrl()))
                    .append('"');
            if (!feed.htmlUrl().isEmpty()) {
                out.append(" htmlUrl=\"").append(escape(feed.htmlUrl())).append('"');
            }
            out.append("/>\n");
        }
        for (Map.Entry<String, Folder> child : folder.folders.entrySet()) {
            out.append(indent)
                    .append("<outline text=\"")
                    .append(escape(child.getKey()))
                    .append("\">\n");
            write(child.getValue(), depth + 1, out);
            out.append(indent).append("</outline>\n");
        }
    }

    private static String escape(String value) {
        StringBuilder out = new StringBuilder(value.length());
        for (char c : value.toCharArray()) {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\n' -> out.append("&#10;");
                default -> {
                    if (c >= 0x20 || c == '\t') {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }

    /** A category folder while writing: its feeds, then its sub-folders, both in first-seen order. */
    private static final class Folder {
        final Set<FeedOutline> feeds = new LinkedHashSet<>();
        final Map<String, Folder> folders = new LinkedHashMap<>();
    }
}
