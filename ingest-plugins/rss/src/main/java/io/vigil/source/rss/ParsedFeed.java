package io.vigil.source.rss;

import io.vigil.spi.source.PushHub;
import java.util.List;

/**
 * A feed as read: its title, site link and language, and its entries in document order.
 *
 * @param title the feed's title as plain text, or {@code ""}
 * @param link the site the feed belongs to, absolute, or {@code null}
 * @param language an ISO 639 code such as {@code en}, or {@code null}
 * @param items the entries, in the order the feed lists them
 * @param recovered whether the document was not well-formed XML and was read by the lenient parser
 * @param pushHub the WebSub hub the document advertises, or {@code null}
 */
record ParsedFeed(
        String title, String link, String language, List<FeedItem> items, boolean recovered, PushHub pushHub) {
    ParsedFeed {
        title = title == null ? "" : title;
        items = List.copyOf(items);
    }

    ParsedFeed(String title, String link, String language, List<FeedItem> items, boolean recovered) {
        this(title, link, language, items, recovered, null);
    }

    ParsedFeed withPushHub(PushHub hub) {
        return new ParsedFeed(title, link, language, items, recovered, hub);
    }
}
