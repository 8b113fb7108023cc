package io.vigil.web.rule;

import io.vigil.engine.limits.LimitSettings;
import io.vigil.web.http.Problem;
import io.vigil.web.http.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * How many rule previews run at once on this instance: per user ({@code vigil.limits.previews-per-user}, 2) and all
 * users together ({@code vigil.limits.previews-per-instance}, 6). A preview reads the archive for seconds (6 to 10 s
 * for a common word at a million articles, docs/benchmarks.md) and holds a database connection while it does; any
 * viewer may preview, so without bounds one caller sending previews in parallel, or many callers each within their own
 * bound, could take every connection of the pool and stall ingest, delivery and every page. An editor previews as its
 * user types and drops stale answers, so two at once is all it needs. The API and the page share the counts.
 *
 * <p>A user over their own bound gets {@code 429} (their own previews are what to wait for); a preview refused because
 * the instance is busy with everyone's gets {@code 503}, since the caller did nothing too often. Both carry
 * {@code Retry-After}.
 */
@ApplicationScoped
public class PreviewSlots {

    /** Seconds a refused caller is asked to wait: about one preview's run. */
    static final int RETRY_AFTER_SECONDS = 5;

    private final ConcurrentHashMap<String, Integer> running = new ConcurrentHashMap<>();

    private final AtomicInteger everyone = new AtomicInteger();

    @Inject
    LimitSettings limits;

    /** A slot held until closed. */
    public interface Slot extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * Takes one of {@code user}'s slots and one of the instance's, or refuses: 429 when the user's are all in use, 503
     * when the instance's are.
     *
     * @param user the signed-in caller's name
     */
    public Slot take(String user) {
        int perUser = limits.previewsPerUser();
        int[] now = new int[1];
        running.compute(user, (name, count) -> now[0] = count == null ? 1 : count + 1);
        if (now[0] > perUser) {
            release(user);
            throw new ProblemException(
                    Problem.of(
                            429,
                            "Too Many Requests",
                            perUser + " previews of yours are still running: wait for one to finish and try again"),
                    RETRY_AFTER_SECONDS);
        }
        int perInstance = limits.previewsPerInstance();
        if (everyone.incrementAndGet() > perInstance) {
            everyone.decrementAndGet();
            release(user);
            throw new ProblemException(
                    Problem.of(
                            503,
                            "Service Unavailable",
                            perInstance + " previews are running on this server (vigil.limits.previews-per-instance):"
                                    + " try again in a few seconds"),
                    RETRY_AFTER_SECONDS);
        }
        return () -> {
            everyone.decrementAndGet();
            release(user);
        };
    }

    /** How many previews {@code user} runs now. */
    int running(String user) {
        return running.getOrDefault(user, 0);
    }

    /** How many previews run now on this instance. */
    int running() {
        return everyone.get();
    }

    private void release(String user) {
        running.compute(user, (name, count) -> count == null || count <= 1 ? null : count - 1);
    }
}
