package io.vigil.quality;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One system's matches compared with the judgments: counts per rule and micro-averaged over rules, for any part of
 * the set, and the items it gets wrong. Excluded pairs count in nothing.
 */
public final class Evaluation {

    private final LabelledSet set;
    private final Map<String, Set<String>> matches;

    private Evaluation(LabelledSet set, Map<String, Set<String>> matches) {
        this.set = set;
        this.matches = matches;
    }

    /** @param matches rule id → ids of the items the system matched, as {@link MatchingSystem#match} returns */
    public static Evaluation of(LabelledSet set, Map<String, Set<String>> matches) {
        return new Evaluation(Objects.requireNonNull(set, "set is null"), Map.copyOf(matches));
    }

    /** Whether the part holds any pair of this rule. */
    public boolean covers(Part part, LabelledRule rule) {
        return set.items().stream().anyMatch(item -> part.contains(rule, item));
    }

    public Counts counts(Part part, LabelledRule rule) {
        int truePositives = 0;
        int falsePositives = 0;
        int falseNegatives = 0;
        Set<String> matched = matches.getOrDefault(rule.id(), Set.of());
        for (LabelledItem item : set.items()) {
            if (!part.contains(rule, item)) {
                continue;
            }
            boolean hit = matched.contains(item.id());
            switch (set.judgment(rule, item)) {
                case RELEVANT -> {
                    if (hit) {
                        truePositives++;
                    } else {
                        falseNegatives++;
                    }
                }
                case NOT_RELEVANT -> {
                    if (hit) {
                        falsePositives++;
                    }
                }
                case EXCLUDED -> {}
            }
        }
        return new Counts(truePositives, falsePositives, falseNegatives);
    }

    /** The counts of every rule in the part added up: micro-averaged precision, recall and F1. */
    public Counts micro(Part part) {
        Counts total = Counts.NONE;
        for (LabelledRule rule : set.rules()) {
            total = total.plus(counts(part, rule));
        }
        return total;
    }

    /** Whether the system matched the item with the rule. */
    public boolean matched(LabelledRule rule, LabelledItem item) {
        return matches.getOrDefault(rule.id(), Set.of()).contains(item.id());
    }

    /** Relevant items of the part that the system did not match. */
    public List<LabelledItem> misses(Part part, LabelledRule rule) {
        return wrong(part, rule, Judgment.RELEVANT, false);
    }

    /** Items of the part the system matched that are not relevant. */
    public List<LabelledItem> falseAlarms(Part part, LabelledRule rule) {
        return wrong(part, rule, Judgment.NOT_RELEVANT, true);
    }

    private List<LabelledItem> wrong(Part part, LabelledRule rule, Judgment judgment, boolean matchedWanted) {
        Set<String> matched = matches.getOrDefault(rule.id(), Set.of());
        List<LabelledItem> wrong = new ArrayList<>();
        for (LabelledItem item : set.items()) {
            if (part.contains(rule, item)
                    && set.judgment(rule, item) == judgment
                    && matched.contains(item.id()) == matchedWanted) {
                wrong.add(item);
            }
        }
        return wrong;
    }
}
