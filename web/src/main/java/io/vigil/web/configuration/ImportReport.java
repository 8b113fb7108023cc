package io.vigil.web.configuration;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * What an import did, item by item, or would have done ({@code dryRun}, or when anything was refused: then nothing
 * is applied).
 *
 * @param applied whether the changes were committed
 * @param problems the refused items and what is wrong with the document as a whole
 */
public record ImportReport(boolean applied, boolean dryRun, List<Item> items, List<Item> problems) {

    /** One item's outcome: {@code created}, {@code updated}, {@code unchanged} or {@code refused} (with why). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Item(String kind, String name, String outcome, String field, String reason) {
        static Item of(String kind, String name, String outcome) {
            return new Item(kind, name, outcome, null, null);
        }

        static Item refused(String kind, String name, String field, String reason) {
            return new Item(kind, name, "refused", field, reason);
        }

        boolean isRefused() {
            return outcome.equals("refused");
        }

        String key() {
            return kind + "\u0000" + name;
        }
    }
}
