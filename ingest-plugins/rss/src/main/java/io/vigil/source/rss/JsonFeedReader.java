package io.vigil.source.rss;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.vigil.extractor.HtmlText;
import io.vigil.extractor.PublicationDate;
import io.vigil.spi.source.PushHub;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads a JSON Feed (<a href="https://www.jsonfeed.org/version/1.1/">1.0 and 1.1</a>) into the same {@link ParsedFeed}
 * as RSS and Atom, so one {@code rss} source reads whichever of the formats its address answers with.
 *
 * <p>Per item: {@code id} (a string, or a number as feeds often write it), {@code url} (else {@code external_url}),
 * {@code title}, the fuller of {@code content_html} and {@code content_text} (else {@code summary}),
 * {@code date_published} (else {@code date_modified}), {@code authors} (1.1) or {@code author} (1.0), {@code tags},
 * and {@code attachments} as enclosures. The feed's {@code hubs} of type WebSub, with {@code feed_url} as the topic,
 * are its push hubs. Jackson's read limits (nesting depth, string and number lengths) bound the work on hostile input.
 */
final class JsonFeedReader {

    private static final ObjectMapper JSON = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxNestingDepth(64)
                            .maxNumberLength(64)
                            .build())
                    .build())
            .enable(JsonReadFeature.ALLOW_TRAILING_COMMA)
            .build();

    private JsonFeedReader() {}

    /** Whether decoded text is JSON rather than XML: its first character that is not white space is a brace. */
    static boolean looksLikeJson(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!Character.isWhitespace(c) && c != '\uFEFF') {
                return c == '{';
            }
        }
        return false;
    }

    static ParsedFeed read(String text, URI feedUri) throws FeedReader.NotAFeedException {
        JsonNode feed;
        try {
            feed = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new FeedReader.NotAFeedException("not well-formed JSON: " + e.getOriginalMessage());
        }
        if (feed == null || !feed.isObject()) {
            throw new FeedReader.NotAFeedException("a JSON document that is no JSON Feed (not an object)");
        }
        String version = feed.path("version").asText("");
        if (!version.startsWith("https://jsonfeed.org/version/")
                && !version.startsWith("http://jsonfeed.org/version/")
                && !feed.path("items").isArray()) {
            throw new FeedReader.NotAFeedException(
                    "a JSON document that is no JSON Feed (no jsonfeed.org version and no items)");
        }
        String siteLink = FeedReader.resolve(feedUri, string(feed, "home_page_url"));
        URI base = siteLink == null ? feedUri : URI.create(siteLink);
        List<FeedItem> items = new ArrayList<>();
        for (JsonNode item : feed.path("items")) {
            if (item.isObject()) {
                items.add(item(item, base, feedUri));
            }
        }
        return new ParsedFeed(
                Mojibake.repair(string(feed, "title").replaceAll("\\s+", " ").strip()),
                siteLink,
                FeedReader.language(string(feed, "language")),
                items,
                false,
                pushHub(feed, feedUri));
    }

    private static FeedItem item(JsonNode item, URI base, URI feedUri) {
        String html = string(item, "content_html");
        String plain = string(item, "content_text");
        String htmlText = HtmlText.of(html);
        String plainText = HtmlText.of(plain.replace("&", "&amp;").replace("<", "&lt;"));
        String text = htmlText.length() >= plainText.length() ? htmlText : plainText;
        if (text.isEmpty()) {
            text = HtmlText.of(string(item, "summary").replace("&", "&amp;").replace("<", "&lt;"));
        }
        String link = resolve(base, feedUri, string(item, "url"));
        if (link == null) {
            link = resolve(base, feedUri, string(item, "external_url"));
        }
        Instant published = PublicationDate.parse(string(item, "date_published"))
                .or(() -> PublicationDate.parse(string(item, "date_modified")))
                .orElse(null);
        Set<String> enclosures = new LinkedHashSet<>();
        for (JsonNode attachment : item.path("attachments")) {
            String url = resolve(base, feedUri, string(attachment, "url"));
            if (url != null) {
                enclosures.add(url);
            }
        }
        List<String> tags = new ArrayList<>();
        for (JsonNode tag : item.path("tags")) {
            if (tag.isTextual() && !tag.asText().isBlank()) {
                tags.add(tag.asText().strip());
            }
        }
        String id = item.path("id").isValueNode() ? item.path("id").asText().strip() : "";
        return new FeedItem(
                id.isEmpty() ? null : id,
                link,
                Mojibake.repair(
                        HtmlText.of(string(item, "title").replace("&", "&amp;").replace("<", "&lt;"))
                                .replace("\n\n", " ")
                                .replace('\n', ' ')),
                Mojibake.repair(text),
                published,
                author(item),
                tags,
                List.copyOf(enclosures));
    }

    private static String author(JsonNode item) {
        List<String> names = new ArrayList<>();
        for (JsonNode author : item.path("authors")) {
            String name = string(author, "name");
            if (!name.isBlank()) {
                names.add(name.strip());
            }
        }
        if (names.isEmpty()) {
            String name = string(item.path("author"), "name");
            if (!name.isBlank()) {
                names.add(name.strip());
            }
        }
        return String.join(", ", names);
    }

    private static PushHub pushHub(JsonNode feed, URI feedUri) {
        List<URI> hubs = new ArrayList<>();
        for (JsonNode hub : feed.path("hubs")) {
            String type = string(hub, "type").toLowerCase(Locale.ROOT);
            String url = FeedReader.resolve(feedUri, string(hub, "url"));
            if (url != null && (type.equals("websub") || type.equals("pubsubhubbub") || type.isEmpty())) {
                hubs.add(URI.create(url));
            }
        }
        String topic = FeedReader.resolve(feedUri, string(feed, "feed_url"));
        return hubs.isEmpty() ? null : new PushHub(hubs, URI.create(topic == null ? feedUri.toString() : topic));
    }

    private static String resolve(URI base, URI feedUri, String link) {
        String resolved = FeedReader.resolve(base, link);
        return resolved != null || base.equals(feedUri) ? resolved : FeedReader.resolve(feedUri, link);
    }

    private static String string(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isTextual() ? value.asText() : "";
    }
}
