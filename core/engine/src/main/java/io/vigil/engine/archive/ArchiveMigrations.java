package io.vigil.engine.archive;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.flywaydb.core.Flyway;
import org.jboss.logging.Logger;

/**
 * Brings the schema up to date with Flyway at start-up — and, when PostgreSQL is not there yet, says so in one log
 * line and keeps trying in the background instead of failing start-up. Once migrated it fires {@link ArchiveReady}
 * and reports ready.
 */
@ApplicationScoped
public class ArchiveMigrations {

    private static final Logger LOG = Logger.getLogger(ArchiveMigrations.class);

    @Inject
    Flyway flyway;

    @Inject
    Event<ArchiveReady> archiveReady;

    @ConfigProperty(name = "quarkus.datasource.jdbc.url", defaultValue = "(unset)")
    String databaseUrl;

    @ConfigProperty(name = "vigil.database.retry-every", defaultValue = "PT5S")
    Duration retryEvery;

    private final CountDownLatch ready = new CountDownLatch(1);
    private final CountDownLatch stopping = new CountDownLatch(1);
    private volatile String lastProblem = "not started";

    void onStart(@Observes StartupEvent event) {
        Thread.ofVirtual().name("archive-migrations").start(this::migrateUntilDone);
    }

    void onStop(@Observes ShutdownEvent event) {
        stopping.countDown();
    }

    private void migrateUntilDone() {
        int attempt = 0;
        while (stopping.getCount() > 0) {
            attempt++;
            try {
                flyway.migrate();
                lastProblem = null;
                if (attempt > 1) {
                    LOG.infof("PostgreSQL at %s is reachable now; the archive is ready", databaseUrl);
                }
                ready.countDown();
                archiveReady.fire(new ArchiveReady());
                return;
            } catch (RuntimeException e) {
                String problem = rootMessage(e);
                if (!problem.equals(lastProblem)) {
                    LOG.errorf(
                            "Cannot open the archive: PostgreSQL at %s: %s — retrying every %ss until it is up",
                            databaseUrl, problem, retryEvery.toSeconds());
                }
                lastProblem = problem;
            }
            try {
                if (stopping.await(retryEvery.toMillis(), TimeUnit.MILLISECONDS)) {
                    return;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static String rootMessage(Throwable error) {
        Throwable cause = error;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        String message = cause.getMessage();
        return message == null
                ? cause.getClass().getSimpleName()
                : message.lines().findFirst().orElse(message);
    }

    /** Whether the schema is migrated and the archive usable. */
    public boolean isReady() {
        return ready.getCount() == 0;
    }

    /** Why the archive is not ready yet, or {@code null} once it is. */
    public String problem() {
        return isReady() ? null : lastProblem;
    }

    /** Waits until the archive is ready, for at most {@code timeout}; returns whether it is. */
    public boolean awaitReady(Duration timeout) throws InterruptedException {
        return ready.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }
}
