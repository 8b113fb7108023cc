package io.vigil.source.rss;

import io.vigil.spi.source.Cursor;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The items a source has already handed over, remembered in its {@link Cursor} as short hashes of their keys, newest
 * first and bounded, so that a feed that reorders or re-dates its entries neither floods nor misses any.
 *
 * <p>An item's key is its guid, else its link with its title (podcasts and some news sites give every entry the same
 * link), else a hash of its title and text. The bound is {@value #LIMIT} keys or the number of entries the feed
 * lists, whichever is larger, so keys still in the feed are never forgotten.
 */
final class SeenItems {

    static final int LIMIT = 1000;
    private static final String CURSOR_KEY = "seen";

    private final Set<String> hashes;

    private SeenItems(Set<String> hashes) {
        this.hashes = hashes;
    }

    static SeenItems from(Cursor cursor) {
        Set<String> hashes = new LinkedHashSet<>();
        cursor.get(CURSOR_KEY).ifPresent(value -> hashes.addAll(Arrays.asList(value.split(" "))));
        hashes.remove("");
        return new SeenItems(hashes);
    }

    /** The key that identifies an item: guid, else link and title, else its content. */
    static String keyOf(FeedItem item) {
        if (item.guid() != null) {
            return "guid:" + item.guid();
        }
        if (item.link() != null) {
            return "link:" + item.link() + "\n" + item.title();
        }
        return "content:" + hash(item.title() + "\n" + item.text());
    }

    /**
     * The key Vigil gave an item without guid before it told items sharing a link apart (the link alone), or
     * {@code null} for an item with a guid or without link. Still honoured for an entry whose link no other entry of
     * the feed has, so an upgrade does not hand over a feed's current entries again.
     */
    static String earlierKeyOf(FeedItem item) {
        return item.guid() == null && item.link() != null ? "link:" + item.link() : null;
    }

    /** The external id of an item with this key: the guid, the link and title, or the content hash. */
    static String externalIdOf(String key) {
        String id = key.substring(key.indexOf(':') + 1);
        int newline = id.indexOf('\n');
        if (newline < 0) {
            return id;
        }
        String title = id.substring(newline + 1);
        return title.isEmpty() ? id.substring(0, newline) : id.substring(0, newline) + " | " + title;
    }

    boolean contains(String key) {
        return key != null && hashes.contains(hash(key));
    }

    boolean isEmpty() {
        return hashes.isEmpty();
    }

    /**
     * The cursor after a fetch: the keys of the feed's current entries first (in feed order), then the older ones,
     * cut to the bound.
     */
    Cursor remember(Cursor cursor, List<String> currentKeys) {
        Set<String> merged = new LinkedHashSet<>();
        for (String key : currentKeys) {
            merged.add(hash(key));
        }
        merged.addAll(hashes);
        int bound = Math.max(LIMIT, currentKeys.size());
        List<String> kept = new ArrayList<>(merged).subList(0, Math.min(bound, merged.size()));
        return cursor.with(CURSOR_KEY, String.join(" ", kept));
    }

    /** 64 bits of SHA-256: collisions among a thousand keys are out of reach, and the cursor stays small. */
    static String hash(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
