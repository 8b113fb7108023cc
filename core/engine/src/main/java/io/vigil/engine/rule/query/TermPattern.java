package io.vigil.engine.rule.query;

import io.vigil.engine.rule.PrefilterKey;
import java.util.List;
import java.util.Objects;

/**
 * What a rule leaf matches: alternatives, each a sequence of word tests that consecutive tokens must pass. A plain word
 * with aliases has one alternative per alias ({@code Iraq}: {@code [iraq]}, {@code [iraqi]}); a phrase has one
 * alternative of several words.
 */
public record TermPattern(List<List<WordTest>> alternatives) {
    public TermPattern {
        alternatives = alternatives.stream().map(List::copyOf).toList();
        if (alternatives.isEmpty() || alternatives.stream().anyMatch(List::isEmpty)) {
            throw new IllegalArgumentException("a term pattern needs at least one non-empty alternative");
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
