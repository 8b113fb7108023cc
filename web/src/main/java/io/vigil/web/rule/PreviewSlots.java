package io.vigil.web.rule;

import io.vigil.web.http.Problem;
import io.vigil.web.http.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How many rule previews one user may run at once on this instance: {@value #PER_USER}. A preview reads the archive
 * for seconds (6 to 10 s for a common word at a million articles, docs/benchmarks.md) and holds a database connection
 * while it does; any viewer may preview, so without a bound one signed-in caller sending previews in parallel could
 * take every connection of the pool and stall ingest, delivery and every page. An editor previews as its user types
 * and drops stale answers, so two at once is all it needs. The API and the page share the count.
 */
@ApplicationScoped
public class PreviewSlots {

    /** The most previews one user runs at once. */
    static final int PER_USER = 2;

    private final ConcurrentHashMap<String, Integer> running = new ConcurrentHashMap<>();

    /** A slot held until closed. */
    public interface Slot extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * Takes one of {@code user}'s slots, or refuses with 429 when all are in use.
     *
     * @param user the signed-in caller's name
     */
    public Slot take(String user) {
        int[] now = new int[1];
        running.compute(user, (name, count) -> now[0] = count == null ? 1 : count + 1);
        if (now[0] > PER_USER) {
            release(user);
            throw new ProblemException(Problem.of(
                    429,
                    "Too Many Requests",
                    PER_USER + " previews of yours are still running: wait for one to finish and try again"));
        }
        return () -> release(user);
    }

    /** How many previews {@code user} runs now. */
    int running(String user) {
        return running.getOrDefault(user, 0);
    }

    private void release(String user) {
        running.compute(user, (name, count) -> count == null || count <= 1 ? null : count - 1);
    }
}
