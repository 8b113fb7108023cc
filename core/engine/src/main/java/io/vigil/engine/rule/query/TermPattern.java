package io.vigil.engine.rule.query;

import io.vigil.engine.rule.PrefilterKey;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * What a rule leaf matches: alternatives, each a sequence of word tests that consecutive tokens must pass. A plain word
 * with aliases has one alternative per alias ({@code Iraq}: {@code [iraq]}, {@code [iraqi]}); a phrase has one
 * alternative of several words. Each alternative remembers what it was written as and why it is there, so the preview
 * can show how a rule was read and an alert which expansion matched ("armed group ← militants").
 */
public record TermPattern(List<Alternative> alternatives) {
    public TermPattern {
        alternatives = List.copyOf(alternatives);
        if (alternatives.isEmpty()) {
            throw new IllegalArgumentException("a term pattern needs at least one alternative");
        }
    }

    /** A pattern of one alternative, the term itself. */
    public static TermPattern of(String label, List<WordTest> words) {
        return new TermPattern(List.of(new Alternative(words, label, Origin.TERM)));
    }

    /** The word sequences alone, for code that does not care where they came from. */
    public List<List<WordTest>> sequences() {
        List<List<WordTest>> sequences = new ArrayList<>(alternatives.size());
        for (Alternative alternative : alternatives) {
            sequences.add(alternative.words());
        }
        return sequences;
    }

    /** Why an alternative is part of a term. */
    public enum Origin {
        /** The word as written, in its word forms. */
        TERM,
        /** Another spelling of the same word: a hyphen, a space or a British/American spelling. */
        VARIANT,
        /** A member of the term's alias group: a nationality, an acronym and its spelled-out name. */
        ALIAS,
        /** A near-synonym, narrower term or named instance from the concept lexicon. */
        CONCEPT
    }

    /**
     * One way a term can occur.
     *
     * @param words the tests consecutive tokens must pass
     * @param label how it is written, for the reading and for alerts ({@code militants}, {@code cease-fire})
     * @param origin why it belongs to the term
     * @param gapsBefore for each word, how many other words of the same sentence may stand right before it (0: the
     *     words are consecutive; a concept member {@code launch … missile at} allows a few: "launches over 40 ballistic
     *     missiles at"); the first word's is 0
     */
    public record Alternative(List<WordTest> words, String label, Origin origin, List<Integer> gapsBefore) {
        public Alternative {
            words = List.copyOf(words);
            gapsBefore = List.copyOf(gapsBefore);
            Objects.requireNonNull(label, "label is null");
            Objects.requireNonNull(origin, "origin is null");
            if (words.isEmpty()) {
                throw new IllegalArgumentException("an alternative needs at least one word");
            }
            if (gapsBefore.size() != words.size() || gapsBefore.get(0) != 0) {
                throw new IllegalArgumentException("an alternative needs one gap per word, none before the first");
            }
        }

        /** An alternative of consecutive words. */
        public Alternative(List<WordTest> words, String label, Origin origin) {
            this(words, label, origin, Collections.nCopies(words.size(), 0));
        }

        /** Whether some word may stand apart from the one before it. */
        public boolean gapped() {
            return gapsBefore.stream().anyMatch(gap -> gap > 0);
        }
    }

    /** One word test: how a single token is compared. */
    public sealed interface WordTest {
        /** The key under which an article index finds candidate tokens. */
        PrefilterKey indexKey();
    }

    /** A token with this stem (word forms: {@code fortification} finds "fortifies"). */
    public record Stem(String stem) implements WordTest {
        public Stem {
            Objects.requireNonNull(stem, "stem is null");
        }

        @Override
        public PrefilterKey indexKey() {
            return PrefilterKey.stem(stem);
        }
    }

    /** A token written in capitals as this key ({@code US} finds "US" and "U.S.", not "us"). */
    public record Capitals(String key) implements WordTest {
        public Capitals {
            Objects.requireNonNull(key, "key is null");
        }

        @Override
        public PrefilterKey indexKey() {
            return PrefilterKey.capitals(key);
        }
    }

    /** A token with exactly this normalized form (phrase words); its stem serves as the index key. */
    public record Exact(String normalized, String stem) implements WordTest {
        public Exact {
            Objects.requireNonNull(normalized, "normalized is null");
            Objects.requireNonNull(stem, "stem is null");
        }

        @Override
        public PrefilterKey indexKey() {
            return PrefilterKey.stem(stem);
        }
    }

    /** A token whose normalized form starts with this prefix. */
    public record Prefix(String prefix) implements WordTest {
        public Prefix {
            Objects.requireNonNull(prefix, "prefix is null");
        }

        @Override
        public PrefilterKey indexKey() {
            return PrefilterKey.prefix(prefix);
        }
    }
}
