package io.vigil.source.rss;

import io.vigil.spi.source.RawDocument;
import java.text.Normalizer;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What the platform would store of the documents a feed source handed over, by the rules of its ingest pipeline: a
 * document needs a headline and a text (after whitespace is cleaned), and an outlet stores one article per distinct
 * content (the content hash of the lower-cased, NFKC-normalised title and body with typographic quotes and dashes
 * unified). Lets the feed compatibility test count stored entries without a database.
 */
final class StoredEntries {

    private StoredEntries() {}

    static int count(List<RawDocument> documents) {
        Set<String> contents = new HashSet<>();
        for (RawDocument document : documents) {
            String title = normalize(document.title());
            String body = normalize(document.content());
            if (!title.isEmpty() && !body.isEmpty()) {
                contents.add(title + "\n" + body);
            }
        }
        return contents.size();
    }

    private static String normalize(String text) {
        if (text == null) {
            return "";
        }
        String folded = Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        StringBuilder out = new StringBuilder(folded.length());
        boolean pendingSpace = false;
        for (int i = 0; i < folded.length(); i++) {
            char c = folded.charAt(i);
            if (Character.isWhitespace(c) || Character.isSpaceChar(c) || Character.isISOControl(c)) {
                pendingSpace = !out.isEmpty();
                continue;
            }
            if (c == '\u200B' || c == '\u200C' || c == '\u200D' || c == '\u2060' || c == '\uFEFF' || c == '\u00AD') {
                continue;
            }
            if (pendingSpace) {
                out.append(' ');
                pendingSpace = false;
            }
            out.append(
                    switch (c) {
                        case '\u2018', '\u2019', '\u201A', '\u201B', '\u2032', '\u0060', '\u00B4', '\u02BC' -> '\'';
                        case '\u201C', '\u201D', '\u201E', '\u201F', '\u2033', '\u00AB', '\u00BB' -> '"';
                        case '\u2010', '\u2011', '\u2012', '\u2013', '\u2014', '\u2015', '\u2212', '\uFE58', '\uFE63' ->
                            '-';
                        default -> c;
                    });
        }
        return out.toString();
    }
}
