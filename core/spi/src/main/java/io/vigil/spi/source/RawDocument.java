package io.vigil.spi.source;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One item as a source found it, before extraction and cleaning.
 *
 * @param externalId the source's own stable id for the item (a feed guid, a file path, a URL); the platform stores an
 *     article once per source and external id
 * @param url where a reader can see the item, or {@code null}
 * @param title the headline, or {@code null} when the content carries it (a page dump)
 * @param content the text, HTML or page dump, as {@code format} says
 * @param format how to read {@code content}
 * @param publishedAt when the outlet published it, or {@code null} if unknown (the platform then uses the fetch time)
 * @param language an ISO 639-1 code such as {@code en}, or {@code null} if unknown
 * @param metadata anything else worth keeping (author, feed categories), shown but not interpreted
 */
public record RawDocument(
        String externalId,
        String url,
        String title,
        String content,
        ContentFormat format,
        Instant publishedAt,
        String language,
        Map<String, String> metadata) {

    public RawDocument {
        Objects.requireNonNull(externalId, "externalId is null");
        Objects.requireNonNull(content, "content is null");
        Objects.requireNonNull(format, "format is null");
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
    }

    /** A plain-text article with a headline. */
    public static RawDocument text(String externalId, String title, String body) {
        return new RawDocument(externalId, null, title, body, ContentFormat.TEXT, null, null, Map.of());
    }

    /** A page dump that the platform will split into articles. */
    public static RawDocument pageDump(String externalId, String content) {
        return new RawDocument(externalId, null, null, content, ContentFormat.PAGE_DUMP, null, null, Map.of());
    }

    public RawDocument withUrl(String newUrl) {
        return new RawDocument(externalId, newUrl, title, content, format, publishedAt, language, metadata);
    }

    public RawDocument withPublishedAt(Instant when) {
        return new RawDocument(externalId, url, title, content, format, when, language, metadata);
    }

    public RawDocument withLanguage(String code) {
        return new RawDocument(externalId, url, title, content, format, publishedAt, code, metadata);
    }

    public RawDocument withMetadata(Map<String, String> values) {
        return new RawDocument(externalId, url, title, content, format, publishedAt, language, values);
    }
}
