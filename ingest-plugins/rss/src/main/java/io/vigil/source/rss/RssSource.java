package io.vigil.source.rss;

import io.vigil.extractor.ArticleExtractor;
import io.vigil.extractor.ExtractedPage;
import io.vigil.extractor.SourceCredentials;
import io.vigil.spi.PermanentFailureException;
import io.vigil.spi.TemporaryFailureException;
import io.vigil.spi.http.HttpCall;
import io.vigil.spi.http.HttpFailurePolicy;
import io.vigil.spi.http.HttpReply;
import io.vigil.spi.source.ContentFormat;
import io.vigil.spi.source.Cursor;
import io.vigil.spi.source.DocumentSink;
import io.vigil.spi.source.PushHub;
import io.vigil.spi.source.PushedContent;
import io.vigil.spi.source.RawDocument;
import io.vigil.spi.source.Source;
import io.vigil.spi.source.SourceContext;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Polls one RSS or Atom feed and hands over the entries it has not handed over before.
 *
 * <h2>One fetch</h2>
 * <ol>
 *   <li>The feed is requested with the ETag and Last-Modified of the previous answer; a {@code 304 Not Modified}
 *       ends the fetch with nothing new and the cursor unchanged.
 *   <li>Failures say what the platform should do, by the SPI's {@link HttpFailurePolicy}: no connection, a timeout,
 *       {@code 408}, {@code 429} and {@code 5xx} are temporary (with the server's {@code Retry-After}); a refused
 *       address or redirect, an answer too large, another {@code 4xx}, a web page or a document that is not a feed are
 *       permanent, with a reason.
 *   <li>The answer is read as RSS, RDF, Atom or JSON Feed, whichever it is ({@link FeedReader},
 *       {@link JsonFeedReader}); a WebSub hub it advertises is passed on to the platform.
 *   <li>Entries are recognised by guid, then link and title, then a hash of their content ({@link SeenItems}); dates
 *       play no part, so a feed that re-dates or reorders entries neither floods nor misses.
 *   <li>At most {@code max-items} new entries are handed over per fetch, in feed order; on the first fetch the rest are
 *       remembered as seen (and reported), so subscribing to a feed with years of archive does not flood the archive;
 *       later, the rest wait for the next fetch, which then asks for the whole feed again.
 *   <li>With {@code full-text}, each new entry's link is fetched and its article extracted; when that fails the
 *       entry's own summary is used and the reason kept in the document's metadata.
 * </ol>
 *
 * <p>Called by one thread at a time, as {@link Source} promises; holds no state between fetches but its settings.
 */
final class RssSource implements Source {

    static final String ACCEPT = "application/rss+xml, application/atom+xml, application/feed+json,"
            + " application/rdf+xml;q=0.9, application/xml;q=0.8, text/xml;q=0.8, application/json;q=0.8,"
            + " */*;q=0.5";
    private static final long MAX_FEED_BYTES = 10L * 1024 * 1024;
    private static final long MAX_PAGE_BYTES = 5L * 1024 * 1024;
    /** Cursor key: hashes of the entries that did not fit into the last fetch's {@code max-items}. */
    static final String WAITING = "waiting";

    private final URI url;
    private final boolean fullText;
    private final int maxItems;
    private final SourceCredentials credentials;
    private final SourceContext context;

    RssSource(URI url, boolean fullText, int maxItems, SourceCredentials credentials, SourceContext context) {
        this.url = url;
        this.fullText = fullText;
        this.maxItems = maxItems;
        this.credentials = credentials;
        this.context = context;
    }

    @Override
    public Cursor fetch(Cursor cursor, DocumentSink sink) throws TemporaryFailureException, PermanentFailureException {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Accept", ACCEPT);
        if (cursor.get(WAITING).isEmpty()) {
            // With entries waiting, the whole feed is needed again even if it has not changed.
            cursor.get("etag").ifPresent(etag -> headers.put("If-None-Match", etag));
            cursor.get("last-modified").ifPresent(date -> headers.put("If-Modified-Since", date));
        }
        HttpReply reply = send(HttpCall.get(url)
                .withHeaders(credentials.with(headers, url))
                .withMaxBytes(Math.min(MAX_FEED_BYTES, context.maxDocumentBytes())));
        if (reply.status() == 304) {
            return cursor;
        }
        checkStatus(reply, "the feed");

        ParsedFeed feed = parse(reply.body(), reply.header("Content-Type").orElse(null), reply.finalUri());
        PushHub hub = feed.pushHub() != null ? feed.pushHub() : linkHeaderHub(reply);
        if (hub != null) {
            context.advertisesPushHub(hub);
        }
        Cursor next = take(feed, cursor, sink, false);
        if (next.get(WAITING).isPresent()) {
            return next.with("etag", null).with("last-modified", null);
        }
        next = next.with("etag", reply.header("ETag").orElse(null));
        return next.with("last-modified", reply.header("Last-Modified").orElse(null));
    }

    @Override
    public Cursor receive(Cursor cursor, PushedContent content, DocumentSink sink) throws PermanentFailureException {
        ParsedFeed feed = parse(content.body(), content.contentType(), url);
        return take(feed, cursor, sink, true);
    }

    private ParsedFeed parse(byte[] body, String contentType, URI where) throws PermanentFailureException {
        try {
            String text = FeedCharset.decode(body, contentType);
            return JsonFeedReader.looksLikeJson(text) ? JsonFeedReader.read(text, where) : FeedReader.read(text, where);
        } catch (FeedReader.NotAFeedException e) {
            throw new PermanentFailureException(url + " is not a feed: " + e.getMessage(), e);
        }
    }

    /**
     * Hands over the feed's new entries, at most {@code max-items}, and returns the cursor that remembers them. On a
     * source's first fetch the older entries beyond the limit are remembered unread (and reported as skipped); later,
     * they wait for the next fetch, and entries that left the feed while waiting are reported as missed.
     */
    private Cursor take(ParsedFeed feed, Cursor cursor, DocumentSink sink, boolean pushed) {
        SeenItems seen = SeenItems.from(cursor);
        boolean firstFetch = seen.isEmpty() && !pushed;
        Map<String, Integer> links = new HashMap<>();
        feed.items().forEach(item -> {
            if (item.link() != null) {
                links.merge(item.link(), 1, Integer::sum);
            }
        });
        Set<String> waitingBefore =
                new LinkedHashSet<>(Arrays.asList(cursor.get(WAITING).orElse("").split(" ")));
        waitingBefore.remove("");
        List<String> keys = new ArrayList<>();
        List<String> waiting = new ArrayList<>();
        Set<String> thisFetch = new HashSet<>();
        Set<String> contents = new HashSet<>();
        int handedOver = 0;
        int skippedOld = 0;
        Map<String, FeedItem> byKey = new HashMap<>();
        for (FeedItem item : feed.items()) {
            String key = SeenItems.keyOf(item);
            FeedItem sameKey = byKey.putIfAbsent(key, item);
            if (sameKey != null) {
                if (sameKey.title().equals(item.title()) && sameKey.text().equals(item.text())) {
                    continue; // the same entry listed twice
                }
                // Two different entries under one guid (a feed bug): both are kept, the later told apart by title.
                key = key + "\n" + item.title();
            }
            if (!thisFetch.add(key)) {
                continue;
            }
            waitingBefore.remove(SeenItems.hash(key));
            String earlierKey = links.getOrDefault(item.link(), 0) == 1 ? SeenItems.earlierKeyOf(item) : null;
            if (seen.contains(key) || seen.contains(earlierKey)) {
                keys.add(key);
                continue;
            }
            if (handedOver >= maxItems) {
                if (firstFetch) {
                    keys.add(key);
                    skippedOld++;
                } else {
                    waiting.add(SeenItems.hash(key));
                }
                continue;
            }
            keys.add(key);
            EntryText entry = EntryText.of(item, feed);
            if (entry == null) {
                sink.skip(describe(item), "the entry is empty: it has no title, text, link or id");
                continue;
            }
            if (!contents.add(entry.title() + "\n" + entry.text()) && item.link() != null) {
                // Two entries that read the same are still two entries: the link tells them apart.
                entry = entry.withText(entry.text() + "\n\n" + item.link());
            }
            sink.accept(document(item, entry, key, feed));
            handedOver++;
        }
        if (skippedOld > 0) {
            sink.skip(
                    skippedOld + " older entries",
                    "a new source takes the newest " + maxItems + " entries (max-items); the feed's older entries"
                            + " are not stored");
        }
        if (!waiting.isEmpty()) {
            sink.skip(
                    waiting.size() + " entries",
                    "not taken yet: at most " + maxItems + " per check (max-items); they come with the next check");
        }
        if (!waitingBefore.isEmpty() && !pushed) {
            sink.skip(
                    waitingBefore.size() + " entries",
                    "left the feed before the check that was to take them; raise max-items or check more often");
        }
        Cursor next = seen.remember(cursor, keys);
        if (pushed) {
            // A push carries only what changed; what waits for the next fetch still waits.
            return next;
        }
        return next.with(WAITING, waiting.isEmpty() ? null : String.join(" ", waiting));
    }

    /** The hub of an HTTP {@code Link: <…>; rel="hub", <…>; rel="self"} header (WebSub discovery). */
    private PushHub linkHeaderHub(HttpReply reply) {
        List<URI> hubs = new ArrayList<>();
        URI self = null;
        for (String header : reply.headers().getOrDefault("Link", List.of())) {
            for (LinkValue link : LinkValue.parseAll(header)) {
                String target = FeedReader.resolve(reply.finalUri(), link.target());
                if (target == null) {
                    continue;
                }
                if (link.rels().contains("hub") && hubs.size() < 5) {
                    hubs.add(URI.create(target));
                } else if (link.rels().contains("self") && self == null) {
                    self = URI.create(target);
                }
            }
        }
        return hubs.isEmpty() ? null : new PushHub(hubs, self == null ? reply.finalUri() : self);
    }

    /**
     * One link of an RFC 8288 {@code Link} header: its target and its {@code rel} types, lower-cased. Read by a
     * single left-to-right scan, never a regex, because the header comes from whoever answers the fetch.
     */
    record LinkValue(String target, Set<String> rels) {

        /** The most links read from one header; a real one has two or three. */
        private static final int MAX_LINKS = 64;

        static List<LinkValue> parseAll(String header) {
            List<LinkValue> links = new ArrayList<>();
            int n = header.length();
            int i = 0;
            while (i < n && links.size() < MAX_LINKS) {
                int open = header.indexOf('<', i);
                if (open < 0) {
                    break;
                }
                int close = header.indexOf('>', open + 1);
                if (close < 0) {
                    break;
                }
                String target = header.substring(open + 1, close).strip();
                Set<String> rels = new HashSet<>();
                i = close + 1;
                // Parameters up to the comma that ends this link (commas inside quotes do not count).
                while (i < n && header.charAt(i) != ',') {
                    if (header.charAt(i) != ';') {
                        i++;
                        continue;
                    }
                    int nameStart = ++i;
                    while (i < n && "=;,".indexOf(header.charAt(i)) < 0) {
                        i++;
                    }
                    String name = header.substring(nameStart, i).strip();
                    String value = "";
                    if (i < n && header.charAt(i) == '=') {
                        i++;
                        while (i < n && Character.isWhitespace(header.charAt(i))) {
                            i++;
                        }
                        if (i < n && header.charAt(i) == '"') {
                            int quote = header.indexOf('"', i + 1);
                            int valueEnd = quote < 0 ? n : quote;
                            value = header.substring(i + 1, valueEnd);
                            i = quote < 0 ? n : quote + 1;
                        } else {
                            int valueStart = i;
                            while (i < n && header.charAt(i) != ';' && header.charAt(i) != ',') {
                                i++;
                            }
                            value = header.substring(valueStart, i);
                        }
                    }
                    if (name.equalsIgnoreCase("rel") && rels.isEmpty()) {
                        for (String rel : value.strip().toLowerCase(Locale.ROOT).split("\\s+", 16)) {
                            if (!rel.isEmpty()) {
                                rels.add(rel);
                            }
                        }
                    }
                }
                links.add(new LinkValue(target, Set.copyOf(rels)));
                i++;
            }
            return links;
        }
    }

    private RawDocument document(FeedItem item, EntryText entry, String key, ParsedFeed feed) {
        Map<String, String> metadata = new HashMap<>();
        metadata.put("feed", feed.title());
        metadata.put("feed-url", url.toString());
        if (!item.author().isBlank()) {
            metadata.put("author", item.author().strip());
        }
        if (!item.categories().isEmpty()) {
            metadata.put("categories", String.join(", ", item.categories()));
        }
        if (!item.enclosures().isEmpty()) {
            metadata.put("enclosures", String.join(" ", item.enclosures()));
        }
        if (entry.madeUpTitle()) {
            metadata.put("title", "the entry has no title; this one is made from its " + entry.titleFrom());
        }
        String title = entry.title();
        String text = entry.text();
        String language = feed.language();
        var publishedAt = item.publishedAt();
        if (fullText && item.link() != null) {
            try {
                ExtractedPage page = fetchArticle(URI.create(item.link()));
                if (page.hasArticle()) {
                    text = page.text();
                    metadata.put("full-text", "extracted");
                    language = page.declaredLanguage().orElse(language);
                    publishedAt = publishedAt != null ? publishedAt : page.publishedAt();
                    if (entry.madeUpTitle() && !page.title().isBlank()) {
                        title = page.title();
                        metadata.remove("title");
                    }
                } else {
                    metadata.put("full-text", "no article found on the page; the feed's summary is used");
                }
            } catch (TemporaryFailureException | PermanentFailureException | IllegalArgumentException e) {
                metadata.put("full-text", "failed: " + e.getMessage() + "; the feed's summary is used");
            }
        }
        String link = item.link() != null
                ? item.link()
                : item.enclosures().stream().findFirst().orElse(null);
        return new RawDocument(
                SeenItems.externalIdOf(key), link, title, text, ContentFormat.TEXT, publishedAt, language, metadata);
    }

    private ExtractedPage fetchArticle(URI link) throws TemporaryFailureException, PermanentFailureException {
        HttpReply reply = send(HttpCall.get(link)
                .withHeaders(
                        credentials.with(Map.of("Accept", "text/html, application/xhtml+xml;q=0.9, */*;q=0.5"), link))
                .withMaxBytes(Math.min(MAX_PAGE_BYTES, context.maxDocumentBytes())));
        checkStatus(reply, "the article page");
        return ArticleExtractor.extract(reply.bodyText(), reply.finalUri());
    }

    private HttpReply send(HttpCall call) throws TemporaryFailureException, PermanentFailureException {
        return HttpFailurePolicy.send(context.http(), call, call.uri().toString());
    }

    /** Accepts a 2xx answer and turns any other into the failure the SPI's one policy makes of it. */
    private void checkStatus(HttpReply reply, String what) throws TemporaryFailureException, PermanentFailureException {
        HttpFailurePolicy.requireSuccess(
                reply, what + " at " + reply.finalUri(), context.clock().instant());
    }

    private static String describe(FeedItem item) {
        return item.guid() != null ? item.guid() : "entry " + item.title().toLowerCase(Locale.ROOT);
    }
}
