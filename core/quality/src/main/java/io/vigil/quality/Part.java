package io.vigil.quality;

/** Which (rule, item) pairs a figure is computed over. */
public enum Part {
    /** Tuning rules on tuning items: the only part to tune against. */
    TUNING("tuning"),
    /** Every pair with a held-out rule or a held-out item: what tuning never saw. */
    HELD_OUT("held-out"),
    /** Every pair. */
    ALL("all");

    private final String label;

    Part(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public boolean contains(LabelledRule rule, LabelledItem item) {
        boolean tuning = rule.split() == Split.TUNING && item.split() == Split.TUNING;
        return switch (this) {
            case TUNING -> tuning;
            case HELD_OUT -> !tuning;
            case ALL -> true;
        };
    }
}
