package io.vigil.source.rss;

import java.util.List;

/**
 * A feed as read: its title, site link and language, and its entries in document order.
 *
 * @param title the feed's title as plain text, or {@code ""}
 * @param link the site the feed belongs to, absolute, or {@code null}
 * @param language an ISO 639 code such as {@code en}, or {@code null}
 * @param items the entries, in the order the feed lists them
 * @param recovered whether the document was not well-formed XML and was read by the lenient parser
 */
record ParsedFeed(String title, String link, String language, List<FeedItem> items, boolean recovered) {
    ParsedFeed {
        title = title == null ? "" : title;
        items = List.copyOf(items);
    }
}
