package io.vigil.examples.jsonfeed;

import io.vigil.spi.PermanentFailureException;
import io.vigil.spi.TemporaryFailureException;
import io.vigil.spi.http.HttpCall;
import io.vigil.spi.http.HttpFailurePolicy;
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
import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Polls one JSON Feed and hands over the items it has not handed over before.
 *
 * <h2>One fetch</h2>
 * <ol>
 *   <li>The feed is requested through the platform's HTTP client (never a client of our own: the platform's refuses
 *       private addresses and caps size and time) with the ETag and Last-Modified of the last answer; {@code 304}
 *       ends the fetch with nothing new.
 *   <li>No answer, {@code 408}, {@code 429} and {@code 5xx} are {@link TemporaryFailureException temporary} (Vigil
 *       backs off and retries, honouring {@code Retry-After}); other errors, a refused address and a document that is
 *       no JSON Feed are {@link PermanentFailureException permanent}, with a message for the user.
 *   <li>Items are recognised by their {@code id}; the ids seen are kept in the {@link Cursor}, which Vigil stores.
 * </ol>
 *
 * <p>Vigil calls {@link #fetch} from one thread at a time per source; the instance keeps no state between fetches
 * but its settings, so everything it must remember goes into the cursor.
 */
final class JsonFeedSource implements Source {

    private static final long MAX_FEED_BYTES = 5L * 1024 * 1024;
    private static final int SEEN_KEPT = 1000;

    private final URI url;
    private final int maxItems;
    private final SourceContext context;

    JsonFeedSource(URI url, int maxItems, SourceContext context) {
        this.url = url;
        this.maxItems = maxItems;
        this.context = context;
    }

    @Override
    public Cursor fetch(Cursor cursor, DocumentSink sink) throws TemporaryFailureException, PermanentFailureException {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Accept", "application/feed+json, application/json;q=0.9");
        cursor.get("etag").ifPresent(etag -> headers.put("If-None-Match", etag));
        cursor.get("last-modified").ifPresent(date -> headers.put("If-Modified-Since", date));
        HttpReply reply = send(HttpCall.get(url)
                .withHeaders(headers)
                .withMaxBytes(Math.min(MAX_FEED_BYTES, context.maxDocumentBytes())));
        if (reply.status() == 304) {
            return cursor;
        }
        checkStatus(reply);
        Map<String, Object> feed = parseFeed(reply);

        Set<String> seen = new LinkedHashSet<>(Arrays.asList(
                cursor.get("seen").orElse("").split("\n")));
        seen.remove("");
        boolean firstFetch = cursor.get("seen").isEmpty();
        List<String> newlySeen = new ArrayList<>();
        int handedOver = 0;
        String feedLanguage = string(feed, "language");
        for (Object entry : list(feed, "items")) {
            if (!(entry instanceof Map<?, ?> raw)) {
                sink.skip("item " + (newlySeen.size() + 1), "not a JSON object");
                continue;
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> item = (Map<String, Object>) raw;
            String id = id(item);
            if (id == null) {
                sink.skip(String.valueOf(item.getOrDefault("url", "an item")), "no id");
                continue;
            }
            if (seen.contains(id) || newlySeen.contains(id)) {
                continue;
            }
            newlySeen.add(id);
            if (handedOver >= maxItems) {
                if (firstFetch) {
                    continue; // remembered as seen: subscribing must not flood the archive with years of archive
                }
                newlySeen.remove(id); // offered again on the next fetch
                continue;
            }
            RawDocument document = document(item, id, reply.finalUri(), feed, feedLanguage);
            if (document == null) {
                sink.skip(id, "no content_text, content_html or summary");
                continue;
            }
            sink.accept(document);
            handedOver++;
        }

        List<String> keep = new ArrayList<>(newlySeen);
        keep.addAll(seen);
        int limit = Math.max(SEEN_KEPT, newlySeen.size());
        Map<String, String> next = new HashMap<>(cursor.values());
        next.put("seen", String.join("\n", keep.subList(0, Math.min(keep.size(), limit))));
        putOrRemove(next, "etag", reply.header("ETag").orElse(null));
        putOrRemove(next, "last-modified", reply.header("Last-Modified").orElse(null));
        return new Cursor(next);
    }

    private HttpReply send(HttpCall call) throws TemporaryFailureException, PermanentFailureException {
        return HttpFailurePolicy.send(context.http(), call, url.toString());
    }

    /** The SPI's one HTTP failure policy decides what an answer means, so this source behaves like the built-in ones. */
    private void checkStatus(HttpReply reply) throws TemporaryFailureException, PermanentFailureException {
        HttpFailurePolicy.requireSuccess(reply, "the feed at " + url, context.clock().instant());
    }

    private Map<String, Object> parseFeed(HttpReply reply) throws PermanentFailureException {
        Object root;
        try {
            root = JsonValues.read(reply.bodyText());
        } catch (IllegalArgumentException e) {
            throw new PermanentFailureException(url + " is not a JSON Feed: " + e.getMessage());
        }
        if (!(root instanceof Map<?, ?> object)) {
            throw new PermanentFailureException(url + " is not a JSON Feed: the document is not a JSON object");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> feed = (Map<String, Object>) object;
        String version = string(feed, "version");
        if (version == null || !version.startsWith("https://jsonfeed.org/version/")) {
            throw new PermanentFailureException(
                    url + " is not a JSON Feed: its \"version\" is not https://jsonfeed.org/version/…");
        }
        if (!(feed.get("items") instanceof List<?>)) {
            throw new PermanentFailureException(url + " is not a JSON Feed: it has no \"items\" array");
        }
        return feed;
    }

    private static RawDocument document(
            Map<String, Object> item, String id, URI base, Map<String, Object> feed, String feedLanguage) {
        String text = string(item, "content_text");
        String html = string(item, "content_html");
        String summary = string(item, "summary");
        String content;
        ContentFormat format;
        if (text != null) {
            content = text;
            format = ContentFormat.TEXT;
        } else if (html != null) {
            content = html;
            format = ContentFormat.HTML;
        } else if (summary != null) {
            content = summary;
            format = ContentFormat.TEXT;
        } else {
            return null;
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        putIfPresent(metadata, "feed", string(feed, "title"));
        putIfPresent(metadata, "authors", names(item.get("authors")));
        if (item.get("tags") instanceof List<?> tags) {
            putIfPresent(metadata, "tags", String.join(", ", tags.stream().map(String::valueOf).toList()));
        }
        String language = string(item, "language");
        return new RawDocument(
                id,
                absolute(base, string(item, "url")),
                string(item, "title"),
                content,
                format,
                date(string(item, "date_published")),
                language != null ? language : feedLanguage,
                metadata);
    }

    /** The item's id as a string; JSON Feed 1.0 allowed numbers, which some feeds still send. */
    private static String id(Map<String, Object> item) {
        Object id = item.get("id");
        if (id instanceof String text && !text.isBlank()) {
            return text.strip();
        }
        if (id instanceof BigDecimal number) {
            return number.toPlainString();
        }
        return null;
    }

    private static String names(Object authors) {
        if (!(authors instanceof List<?> list)) {
            return null;
        }
        List<String> names = new ArrayList<>();
        for (Object author : list) {
            if (author instanceof Map<?, ?> map && map.get("name") instanceof String name) {
                names.add(name);
            }
        }
        return names.isEmpty() ? null : String.join(", ", names);
    }

    private static String absolute(URI base, String link) {
        if (link == null) {
            return null;
        }
        try {
            URI resolved = base.resolve(link.strip());
            String scheme = resolved.getScheme();
            return "http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme) ? resolved.toString() : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static Instant date(String text) {
        if (text == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text.strip()).toInstant();
        } catch (DateTimeParseException e) {
            return null; // the platform then uses the time it found the item
        }
    }

    private static String string(Map<String, Object> object, String key) {
        return object.get(key) instanceof String value && !value.isBlank() ? value : null;
    }

    private static List<?> list(Map<String, Object> object, String key) {
        return object.get(key) instanceof List<?> list ? list : List.of();
    }

    private static void putIfPresent(Map<String, String> map, String key, String value) {
        if (value != null && !value.isBlank()) {
            map.put(key, value);
        }
    }

    private static void putOrRemove(Map<String, String> map, String key, String value) {
        if (value == null) {
            map.remove(key);
        } else {
            map.put(key, value);
        }
    }
}
