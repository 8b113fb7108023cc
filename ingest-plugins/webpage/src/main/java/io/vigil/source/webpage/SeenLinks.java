package io.vigil.source.webpage;

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
 * The article links a source has dealt with, remembered in its {@link Cursor} as short hashes, the links of the
 * current listing first, bounded to {@value #LIMIT} or the number of links on the page, whichever is larger.
 */
final class SeenLinks {

    static final int LIMIT = 1000;
    private static final String CURSOR_KEY = "seen";

    private final Set<String> hashes;

    private SeenLinks(Set<String> hashes) {
        this.hashes = hashes;
    }

    static SeenLinks from(Cursor cursor) {
        Set<String> hashes = new LinkedHashSet<>();
        cursor.get(CURSOR_KEY).ifPresent(value -> hashes.addAll(Arrays.asList(value.split(" "))));
        hashes.remove("");
        return new SeenLinks(hashes);
    }

    boolean contains(String link) {
        return hashes.contains(hash(link));
    }

    boolean isEmpty() {
        return hashes.isEmpty();
    }

    Cursor remember(Cursor cursor, List<String> links) {
        Set<String> merged = new LinkedHashSet<>();
        links.forEach(link -> merged.add(hash(link)));
        merged.addAll(hashes);
        int bound = Math.max(LIMIT, links.size());
        List<String> kept = new ArrayList<>(merged).subList(0, Math.min(bound, merged.size()));
        return cursor.with(CURSOR_KEY, String.join(" ", kept));
    }

    private static String hash(String link) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(link.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
