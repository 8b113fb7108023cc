package io.vigil.web.testing;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Waiting on a latch from inside a transaction that two tests' writers interleave. */
public final class Latches {

    private Latches() {}

    /** Waits for the other writer (30 s at most), failing the test when it never comes. */
    public static void awaitOrFail(CountDownLatch latch) {
        try {
            if (!latch.await(30, TimeUnit.SECONDS)) {
                throw new AssertionError("the other writer never came");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
