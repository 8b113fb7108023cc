package io.vigil.source.rss;

import com.rometools.rome.feed.synd.SyndCategory;
import com.rometools.rome.feed.synd.SyndContent;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.feed.synd.SyndLink;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.SyndFeedInput;
import io.vigil.extractor.HtmlText;
import io.vigil.extractor.PublicationDate;
import io.vigil.spi.source.PushHub;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import org.jdom2.Document;
import org.jdom2.Element;
import org.jdom2.JDOMException;
import org.jdom2.Namespace;
import org.jdom2.filter.Filters;
import org.jdom2.input.SAXBuilder;
import org.jdom2.input.sax.XMLReaders;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Document.OutputSettings;
import org.jsoup.nodes.Entities;
import org.jsoup.parser.Parser;
import org.xml.sax.InputSource;

/**
 * Reads RSS 0.9x, 1.0 (RDF), 2.0 and Atom 0.3/1.0 documents with Rome, on an XML parser that cannot be turned against
 * Vigil.
 *
 * <h2>Hardening</h2>
 * The SAX parser refuses any DOCTYPE ({@code disallow-doctype-decl}), loads no external DTD or entity, and runs with
 * secure processing on, so neither an external entity (XXE) nor an entity expansion ("billion laughs") is possible;
 * Rome's own {@code SyndFeedInput} with {@code setAllowDoctypes(false)} sets the same features, but building the
 * document here keeps them in one visible place. Because RSS 0.91 feeds and some CMSs still send a DOCTYPE, it is cut
 * from the text before parsing, as Python's feedparser does; entities the DOCTYPE declared are then undefined and the
 * lenient path takes over. The input is already capped by the HTTP client's size limit.
 *
 * <h2>Broken feeds</h2>
 * {@link XmlHealing} drops white space and comments before the first tag and turns HTML entities such as {@code &nbsp;}
 * into character references;
 * characters XML forbids are removed. A document that is still not well-formed (a bare {@code &}, an unclosed tag, an
 * undeclared namespace prefix) is read again by jsoup's forgiving XML parser, re-serialised as well-formed XML with
 * well-known prefixes declared, and handed to Rome once more.
 */
final class FeedReader {

    private static final Pattern PREFIXED_NAME = Pattern.compile("</?([A-Za-z_][\\w.-]*):[A-Za-z_]");
    private static final Pattern LANGUAGE = Pattern.compile("([a-zA-Z]{2,3})(?:[-_].*)?");
    /** The most entries read from one feed document; the rest are ignored. */
    static final int MAX_ENTRIES = 5_000;
    /** Root elements of feeds, read even when they hold no entry or Rome does not know their version. */
    private static final Set<String> FEED_ROOTS = Set.of("rss", "feed", "RDF", "Channel", "channel");
    /** Text constructs whose HTML is sometimes written as elements ("naked") instead of escaped. */
    private static final Set<String> TEXT_CONSTRUCTS =
            Set.of("title", "description", "summary", "encoded", "content", "subtitle", "tagline", "info", "rights");

    private static final Set<String> TEXT_NAMESPACES = Set.of(
            "",
            "http://www.w3.org/2005/Atom",
            "http://purl.org/atom/ns#",
            "http://purl.org/rss/1.0/",
            "http://my.netscape.com/rdf/simple/0.9/",
            "http://purl.org/net/rss1.1#",
            "http://purl.org/rss/1.0/modules/content/",
            "http://purl.org/dc/elements/1.1/",
            "http://backend.userland.com/rss2");
    private static final Namespace RDF_NAMESPACE =
            Namespace.getNamespace("rdf", "http://www.w3.org/1999/02/22-rdf-syntax-ns#");
    private static final Set<String> DATE_ELEMENTS =
            Set.of("pubDate", "date", "published", "issued", "updated", "modified", "created");
    private static final Map<String, String> KNOWN_NAMESPACES = Map.of(
            "dc", "http://purl.org/dc/elements/1.1/",
            "content", "http://purl.org/rss/1.0/modules/content/",
            "atom", "http://www.w3.org/2005/Atom",
            "media", "http://search.yahoo.com/mrss/",
            "rdf", "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
            "itunes", "http://www.itunes.com/dtds/podcast-1.0.dtd",
            "slash", "http://purl.org/rss/1.0/modules/slash/",
            "wfw", "http://wellformedweb.org/CommentAPI/",
            "sy", "http://purl.org/rss/1.0/modules/syndication/");

    private FeedReader() {}

    /**
     * Reads a feed.
     *
     * @param text the decoded document
     * @param feedUri where it was fetched from; relative links resolve against the feed's site link, then this
     * @throws NotAFeedException with a reason for the user when the document is no feed at all
     */
    static ParsedFeed read(String text, URI feedUri) throws NotAFeedException {
        String cleaned = XmlHealing.withoutForbiddenCharacters(withoutDoctype(text));
        if (cleaned.isBlank()) {
            throw new NotAFeedException("the answer is empty");
        }
        Document document;
        boolean recovered = false;
        try {
            document = parseStrictly(cleaned);
        } catch (JDOMException | IOException | RuntimeException malformed) {
            if (looksLikeHtml(cleaned)) {
                throw new NotAFeedException(htmlReason(cleaned, feedUri));
            }
            if (passedParserLimit(malformed)) {
                // Deeper than 100 elements, or more references than the JDK's secure processing allows: repairing
                // would not change that, and the lenient parse of such a document costs seconds.
                throw new NotAFeedException("not well-formed XML: " + firstLine(malformed.getMessage()));
            }
            try {
                document = parseStrictly(repaired(cleaned));
                recovered = true;
            } catch (JDOMException | IOException | RuntimeException stillMalformed) {
                throw new NotAFeedException("not well-formed XML: " + firstLine(malformed.getMessage()));
            }
        }
        if (document.getRootElement().getName().equalsIgnoreCase("html")) {
            throw new NotAFeedException(htmlReason(cleaned, feedUri));
        }
        keepFirstEntries(document);
        normalize(document);
        SyndFeed feed = null;
        RuntimeException romeFailure = null;
        try {
            feed = new SyndFeedInput().build(document);
        } catch (FeedException | RuntimeException unreadable) {
            // Rome does not know the format (RSS 1.1, an unknown version) or trips over the document.
            romeFailure = unreadable instanceof RuntimeException runtime ? runtime : null;
        }
        int entries = LooseFeedReader.countEntries(document);
        if (feed != null && feed.getEntries().size() >= entries) {
            return toParsedFeed(feed, document, feedUri, recovered).withPushHub(pushHub(document, feedUri));
        }
        String root = document.getRootElement().getName();
        if (entries > 0 || FEED_ROOTS.contains(root)) {
            return looseFeed(document, feedUri, recovered).withPushHub(pushHub(document, feedUri));
        }
        throw new NotAFeedException(
                romeFailure == null || romeFailure instanceof IllegalArgumentException
                        ? "an XML document with root <" + root + ">, not RSS or Atom"
                        : "a feed Vigil cannot read (" + romeFailure + ")");
    }

    /**
     * The WebSub hub a feed advertises: {@code <link rel="hub" href>} (Atom, or {@code atom:link} in RSS) on the feed
     * or its channel, with its {@code rel="self"} link as the topic (the feed's address when it names none).
     */
    private static PushHub pushHub(Document document, URI feedUri) {
        Element root = document.getRootElement();
        List<Element> holders = new ArrayList<>(List.of(root));
        root.getChildren().stream()
                .filter(child -> child.getName().equals("channel"))
                .forEach(holders::add);
        List<URI> hubs = new ArrayList<>();
        String self = null;
        for (Element holder : holders) {
            for (Element link : holder.getChildren()) {
                if (!link.getName().equals("link") || link.getAttributeValue("href") == null) {
                    continue;
                }
                String rel = link.getAttributeValue("rel", "").strip().toLowerCase(Locale.ROOT);
                String href = resolve(feedUri, link.getAttributeValue("href"));
                if (href == null) {
                    continue;
                }
                if (rel.equals("hub") && hubs.size() < 5) {
                    hubs.add(URI.create(href));
                } else if (rel.equals("self") && self == null) {
                    self = href;
                }
            }
        }
        return hubs.isEmpty() ? null : new PushHub(hubs, URI.create(self == null ? feedUri.toString() : self));
    }

    /** A feed read by the local names of its elements, for what Rome does not read (in full). */
    private static ParsedFeed looseFeed(Document document, URI feedUri, boolean recovered) {
        String siteLink = resolve(withBase(feedUri, document.getRootElement()), LooseFeedReader.siteLink(document));
        return new ParsedFeed(
                LooseFeedReader.title(document),
                siteLink,
                language(LooseFeedReader.language(document)),
                LooseFeedReader.items(document, feedUri, siteLink),
                recovered);
    }

    /**
     * Decodes base64 content (Atom 0.3 {@code mode="base64"}), line breaks and all; the text as it is if it is none.
     * The decoded bytes were never seen by the XML parser, so they may hold characters XML forbids: those are removed
     * as they are from the document, or the element could not hold the text.
     */
    static String decodeBase64(String text) {
        try {
            return XmlHealing.withoutForbiddenCharacters(
                    new String(Base64.getMimeDecoder().decode(text.strip()), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException notBase64) {
            return text;
        }
    }

    /**
     * Cuts the first DOCTYPE ({@code <!DOCTYPE …>} or {@code <!DOCTYPE … [internal subset]>}) from the text, in one
     * left-to-right scan: the DOCTYPE pre-scan used to be a regex that backtracked over the rest of the document at
     * every {@code <!DOCTYPE[}, so a feed of them held a fetch thread for hours. A DOCTYPE that never closes is left in
     * place; the parser then refuses it.
     */
    static String withoutDoctype(String text) {
        int start = indexOfIgnoreCase(text, "<!DOCTYPE");
        if (start < 0) {
            return text;
        }
        int i = start + "<!DOCTYPE".length();
        while (i < text.length() && text.charAt(i) != '[' && text.charAt(i) != '>') {
            i++;
        }
        if (i == text.length()) {
            return text;
        }
        int end = -1;
        if (text.charAt(i) == '>') {
            end = i + 1;
        } else {
            // The internal subset ends at the first ']' that only white space separates from '>'. Each stretch of
            // white space after a ']' is looked at once, so this stays linear.
            for (int close = text.indexOf(']', i + 1); close >= 0; close = text.indexOf(']', close + 1)) {
                int k = close + 1;
                while (k < text.length() && Character.isWhitespace(text.charAt(k))) {
                    k++;
                }
                if (k < text.length() && text.charAt(k) == '>') {
                    end = k + 1;
                    break;
                }
            }
        }
        return end < 0 ? text : text.substring(0, start) + text.substring(end);
    }

    /** Where {@code word} (ASCII) first occurs in {@code text}, ignoring case; -1 when it does not. */
    private static int indexOfIgnoreCase(String text, String word) {
        char first = word.charAt(0);
        for (int at = text.indexOf(first); at >= 0; at = text.indexOf(first, at + 1)) {
            if (text.regionMatches(true, at, word, 0, word.length())) {
                return at;
            }
        }
        return -1;
    }

    private static Document parseStrictly(String text) throws JDOMException, IOException {
        SAXBuilder builder = new SAXBuilder(XMLReaders.NONVALIDATING);
        builder.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        builder.setFeature("http://xml.org/sax/features/external-general-entities", false);
        builder.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
        builder.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        builder.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        builder.setExpandEntities(false);
        builder.setEntityResolver((publicId, systemId) -> new InputSource(new StringReader("")));
        return builder.build(new StringReader(XmlHealing.heal(text)));
    }

    /** Re-serialises a broken document through jsoup's forgiving XML parser, declaring prefixes it uses. */
    private static String repaired(String text) {
        if (hasTagWithMoreAttributesThan(text, MAX_ATTRIBUTES_TO_REPAIR)) {
            // jsoup checks each new attribute against the tag's others, so one tag of millions costs minutes.
            throw new IllegalArgumentException("a tag with more than " + MAX_ATTRIBUTES_TO_REPAIR + " attributes");
        }
        org.jsoup.nodes.Document lenient = Jsoup.parse(text, "", Parser.xmlParser());
        lenient.outputSettings()
                .syntax(OutputSettings.Syntax.xml)
                .escapeMode(Entities.EscapeMode.xhtml)
                .prettyPrint(false);
        lenient.childNodes().stream()
                .filter(node -> node instanceof org.jsoup.nodes.DocumentType)
                .toList()
                .forEach(org.jsoup.nodes.Node::remove);
        org.jsoup.nodes.Element root = lenient.children().first();
        if (root == null) {
            return text;
        }
        Matcher prefixes = PREFIXED_NAME.matcher(text);
        Set<String> declared = new java.util.HashSet<>();
        for (Attribute attribute : root.attributes()) {
            if (attribute.getKey().startsWith("xmlns")) {
                // Namespace names with stray whitespace are a common typo; XML refuses them.
                attribute.setValue(attribute.getValue().strip());
                if (attribute.getKey().startsWith("xmlns:")) {
                    declared.add(attribute.getKey().substring(6));
                }
            }
        }
        while (prefixes.find()) {
            String prefix = prefixes.group(1);
            if (!prefix.equals("xml") && !prefix.equals("xmlns") && declared.add(prefix)) {
                root.attr("xmlns:" + prefix, KNOWN_NAMESPACES.getOrDefault(prefix, "urn:vigil:undeclared:" + prefix));
            }
        }
        return root.outerHtml();
    }

    /** Whether the strict parse stopped at one of the JDK's secure-processing limits ({@code jdk.xml.*}). */
    private static boolean passedParserLimit(Exception malformed) {
        for (Throwable cause = malformed; cause != null; cause = cause.getCause()) {
            if (cause.getMessage() != null && cause.getMessage().contains("\"jdk.xml.")) {
                return true;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }

    /** More attributes than any real feed's tag carries; a broken document with such a tag is not repaired. */
    static final int MAX_ATTRIBUTES_TO_REPAIR = 1_000;

    /**
     * Whether some tag holds more than {@code max} attributes, counted as the white-space-separated words between
     * {@code <name} and the next {@code >} (a quoted value with spaces counts more than once: the bound is generous).
     * One pass; an unclosed tag runs to the end of the text, as jsoup reads it.
     */
    static boolean hasTagWithMoreAttributesThan(String text, int max) {
        int n = text.length();
        boolean inTag = false;
        int attributes = 0;
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (!inTag) {
                if (c == '<' && i + 1 < n && Character.isLetter(text.charAt(i + 1))) {
                    inTag = true;
                    attributes = 0;
                }
            } else if (c == '>') {
                inTag = false;
            } else if (Character.isWhitespace(c) && i + 1 < n && !Character.isWhitespace(text.charAt(i + 1))) {
                if (++attributes > max) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Fixes the shapes Rome refuses but feeds use: an Atom {@code <feed>} without its namespace, and an {@code <rss>}
     * or RDF document without a {@code <channel>} (items straight under the root).
     */
    /**
     * Drops the entries past the first {@link #MAX_ENTRIES}: a real feed carries tens, an archive a few thousand, and
     * a document of hundreds of thousands of tiny entries would otherwise cost seconds per fetch in Rome and in the
     * bookkeeping of what is new.
     */
    private static void keepFirstEntries(Document document) {
        Element root = document.getRootElement();
        List<Element> holders = new ArrayList<>(List.of(root));
        root.getChildren().stream()
                .filter(child -> child.getName().equals("channel"))
                .forEach(holders::add);
        int kept = 0;
        for (Element holder : holders) {
            boolean tooMany = false;
            for (Element child : holder.getChildren()) {
                boolean entry =
                        child.getName().equals("item") || child.getName().equals("entry");
                if (entry && ++kept > MAX_ENTRIES) {
                    tooMany = true;
                }
            }
            if (tooMany) {
                keepFirstEntries(holder, kept - MAX_ENTRIES);
                kept = MAX_ENTRIES;
            }
        }
    }

    /**
     * Removes the last {@code extra} entries of one holder. The content is taken out and put back once, without them:
     * detaching each extra entry on its own searches and shifts the holder's content list every time, which on 200,000
     * entries took seconds.
     */
    private static void keepFirstEntries(Element holder, int extra) {
        List<org.jdom2.Content> content = holder.removeContent();
        int entries = 0;
        for (org.jdom2.Content node : content) {
            if (node instanceof Element child
                    && (child.getName().equals("item") || child.getName().equals("entry"))) {
                entries++;
            }
        }
        int keep = entries - extra;
        List<org.jdom2.Content> kept = new ArrayList<>(content.size());
        int seen = 0;
        for (org.jdom2.Content node : content) {
            boolean entry = node instanceof Element child
                    && (child.getName().equals("item") || child.getName().equals("entry"));
            if (!entry || ++seen <= keep) {
                kept.add(node);
            }
        }
        holder.addContent(kept);
    }

    private static void normalize(Document document) {
        Element root = document.getRootElement();
        List<Element> elements = new ArrayList<>();
        root.getDescendants(Filters.element()).forEach(elements::add);
        for (Element element : elements) {
            if (!TEXT_CONSTRUCTS.contains(element.getName()) || !TEXT_NAMESPACES.contains(element.getNamespaceURI())) {
                continue;
            }
            String type = element.getAttributeValue("type", "").toLowerCase(Locale.ROOT);
            String mode = element.getAttributeValue("mode", "").toLowerCase(Locale.ROOT);
            if (mode.equals("base64")) {
                // Rome's own decoding fails on the line breaks base64 content usually has.
                element.setText(decodeBase64(element.getText()));
                element.setAttribute("mode", "escaped");
                continue;
            }
            boolean xhtml = type.contains("xhtml") || type.endsWith("xml") || mode.equals("xml");
            if (!element.getChildren().isEmpty() && !xhtml) {
                // HTML written as elements: keep it as the escaped HTML it should have been, so no text is lost.
                String markup = LooseFeedReader.markup(element);
                element.setContent(new org.jdom2.Text(markup));
                if (type.equals("text")) {
                    element.setAttribute("type", "html");
                }
            }
        }
        if (root.getName().equals("feed") && root.getNamespace().equals(Namespace.NO_NAMESPACE)) {
            Namespace atom = Namespace.getNamespace("http://www.w3.org/2005/Atom");
            for (Element element : root.getDescendants(Filters.element())) {
                if (element.getNamespace().equals(Namespace.NO_NAMESPACE)) {
                    element.setNamespace(atom);
                }
            }
            root.setNamespace(atom);
        }
        boolean rss = root.getName().equals("rss");
        boolean rdf = root.getName().equals("RDF");
        if ((rss || rdf)
                && root.getChildren().stream()
                        .noneMatch(child -> child.getName().equals("channel"))) {
            Namespace namespace = rdf ? Namespace.getNamespace("http://purl.org/rss/1.0/") : root.getNamespace();
            Element channel = new Element("channel", namespace);
            if (rss) {
                for (Element child : new ArrayList<>(root.getChildren())) {
                    channel.addContent(child.detach());
                }
                root.addContent(channel);
            } else {
                root.addContent(0, channel);
            }
        }
    }

    private static ParsedFeed toParsedFeed(SyndFeed feed, Document document, URI feedUri, boolean recovered) {
        URI siteBase = feedUri;
        String siteLink = resolve(feedUri, feed.getLink());
        if (siteLink != null) {
            siteBase = URI.create(siteLink);
        }
        List<RawItem> rawItems = rawItems(document, feedUri);
        List<SyndEntry> entries = feed.getEntries();
        boolean itemsLineUp = rawItems.size() == entries.size();
        List<FeedItem> items = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            SyndEntry entry = entries.get(i);
            Instant published = plausible(entry.getPublishedDate());
            if (published == null) {
                published = plausible(entry.getUpdatedDate());
            }
            if (published == null && itemsLineUp) {
                published = PublicationDate.parse(rawItems.get(i).date()).orElse(null);
            }
            URI itemBase = siteBase;
            if (itemsLineUp && !rawItems.get(i).base().equals(feedUri)) {
                itemBase = rawItems.get(i).base();
            }
            URI entryBase = itemBase;
            // Rome gives an RSS item without guid its link as id, which would make items sharing a link one entry.
            String guid = itemsLineUp ? rawItems.get(i).guid() : blankToNull(entry.getUri());
            items.add(new FeedItem(
                    guid,
                    link(entry, itemBase, feedUri, itemsLineUp ? rawItems.get(i).link() : null),
                    title(entry),
                    text(entry),
                    published,
                    entry.getAuthor(),
                    entry.getCategories().stream()
                            .map(SyndCategory::getName)
                            .filter(name -> name != null && !name.isBlank())
                            .map(String::strip)
                            .toList(),
                    entry.getEnclosures().stream()
                            .map(enclosure -> resolve(entryBase, enclosure.getUrl()))
                            .filter(java.util.Objects::nonNull)
                            .distinct()
                            .toList()));
        }
        return new ParsedFeed(
                Mojibake.repair(HtmlText.of(feed.getTitle())),
                siteLink,
                language(feed.getLanguage()),
                items,
                recovered);
    }

    private static String title(SyndEntry entry) {
        String title = entry.getTitle();
        if (title == null) {
            return "";
        }
        SyndContent detail = entry.getTitleEx();
        boolean plain =
                detail != null && detail.getType() != null && detail.getType().equalsIgnoreCase("text");
        // An Atom type="text" title means what it says, angle brackets included; anything else may be HTML.
        return Mojibake.repair(
                plain
                        ? title.replaceAll("\\s+", " ").strip()
                        : HtmlText.of(title).replace("\n\n", " ").replace('\n', ' '));
    }

    /** The fullest text the entry carries: its content if any, else its summary. */
    private static String text(SyndEntry entry) {
        String best = "";
        List<SyndContent> candidates = new ArrayList<>(entry.getContents());
        if (entry.getDescription() != null) {
            candidates.add(entry.getDescription());
        }
        for (SyndContent content : candidates) {
            if (content == null || content.getValue() == null) {
                continue;
            }
            String type = content.getType() == null ? "" : content.getType().toLowerCase(Locale.ROOT);
            String text = type.equals("text") || type.equals("text/plain")
                    ? HtmlText.of(content.getValue().replace("&", "&amp;").replace("<", "&lt;"))
                    : HtmlText.of(content.getValue());
            if (text.length() > best.length()) {
                best = text;
            }
        }
        return Mojibake.repair(best);
    }

    private static String link(SyndEntry entry, URI siteBase, URI feedUri, String rawLink) {
        List<String> candidates = new ArrayList<>();
        for (SyndLink link : entry.getLinks()) {
            if (link.getRel() == null || link.getRel().equals("alternate")) {
                candidates.add(link.getHref());
            }
        }
        candidates.add(entry.getLink());
        // RSS guids marked as permalinks are links too.
        if (entry.getUri() != null && entry.getUri().matches("(?i)https?://.*")) {
            candidates.add(entry.getUri());
        }
        // A link Rome does not know, such as an Atom link inside an RSS item (a10:link).
        candidates.add(rawLink);
        for (String candidate : candidates) {
            String resolved = resolve(siteBase, candidate);
            if (resolved == null && !siteBase.equals(feedUri)) {
                resolved = resolve(feedUri, candidate);
            }
            if (resolved != null) {
                return resolved;
            }
        }
        return null;
    }

    /** An absolute http(s) form of {@code link}, or {@code null} when it has none. */
    static String resolve(URI base, String link) {
        if (link == null || link.isBlank()) {
            return null;
        }
        try {
            URI uri = base.resolve(new URI(link.strip().replace(" ", "%20")));
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            return scheme.equals("http") || scheme.equals("https") ? uri.toString() : null;
        } catch (Exception unreadable) {
            return null;
        }
    }

    /**
     * What Rome does not keep of each item or entry, in document order: its raw date text (for dates Rome could not
     * read) and the base its relative links resolve against ({@code xml:base} on it or its ancestors).
     */
    private record RawItem(String date, URI base, String link, String guid) {}

    private static List<RawItem> rawItems(Document document, URI feedUri) {
        List<RawItem> items = new ArrayList<>();
        Element root = document.getRootElement();
        collectItems(root, 0, withBase(feedUri, root), items);
        return items;
    }

    private static void collectItems(Element element, int depth, URI base, List<RawItem> items) {
        for (Element child : element.getChildren()) {
            String name = child.getName();
            if (name.equals("item") || name.equals("entry")) {
                Map<String, String> found = new LinkedHashMap<>();
                String link = null;
                String guid = null;
                for (Element field : child.getChildren()) {
                    if (guid == null
                            && (field.getName().equals("guid")
                                    || field.getName().equals("id"))
                            && !field.getTextTrim().isEmpty()) {
                        guid = field.getTextTrim();
                    }
                    if (DATE_ELEMENTS.contains(field.getName())) {
                        found.putIfAbsent(field.getName(), field.getTextTrim());
                    }
                    if (link == null && field.getName().equals("link")) {
                        String href = field.getAttributeValue("href");
                        link = href != null ? href : field.getTextTrim();
                    }
                }
                if (guid == null) {
                    String about = child.getAttributeValue("about", RDF_NAMESPACE);
                    guid = about == null || about.isBlank() ? null : about.strip();
                }
                items.add(
                        new RawItem(found.values().stream().findFirst().orElse(""), withBase(base, child), link, guid));
            } else if (depth < 2) {
                collectItems(child, depth + 1, withBase(base, child), items);
            }
        }
    }

    /** The base for an element's content: its {@code xml:base} resolved against its parent's, when it is usable. */
    static URI withBase(URI parentBase, Element element) {
        String base = element.getAttributeValue("base", org.jdom2.Namespace.XML_NAMESPACE);
        String resolved = base == null || base.isBlank() ? null : resolve(parentBase, base);
        return resolved == null ? parentBase : URI.create(resolved);
    }

    private static boolean looksLikeHtml(String text) {
        String head = text.substring(0, Math.min(text.length(), 2048)).toLowerCase(Locale.ROOT);
        return head.contains("<html") || head.contains("<!doctype html") || head.contains("<body");
    }

    private static String htmlReason(String text, URI feedUri) {
        org.jsoup.nodes.Document page = Jsoup.parse(text, feedUri.toString());
        List<String> feeds = page.select("link[rel=alternate][type~=(?i)(rss|atom)]").stream()
                .map(link -> link.absUrl("href"))
                .filter(href -> !href.isBlank())
                .distinct()
                .toList();
        return feeds.isEmpty()
                ? "the address answers with a web page, not a feed"
                : "the address answers with a web page, not a feed; the page names these feeds: "
                        + String.join(", ", feeds);
    }

    static String language(String code) {
        if (code == null) {
            return null;
        }
        Matcher matcher = LANGUAGE.matcher(code.strip());
        return matcher.matches() ? matcher.group(1).toLowerCase(Locale.ROOT) : null;
    }

    /** Rome reads some malformed dates as instants millions of years away; those are no dates at all. */
    private static Instant plausible(java.util.Date date) {
        if (date == null) {
            return null;
        }
        Instant instant = date.toInstant();
        int year = instant.atZone(java.time.ZoneOffset.UTC).getYear();
        return year >= 1970 && year <= 2200 ? instant : null;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unknown parser error";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    /** The document is not a feed; the message says what it is instead, for the user. */
    static final class NotAFeedException extends Exception {
        NotAFeedException(String reason) {
            super(reason);
        }
    }
}
