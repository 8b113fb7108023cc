package io.vigil.spi.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.spi.testkit.Mutations.Kind;
import io.vigil.spi.testkit.Mutations.Mutation;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;

/** Mutations drawn from a seed, applied as documented, and fuzz tries that name their seed. */
class MutationsTest {

    private static final List<String> TOKENS = List.of("<", "&x;", "]]>");

    @Test
    void theSameSeedDrawsTheSameMutations() {
        for (long seed = 0; seed < 50; seed++) {
            assertThat(Mutations.random(new Random(seed), TOKENS))
                    .isEqualTo(Mutations.random(new Random(seed), TOKENS));
        }
    }

    @Test
    void drawsOneToEightMutationsWithinTheirBounds() {
        Random random = new Random(42);
        for (int i = 0; i < 500; i++) {
            List<Mutation> mutations = Mutations.random(random, TOKENS);
            assertThat(mutations).hasSizeBetween(1, Mutations.MAX_MUTATIONS).allSatisfy(mutation -> {
                assertThat(mutation.at()).isBetween(0.0, 1.0);
                assertThat(mutation.length()).isBetween(1, Mutations.MAX_LENGTH);
                assertThat(TOKENS).contains(mutation.token());
                assertThat(mutation.noise()).hasSizeBetween(1, 16);
            });
        }
    }

    @Test
    void appliesEachKindAtItsPosition() {
        String text = "abcdefghij";
        assertThat(Mutations.apply(text, List.of(mutation(Kind.TRUNCATE, 0.5, 1))))
                .isEqualTo("abcde");
        assertThat(Mutations.apply(text, List.of(mutation(Kind.DELETE, 0.2, 3))))
                .isEqualTo("abfghij");
        assertThat(Mutations.apply(text, List.of(mutation(Kind.DUPLICATE, 0.0, 2))))
                .isEqualTo("ababcdefghij");
        assertThat(Mutations.apply(text, List.of(mutation(Kind.INSERT_TOKEN, 1.0, 1))))
                .isEqualTo("abcdefghij<");
        assertThat(Mutations.apply(text, List.of(mutation(Kind.INSERT_NOISE, 0.1, 1))))
                .isEqualTo("a\u0000!bcdefghij");
        assertThat(Mutations.apply(text, List.of(mutation(Kind.FLIP, 0.9, 1)))).isEqualTo("abcdefghi\u0000");
        assertThat(Mutations.apply(text, List.of(mutation(Kind.DELETE, 0.5, 4096), mutation(Kind.FLIP, 1.0, 1))))
                .isEqualTo("abcde\u0000");
    }

    @Test
    void fuzzTriesRunTheDefaultNumberOfTriesEachWithItsSeedInItsName() {
        List<DynamicTest> tries = FuzzTries.of(7, random -> {}).toList();
        // a run with -Dvigil.fuzz.seed or -Dvigil.fuzz.tries asks for another number
        int expected = System.getProperty(FuzzTries.SEED_PROPERTY) != null
                ? 1
                : Integer.getInteger(FuzzTries.TRIES_PROPERTY, 7);
        assertThat(tries).hasSize(expected).allSatisfy(test -> assertThat(test.getDisplayName())
                .matches("seed -?\\d+ \\(rerun: -Dvigil\\.fuzz\\.seed=-?\\d+\\)"));
    }

    @Test
    void aFailingTryNamesItsSeedInTheFailure() {
        DynamicTest failing = FuzzTries.of(1, random -> {
                    throw new IllegalStateException("broken");
                })
                .findFirst()
                .orElseThrow();
        assertThatThrownBy(() -> failing.getExecutable().execute())
                .isInstanceOf(AssertionError.class)
                .hasMessageStartingWith(failing.getDisplayName())
                .hasMessageContaining("broken")
                .hasCauseInstanceOf(IllegalStateException.class);
    }

    private static Mutation mutation(Kind kind, double at, int length) {
        return new Mutation(kind, at, length, "<", "\u0000!");
    }
}
