package io.vigil.web.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.arc.Arc;
import io.vigil.engine.archive.ArchiveMigrations;
import java.time.Duration;

/** Test support: waits for the archive to be migrated, which Vigil does in the background at start-up. */
public final class Archive {

    private Archive() {}

    public static void awaitReady() {
        try {
            assertThat(Arc.container().instance(ArchiveMigrations.class).get().awaitReady(Duration.ofSeconds(60)))
                    .as("the archive became ready")
                    .isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
