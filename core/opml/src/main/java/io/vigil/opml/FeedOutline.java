package io.vigil.opml;

import java.util.Objects;

/**
 * One feed of an OPML subscription list.
 *
 * @param title the name the list gives the feed; the feed URL when it gives none
 * @param xmlUrl the feed's address
 * @param htmlUrl the site's address, or {@code ""}
 * @param category the folder path the feed sits in, such as {@code News/World}, or {@code ""}
 */
public record FeedOutline(String title, String xmlUrl, String htmlUrl, String category) {
    public FeedOutline {
        Objects.requireNonNull(xmlUrl, "xmlUrl is null");
        title = title == null || title.isBlank() ? xmlUrl : title.strip();
        htmlUrl = htmlUrl == null ? "" : htmlUrl.strip();
        category = category == null ? "" : category.strip();
    }
}
