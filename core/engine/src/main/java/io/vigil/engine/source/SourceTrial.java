package io.vigil.engine.source;

import java.time.Instant;
import java.util.List;

/**
 * What a dry run of a source found: what a fetch would store now, what it would skip and why, and the failure its
 * health would show. Nothing of it is stored.
 *
 * @param status {@code ok} when the fetch ran to the end, {@code failing} when it failed (then {@code error} says why,
 *     worded as the source's health would word it)
 * @param error the failure, or {@code null}
 * @param items the articles that would be stored, in the order the source handed them over (at most {@link
 *     #MAX_ITEMS})
 * @param itemCount how many articles the fetch found in all, also beyond {@link #MAX_ITEMS}
 * @param skipped the items that would not be stored, with the reason
 */
public record SourceTrial(String status, String error, List<Item> items, int itemCount, List<Skipped> skipped) {

    /** At most this many articles are shown; a dry run of a large feed still counts the rest. */
    public static final int MAX_ITEMS = 100;

    /** At most this many characters of an extracted body are shown. */
    public static final int MAX_BODY = 4000;

    public SourceTrial {
        items = List.copyOf(items);
        skipped = List.copyOf(skipped);
    }

    /**
     * One article as it would be stored, after extraction and cleaning.
     *
     * @param externalId the source's id for the item (a document holding several articles numbers them {@code #1},
     *     {@code #2} as storing does)
     * @param body the extracted text, cut at {@link #MAX_BODY} characters ({@code bodyTruncated} then says so)
     * @param publishedAt when the outlet says it published it, or {@code null} (storing would use the fetch time)
     */
    public record Item(
            String externalId,
            String url,
            String title,
            String body,
            boolean bodyTruncated,
            Instant publishedAt,
            String language) {}

    /** An item that would not be stored: the source skipped it, or it holds no usable article. */
    public record Skipped(String item, String reason) {}
}
