package io.vigil.web.ingest;

import io.vigil.engine.ingest.ArticleStored;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Holds a storing transaction open after its article's rows are written and before it commits, for the one title a
 * test names: an observer of {@link ArticleStored}, which the pipeline fires inside that transaction. Every other
 * article passes straight through.
 */
@ApplicationScoped
class StoringPause {

    private volatile String title;
    private volatile CountDownLatch reached = new CountDownLatch(1);
    private volatile CountDownLatch release = new CountDownLatch(1);

    /** From now on, the transaction storing an article titled {@code title} waits in {@link #onStored}. */
    void holdOn(String title) {
        reached = new CountDownLatch(1);
        release = new CountDownLatch(1);
        this.title = title;
    }

    /** Whether a transaction holding such an article is waiting, after up to {@code seconds}. */
    boolean awaitHeld(long seconds) throws InterruptedException {
        return reached.await(seconds, TimeUnit.SECONDS);
    }

    /** Lets the held transaction commit, and holds no other. */
    void release() {
        title = null;
        release.countDown();
    }

    void onStored(@Observes ArticleStored stored) throws InterruptedException {
        if (stored.title().equals(title)) {
            reached.countDown();
            if (!release.await(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("a held storing transaction was never released");
            }
        }
    }
}
