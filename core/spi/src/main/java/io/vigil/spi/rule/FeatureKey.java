package io.vigil.spi.rule;

import java.util.Objects;
import java.util.function.Function;

/**
 * Names a derived feature of an article — a sentence-embedding vector, a language guess, named entities — and says
 * how to compute it. The platform computes each key at most once per article, on the first rule that asks, and hands
 * the same value to every other rule; keys are compared by {@link #name()}.
 *
 * @param name a unique name such as {@code embedding.minilm}; a new way of computing it needs a new name, because
 *     stored values are found by name
 * @param type the value's type
 * @param compute derives the value from the article; must be thread-safe and side-effect free
 * @param codec turns the value into bytes and back, so the host can store it once per article; {@code null} for
 *     features that are cheap enough to recompute
 */
public record FeatureKey<T>(String name, Class<T> type, Function<MatchInput, T> compute, Codec<T> codec) {
    public FeatureKey {
        Objects.requireNonNull(name, "name is null");
        Objects.requireNonNull(type, "type is null");
        Objects.requireNonNull(compute, "compute is null");
    }

    /** A feature the host recomputes for each article it reads, never stored. */
    public FeatureKey(String name, Class<T> type, Function<MatchInput, T> compute) {
        this(name, type, compute, null);
    }

    /** How a stored feature is written and read back. */
    public interface Codec<T> {
        byte[] encode(T value);

        T decode(byte[] bytes);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof FeatureKey<?> key && key.name.equals(name);
    }

    @Override
    public int hashCode() {
        return name.hashCode();
    }
}
