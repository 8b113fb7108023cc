package io.vigil.web.testing;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.arc.Arc;
import io.vigil.engine.archive.ArchiveMigrations;
import java.time.Duration;

/** Test support: waits for the archive to be migrated, which Vigil does in the background at start-up; counts it. */
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

    /** How many articles the archive holds, as the API reports it to the test's caller. */
    public static long articleCount() {
        return given().get("/api/articles?limit=1")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getLong("total");
    }
}
