package io.vigil.engine.rule.query;

/**
 * How close the words of a bare list must be: within a window of consecutive sentences of one paragraph, within one
 * paragraph, or anywhere in the article (the classic Boolean AND, kept for comparison and for {@code AND}).
 *
 * <p>Two refinements, chosen by measurement on the labelled set (see docs/rules.md): a <b>short item</b> — a body of at
 * most {@link #shortItem()} sentences, such as a one-to-three-sentence news brief — is one passage, title and text
 * together; and in a longer article the <b>title</b> belongs to every passage when {@link #titleInEveryPassage()}, since
 * a headline is about the whole article.
 *
 * @param sentences the window in sentences (1 = one sentence); ignored unless {@link #kind()} is SENTENCES
 * @param shortItem the most body sentences an item may have to count as short and be read whole; 0 for never
 * @param titleInEveryPassage whether title words count as part of every passage of the body
 * @param passingMentionsIgnored whether, in a long article, a term found only once in passing (in one sentence, outside
 *     the title and the lead paragraph) is treated as absent
 */
public record Proximity(
        Kind kind, int sentences, int shortItem, boolean titleInEveryPassage, boolean passingMentionsIgnored) {

    /** Items of up to this many body sentences are read whole (measured: see docs/rules.md). */
    public static final int SHORT_ITEM = 3;

    /** The default, chosen by measurement on the labelled sets (see docs/rules.md). */
    public static final Proximity DEFAULT = new Proximity(Kind.SENTENCES, 2, SHORT_ITEM, true, true);

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
        if (shortItem < 0) {
            throw new IllegalArgumentException("a short item has at least 0 sentences, not " + shortItem);
        }
    }

    /** A proximity that ignores passing mentions in long articles, as {@link #DEFAULT} does. */
    public Proximity(Kind kind, int sentences, int shortItem, boolean titleInEveryPassage) {
        this(kind, sentences, shortItem, titleInEveryPassage, true);
    }

    /** A window of {@code count} sentences, with the default short-item and title reading. */
    public static Proximity sentences(int count) {
        return new Proximity(Kind.SENTENCES, count, DEFAULT.shortItem, DEFAULT.titleInEveryPassage);
    }

    public static Proximity paragraph() {
        return new Proximity(Kind.PARAGRAPH, 0, DEFAULT.shortItem, DEFAULT.titleInEveryPassage);
    }

    public static Proximity article() {
        return new Proximity(Kind.ARTICLE, 0, 0, false, false);
    }

    /** This window with another short-item limit (0: never read an item whole). */
    public Proximity withShortItem(int limit) {
        return new Proximity(kind, sentences, limit, titleInEveryPassage, passingMentionsIgnored);
    }

    /** This window with passing mentions of long articles ignored or counted. */
    public Proximity withPassingMentionsIgnored(boolean ignored) {
        return new Proximity(kind, sentences, shortItem, titleInEveryPassage, ignored);
    }

    /** This window with the title in every passage, or in none but its own. */
    public Proximity withTitleInEveryPassage(boolean every) {
        return new Proximity(kind, sentences, shortItem, every, passingMentionsIgnored);
    }

    /** The configuration value naming this proximity: {@code 1}…{@code 5} sentences, {@code paragraph}, {@code article}. */
    public String label() {
        return switch (kind) {
            case SENTENCES -> Integer.toString(sentences);
            case PARAGRAPH -> "paragraph";
            case ARTICLE -> "article";
        };
    }

    /** How the window reads, for the rule's reading in the preview. */
    public String description() {
        String window =
                switch (kind) {
                    case SENTENCES -> sentences == 1 ? "one sentence" : sentences + " consecutive sentences";
                    case PARAGRAPH -> "one paragraph";
                    case ARTICLE -> "the whole article";
                };
        if (kind == Kind.ARTICLE) {
            return window;
        }
        StringBuilder text = new StringBuilder(window);
        if (titleInEveryPassage) {
            text.append(" (the title counts in every passage)");
        }
        if (shortItem > 0) {
            text.append("; an item of up to ").append(shortItem).append(" sentences is read whole");
        }
        if (passingMentionsIgnored) {
            text.append("; in a longer article a word must be in the title, the lead or two sentences");
        }
        return text.toString();
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
