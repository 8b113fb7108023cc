package io.vigil.source.rss;

import java.net.URI;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The headline and text an entry is stored with. The platform stores an article only with both, and an entry is
 * never dropped for lacking one: RSS allows an item with a description and no title, and feeds hold entries with
 * only a link, an enclosure or an id. A missing title is made from the start of the text, else the link, the
 * enclosure's file, the id or the date; a missing text is the title.
 *
 * @param title the headline, one line
 * @param text the body, paragraphs separated by blank lines
 * @param titleFrom where a made-up title came from ({@code text}, {@code link}, …), or {@code null} for the feed's own
 */
record EntryText(String title, String text, String titleFrom) {

    /** Headlines made from text stop at the first sentence or about this many characters, whichever comes first. */
    private static final int TITLE_LENGTH = 100;

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMMM yyyy, HH:mm 'UTC'", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);

    /** The entry's headline and text, or {@code null} when it has nothing to show: no title, text, link or id. */
    static EntryText of(FeedItem item, ParsedFeed feed) {
        String text = item.text().strip();
        if (!item.title().isBlank()) {
            String title = item.title().strip();
            return new EntryText(title, text.isEmpty() ? title : text, null);
        }
        String title;
        String from;
        if (!text.isEmpty()) {
            title = excerpt(text);
            from = "text";
        } else if (item.link() != null) {
            title = shown(item.link());
            from = "link";
        } else if (!item.enclosures().isEmpty()) {
            title = fileName(item.enclosures().get(0));
            from = "enclosure";
        } else if (item.guid() != null) {
            title = item.guid();
            from = "id";
        } else if (item.publishedAt() != null) {
            title = (feed.title().isBlank() ? "Entry" : feed.title()) + ", " + DAY.format(item.publishedAt());
            from = "date";
        } else {
            return null;
        }
        return new EntryText(title, text.isEmpty() ? title : text, from);
    }

    boolean madeUpTitle() {
        return titleFrom != null;
    }

    EntryText withText(String newText) {
        return new EntryText(title, newText, titleFrom);
    }

    /** The text's first sentence, or its first words up to about {@value #TITLE_LENGTH} characters with an ellipsis. */
    static String excerpt(String text) {
        String line = text.strip().split("\n", 2)[0].replaceAll("\\s+", " ").strip();
        for (int i = 20; i < Math.min(line.length() - 1, TITLE_LENGTH); i++) {
            char c = line.charAt(i);
            if ((c == '.' || c == '!' || c == '?') && line.charAt(i + 1) == ' ') {
                return line.substring(0, i + 1);
            }
        }
        if (line.length() <= TITLE_LENGTH) {
            return line;
        }
        int cut = line.lastIndexOf(' ', TITLE_LENGTH);
        return line.substring(0, cut > TITLE_LENGTH / 2 ? cut : TITLE_LENGTH).strip() + "…";
    }

    /** A link as people read it: host and path, without the scheme and {@code www.}. */
    private static String shown(String link) {
        try {
            URI uri = URI.create(link);
            String host = uri.getHost() == null ? "" : uri.getHost().replaceFirst("^www\\.", "");
            String rest = uri.getRawPath() == null ? "" : uri.getRawPath();
            if (uri.getRawQuery() != null) {
                rest += "?" + uri.getRawQuery();
            }
            return host.isEmpty() ? link : host + (rest.equals("/") ? "" : rest);
        } catch (IllegalArgumentException unreadable) {
            return link;
        }
    }

    private static String fileName(String link) {
        String path = link.replaceFirst("[?#].*$", "");
        String name = path.substring(path.lastIndexOf('/') + 1);
        return name.isBlank() ? shown(link) : name;
    }
}
