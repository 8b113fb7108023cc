package io.vigil.engine.rule.query;

/**
 * How close the words of a bare list must be: within a window of consecutive sentences of one paragraph, within one
 * paragraph, or anywhere in the article (the classic Boolean AND, kept for comparison and for {@code AND}).
 *
 * @param sentences the window in sentences (1 = one sentence); ignored unless {@link #kind()} is SENTENCES
 */
public record Proximity(Kind kind, int sentences) {

    /** The default, chosen by measurement on the labelled rule set (see docs/rules.md): two adjacent sentences. */
    public static final Proximity DEFAULT = sentences(2);

    /** The scopes a passage can have. */
    public enum Kind {
        SENTENCES,
        PARAGRAPH,
        ARTICLE
    }

    public Proximity {
        if (kind == Kind.SENTENCES && sentences < 1) {
            throw new IllegalArgumentException("a sentence window needs at least one sentence, not " + sentences);
        }
    }

    public static Proximity sentences(int count) {
        return new Proximity(Kind.SENTENCES, count);
    }

    public static Proximity paragraph() {
        return new Proximity(Kind.PARAGRAPH, 0);
    }

    public static Proximity article() {
        return new Proximity(Kind.ARTICLE, 0);
    }

    /** The configuration value naming this proximity: {@code 1}…{@code 5} sentences, {@code paragraph}, {@code article}. */
    public String label() {
        return switch (kind) {
            case SENTENCES -> Integer.toString(sentences);
            case PARAGRAPH -> "paragraph";
            case ARTICLE -> "article";
        };
    }

    /** Reads {@link #label()}. */
    public static Proximity parse(String label) {
        return switch (label) {
            case "paragraph" -> paragraph();
            case "article" -> article();
            default -> sentences(Integer.parseInt(label));
        };
    }
}
