package io.vigil.source.rss;

import java.time.Instant;
import java.util.List;

/**
 * One entry of a feed, read and cleaned: text fields are plain text, the link is absolute.
 *
 * @param guid the entry's own id (RSS guid, Atom id), or {@code null}
 * @param link the absolute link to the article, or {@code null}
 * @param title the headline as plain text, or {@code ""}
 * @param text the summary or content as plain text, paragraphs separated by blank lines, or {@code ""}
 * @param publishedAt when it was published (or, failing that, updated), or {@code null}
 * @param author the author's name, or {@code ""}
 * @param categories the entry's categories
 * @param enclosures the absolute addresses of its enclosures (a podcast's audio, a photo), in feed order
 */
record FeedItem(
        String guid,
        String link,
        String title,
        String text,
        Instant publishedAt,
        String author,
        List<String> categories,
        List<String> enclosures) {
    FeedItem {
        title = title == null ? "" : title;
        text = text == null ? "" : text;
        author = author == null ? "" : author;
        categories = List.copyOf(categories);
        enclosures = List.copyOf(enclosures);
    }
}
