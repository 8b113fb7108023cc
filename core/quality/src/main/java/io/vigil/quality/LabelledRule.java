package io.vigil.quality;

import java.util.Objects;

/**
 * A watch rule of the labelled set, written the way an analyst writes it.
 *
 * @param id a short stable id ({@code R01})
 * @param query the rule's text, given unchanged to every system
 * @param split whether the rule may be tuned against
 * @param intent what the analyst wants and what is a false alarm: the yardstick of the judgments
 */
public record LabelledRule(String id, String query, Split split, String intent) {
    public LabelledRule {
        Objects.requireNonNull(id, "id is null");
        Objects.requireNonNull(query, "query is null");
        Objects.requireNonNull(split, "split is null");
        Objects.requireNonNull(intent, "intent is null");
    }
}
