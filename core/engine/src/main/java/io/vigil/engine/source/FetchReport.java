package io.vigil.engine.source;

import java.util.Map;

/**
 * What one fetch of a source produced.
 *
 * @param newArticles articles stored for the first time
 * @param duplicates articles the archive already had from this outlet
 * @param failed documents that could not be stored (the reason is logged and kept in {@link #firstFailure})
 * @param skipped items the source itself refused, with the reason
 * @param firstFailure the first storage failure's reason, or {@code null}
 * @param error why the fetch itself failed, or {@code null} when it ran to the end
 */
public record FetchReport(
        int newArticles, int duplicates, int failed, Map<String, String> skipped, String firstFailure, String error) {
    public FetchReport {
        skipped = Map.copyOf(skipped);
    }

    FetchReport failedWith(String reason) {
        return new FetchReport(newArticles, duplicates, failed, skipped, firstFailure, reason);
    }
}
