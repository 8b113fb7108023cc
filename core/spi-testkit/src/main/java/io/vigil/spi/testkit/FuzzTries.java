package io.vigil.spi.testkit;

import java.util.Random;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.function.ThrowingConsumer;

/**
 * Fuzz tries as plain JUnit 5 dynamic tests: return {@code FuzzTries.of(300, random -> ...)} from a
 * {@code @TestFactory} and each try gets its own {@link Random} seeded with a fresh seed, printed in the try's display
 * name and in its failure so that it can be replayed.
 *
 * <p>Two system properties steer a run: {@code -Dvigil.fuzz.seed=N} runs a single try with seed {@code N} (pair it
 * with {@code -Dtest=Class#method}), and {@code -Dvigil.fuzz.tries=N} runs {@code N} tries instead of the test's
 * default. Everything a try does must come from the {@link Random} it is given, so the seed alone reproduces it.
 */
public final class FuzzTries {

    /** Replays one seed. */
    public static final String SEED_PROPERTY = "vigil.fuzz.seed";

    /** Overrides the number of tries. */
    public static final String TRIES_PROPERTY = "vigil.fuzz.tries";

    private FuzzTries() {}

    /** {@code defaultTries} tries of {@code body} (or what the system properties ask for), one dynamic test each. */
    public static Stream<DynamicTest> of(int defaultTries, ThrowingConsumer<Random> body) {
        return seeds(defaultTries)
                .mapToObj(seed -> DynamicTest.dynamicTest(replay(seed), () -> {
                    try {
                        body.accept(new Random(seed));
                    } catch (Throwable failure) {
                        // reports may show only "method()[17]", so the failure itself names the seed
                        throw new AssertionError(replay(seed) + ": " + shortened(failure.toString()), failure);
                    }
                }));
    }

    private static String replay(long seed) {
        return "seed " + seed + " (rerun: -D" + SEED_PROPERTY + "=" + seed + ")";
    }

    /** A failure's message can quote a whole mutated document; its cause keeps all of it. */
    private static String shortened(String message) {
        return message.length() <= 500 ? message : message.substring(0, 500) + "…";
    }

    private static LongStream seeds(int defaultTries) {
        String seed = System.getProperty(SEED_PROPERTY, "").strip();
        if (!seed.isEmpty()) {
            return LongStream.of(Long.parseLong(seed));
        }
        String tries = System.getProperty(TRIES_PROPERTY, "").strip();
        int count = tries.isEmpty() ? defaultTries : Integer.parseInt(tries);
        // fresh seeds every run, as a fuzzer should; the display names keep them
        return ThreadLocalRandom.current().longs(count);
    }
}
