package io.vigil.quality;

/** Whether a rule or an item may be looked at while tuning the matcher. */
public enum Split {
    TUNING("tuning"),
    HELD_OUT("heldout");

    private final String label;

    Split(String label) {
        this.label = label;
    }

    /** The split written {@code tuning} or {@code heldout} in the set's files. */
    public static Split parse(String label) {
        for (Split split : values()) {
            if (split.label.equals(label)) {
                return split;
            }
        }
        throw new IllegalArgumentException("unknown split '" + label + "' (expected tuning or heldout)");
    }
}
