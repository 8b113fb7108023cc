package io.vigil.source.rss;

import io.vigil.extractor.ArticleExtractor;
import io.vigil.extractor.ExtractedPage;
import io.vigil.spi.PermanentFailureException;
import io.vigil.spi.TemporaryFailureException;
import io.vigil.spi.http.HttpCall;
import io.vigil.spi.http.HttpReply;
import io.vigil.spi.http.RefusedAddressException;
import io.vigil.spi.http.RefusedRedirectException;
import io.vigil.spi.http.ResponseTooLargeException;
import io.vigil.spi.source.ContentFormat;
import io.vigil.spi.source.Cursor;
import io.vigil.spi.source.DocumentSink;
import io.vigil.spi.source.RawDocument;
import io.vigil.spi.source.Source;
import io.vigil.spi.source.SourceContext;
import java.io.IOException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
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
 *   <li>Failures say what the platform should do: no connection, a timeout, {@code 408}, {@code 429} and
 *       {@code 5xx} are temporary (with the server's {@code Retry-After}); a refused address or redirect, an answer
 *       too large, another {@code 4xx}, a web page or a document that is not a feed are permanent, with a reason.
 *   <li>Entries are recognised by guid, then link, then a hash of their content ({@link SeenItems}); dates play no
 *       part, so a feed that re-dates or reorders entries neither floods nor misses.
 *   <li>At most {@code max-items} new entries are handed over per fetch, in feed order; on the first fetch the rest are
 *       remembered as seen, so subscribing to a feed with years of archive does not flood the archive.
 *   <li>With {@code full-text}, each new entry's link is fetched and its article extracted; when that fails the
 *       entry's own summary is used and the reason kept in the document's metadata.
 * </ol>
 *
 * <p>Called by one thread at a time, as {@link Source} promises; holds no state between fetches but its settings.
 */
final class RssSource implements Source {

    static final String ACCEPT = "application/rss+xml, application/atom+xml, application/rdf+xml;q=0.9,"
            + " application/xml;q=0.8, text/xml;q=0.8, */*;q=0.5";
    private static final long MAX_FEED_BYTES = 10L * 1024 * 1024;
    private static final long MAX_PAGE_BYTES = 5L * 1024 * 1024;

    private final URI url;
    private final boolean fullText;
    private final int maxItems;
    private final SourceContext context;

    RssSource(URI url, boolean fullText, int maxItems, SourceContext context) {
        this.url = url;
        this.fullText = fullText;
        this.maxItems = maxItems;
        this.context = context;
    }

    @Override
    public Cursor fetch(Cursor cursor, DocumentSink sink) throws TemporaryFailureException, PermanentFailureException {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Accept", ACCEPT);
        cursor.get("etag").ifPresent(etag -> headers.put("If-None-Match", etag));
        cursor.get("last-modified").ifPresent(date -> headers.put("If-Modified-Since", date));
        HttpReply reply = send(HttpCall.get(url)
                .withHeaders(headers)
                .withMaxBytes(Math.min(MAX_FEED_BYTES, context.maxDocumentBytes())));
        if (reply.status() == 304) {
            return cursor;
        }
        checkStatus(reply, "the feed");

        ParsedFeed feed;
        try {
            feed = FeedReader.read(
                    FeedCharset.decode(
                            reply.body(), reply.header("Content-Type").orElse(null)),
                    reply.finalUri());
        } catch (FeedReader.NotAFeedException e) {
            throw new PermanentFailureException(url + " is not a feed: " + e.getMessage(), e);
        }

        SeenItems seen = SeenItems.from(cursor);
        boolean firstFetch = seen.isEmpty();
        List<String> keys = new ArrayList<>();
        Set<String> thisFetch = new HashSet<>();
        int handedOver = 0;
        for (FeedItem item : feed.items()) {
            String key = SeenItems.keyOf(item);
            keys.add(key);
            if (!thisFetch.add(key) || seen.contains(key)) {
                continue;
            }
            if (handedOver >= maxItems) {
                if (!firstFetch) {
                    // Not remembered: the next fetch picks these up.
                    keys.remove(keys.size() - 1);
                }
                continue;
            }
            if (item.title().isEmpty() && item.text().isEmpty() && item.link() == null) {
                sink.skip(describe(item), "the entry has no title, text or link");
                continue;
            }
            sink.accept(document(item, key, feed));
            handedOver++;
        }
        Cursor next = seen.remember(cursor, keys);
        next = next.with("etag", reply.header("ETag").orElse(null));
        return next.with("last-modified", reply.header("Last-Modified").orElse(null));
    }

    private RawDocument document(FeedItem item, String key, ParsedFeed feed) {
        Map<String, String> metadata = new HashMap<>();
        metadata.put("feed", feed.title());
        metadata.put("feed-url", url.toString());
        if (!item.author().isBlank()) {
            metadata.put("author", item.author().strip());
        }
        if (!item.categories().isEmpty()) {
            metadata.put("categories", String.join(", ", item.categories()));
        }
        String title = item.title().isEmpty() ? null : item.title();
        String text = item.text().isEmpty() ? item.title() : item.text();
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
                    title = title != null ? title : page.title();
                } else {
                    metadata.put("full-text", "no article found on the page; the feed's summary is used");
                }
            } catch (TemporaryFailureException | PermanentFailureException | IllegalArgumentException e) {
                metadata.put("full-text", "failed: " + e.getMessage() + "; the feed's summary is used");
            }
        }
        String externalId = key.substring(key.indexOf(':') + 1);
        return new RawDocument(
                externalId, item.link(), title, text, ContentFormat.TEXT, publishedAt, language, metadata);
    }

    private ExtractedPage fetchArticle(URI link) throws TemporaryFailureException, PermanentFailureException {
        HttpReply reply = send(HttpCall.get(link)
                .withHeaders(Map.of("Accept", "text/html, application/xhtml+xml;q=0.9, */*;q=0.5"))
                .withMaxBytes(Math.min(MAX_PAGE_BYTES, context.maxDocumentBytes())));
        checkStatus(reply, "the article page");
        return ArticleExtractor.extract(reply.bodyText(), reply.finalUri());
    }

    private HttpReply send(HttpCall call) throws TemporaryFailureException, PermanentFailureException {
        try {
            return context.http().send(call);
        } catch (RefusedAddressException | RefusedRedirectException e) {
            throw new PermanentFailureException(e.getMessage(), e);
        } catch (ResponseTooLargeException e) {
            throw new PermanentFailureException(e.getMessage(), e);
        } catch (HttpTimeoutException e) {
            throw new TemporaryFailureException("timed out: " + e.getMessage(), e);
        } catch (UnknownHostException e) {
            throw new TemporaryFailureException("host not found: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new TemporaryFailureException(
                    "could not fetch " + call.uri() + ": " + (e.getMessage() == null ? e.toString() : e.getMessage()),
                    e);
        }
    }

    private void checkStatus(HttpReply reply, String what) throws TemporaryFailureException, PermanentFailureException {
        int status = reply.status();
        if (reply.isSuccess()) {
            return;
        }
        String where = what + " at " + reply.finalUri();
        Duration retryAfter = RetryAfter.parse(reply.header("Retry-After").orElse(null), context.clock())
                .orElse(null);
        if (status == 429) {
            throw new TemporaryFailureException(where + " asks us to slow down (HTTP 429)", retryAfter, null);
        }
        if (status == 408 || status >= 500) {
            throw new TemporaryFailureException(where + " answers HTTP " + status, retryAfter, null);
        }
        String reason =
                switch (status) {
                    case 401, 403 -> "refuses access (HTTP " + status + ")";
                    case 404 -> "does not exist (HTTP 404)";
                    case 410 -> "is gone for good (HTTP 410)";
                    default -> "answers HTTP " + status;
                };
        throw new PermanentFailureException(where + " " + reason);
    }

    private static String describe(FeedItem item) {
        return item.guid() != null ? item.guid() : "entry " + item.title().toLowerCase(Locale.ROOT);
    }
}
