package io.vigil.web.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.IntFunction;

/** Test support: the same request sent by several callers at once, for tests that a cap or a claim holds exactly. */
public final class AtOnce {

    private AtOnce() {}

    /**
     * Runs {@code call} for 0 to {@code callers - 1}, each on its own thread, all at once; answers what each returned
     * (an HTTP status, say), in the order of the calls. A call that throws fails the test.
     */
    public static <T> List<T> run(int callers, IntFunction<T> call) {
        List<CompletableFuture<T>> answers = new ArrayList<>();
        try (ExecutorService threads = Executors.newFixedThreadPool(callers)) {
            for (int i = 0; i < callers; i++) {
                int caller = i;
                answers.add(CompletableFuture.supplyAsync(() -> call.apply(caller), threads));
            }
        }
        return answers.stream().map(CompletableFuture::join).toList();
    }
}
