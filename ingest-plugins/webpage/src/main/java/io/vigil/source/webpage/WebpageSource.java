package io.vigil.source.webpage;

import io.vigil.extractor.ArticleExtractor;
import io.vigil.extractor.ExtractedPage;
import io.vigil.extractor.ListingLinks;
import io.vigil.extractor.PageTooComplexException;
import io.vigil.extractor.SourceCredentials;
import io.vigil.spi.PermanentFailureException;
import io.vigil.spi.TemporaryFailureException;
import io.vigil.spi.http.HttpCall;
import io.vigil.spi.http.HttpFailurePolicy;
import io.vigil.spi.http.HttpReply;
import io.vigil.spi.source.ContentFormat;
import io.vigil.spi.source.Cursor;
import io.vigil.spi.source.DocumentSink;
import io.vigil.spi.source.RawDocument;
import io.vigil.spi.source.Source;
import io.vigil.spi.source.SourceContext;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Watches one listing page and hands over each article it newly links to, extracted to clean text.
 *
 * <h2>One fetch</h2>
 * <ol>
 *   <li>The listing is loaded (conditionally, with the previous ETag and Last-Modified) and its article links found
 *       with the user's CSS selector or {@link ListingLinks}' default rules.
 *   <li>Links already handed over are skipped ({@link SeenLinks}); at most {@code max-articles} new ones are fetched,
 *       one after the other. On the first fetch the other links of the page are remembered as seen, so a new source
 *       starts with today's articles rather than the whole page.
 *   <li>Each article page is fetched and its article extracted. An article that fails is skipped with the reason and
 *       does not stop the others: a permanent failure (404, no article on the page) is remembered and not tried
 *       again, a temporary one (timeout, 5xx) is tried again on the next fetch.
 *   <li>A listing page that cannot be loaded fails the fetch: temporarily (timeouts, 5xx, 429 with its
 *       {@code Retry-After}) or permanently (refused address, 4xx) with a readable reason.
 * </ol>
 *
 * <p>Credentials (HTTP Basic, cookies, headers) go with every request to the listing's own site, never to another.
 *
 * <p>Called by one thread at a time, as {@link Source} promises.
 */
final class WebpageSource implements Source {

    private static final String HTML = "text/html, application/xhtml+xml;q=0.9, */*;q=0.5";
    private static final long MAX_PAGE_BYTES = 5L * 1024 * 1024;

    private final URI listing;
    private final String linkSelector;
    private final int maxArticles;
    private final SourceCredentials credentials;
    private final SourceContext context;

    WebpageSource(
            URI listing, String linkSelector, int maxArticles, SourceCredentials credentials, SourceContext context) {
        this.listing = listing;
        this.linkSelector = linkSelector;
        this.maxArticles = maxArticles;
        this.credentials = credentials;
        this.context = context;
    }

    @Override
    public Cursor fetch(Cursor cursor, DocumentSink sink) throws TemporaryFailureException, PermanentFailureException {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Accept", HTML);
        cursor.get("etag").ifPresent(etag -> headers.put("If-None-Match", etag));
        cursor.get("last-modified").ifPresent(date -> headers.put("If-Modified-Since", date));
        HttpReply page = load(HttpCall.get(listing).withHeaders(headers));
        if (page.status() == 304) {
            return cursor;
        }
        List<URI> links;
        try {
            links = ListingLinks.find(page.bodyText(), page.finalUri(), linkSelector);
        } catch (PageTooComplexException e) {
            throw new PermanentFailureException("the listing page " + listing + ": " + e.getMessage(), e);
        }

        SeenLinks seen = SeenLinks.from(cursor);
        boolean firstFetch = seen.isEmpty();
        List<String> remembered = new ArrayList<>();
        int fetched = 0;
        for (URI link : links) {
            String key = link.toString();
            if (seen.contains(key)) {
                remembered.add(key);
                continue;
            }
            if (fetched >= maxArticles) {
                if (firstFetch) {
                    remembered.add(key);
                }
                continue;
            }
            fetched++;
            try {
                ExtractedPage article = article(link);
                if (article.hasArticle()) {
                    sink.accept(new RawDocument(
                            key,
                            key,
                            article.title().isBlank() ? null : article.title(),
                            article.text(),
                            ContentFormat.TEXT,
                            article.publishedAt(),
                            article.language(),
                            Map.of("listing", listing.toString())));
                } else {
                    sink.skip(key, "no article text found on the page");
                }
                remembered.add(key);
            } catch (PermanentFailureException | PageTooComplexException e) {
                sink.skip(key, e.getMessage());
                remembered.add(key);
            } catch (TemporaryFailureException e) {
                // Not remembered: the next fetch tries it again.
                sink.skip(key, e.getMessage() + "; will try again");
            }
        }
        Cursor next = seen.remember(cursor, remembered);
        next = next.with("etag", page.header("ETag").orElse(null));
        return next.with("last-modified", page.header("Last-Modified").orElse(null));
    }

    private ExtractedPage article(URI link) throws TemporaryFailureException, PermanentFailureException {
        HttpReply reply = load(HttpCall.get(link).withHeaders(Map.of("Accept", HTML)));
        return ArticleExtractor.extract(reply.bodyText(), reply.finalUri());
    }

    /** Sends a GET and turns every way it can fail into the exception the SPI's one policy makes of it. */
    private HttpReply load(HttpCall call) throws TemporaryFailureException, PermanentFailureException {
        HttpReply reply = HttpFailurePolicy.send(
                context.http(),
                call.withHeaders(credentials.with(call.headers(), call.uri()))
                        .withMaxBytes(Math.min(MAX_PAGE_BYTES, context.maxDocumentBytes())),
                call.uri().toString());
        if (reply.status() == 304) {
            return reply;
        }
        return HttpFailurePolicy.requireSuccess(
                reply, reply.finalUri().toString(), context.clock().instant());
    }
}
