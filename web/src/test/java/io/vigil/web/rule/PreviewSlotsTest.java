package io.vigil.web.rule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.vigil.web.security.Role;
import io.vigil.web.testing.Archive;
import io.vigil.web.testing.Users;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * One user runs at most two previews at once: a preview reads the archive for seconds on a database connection, and
 * any viewer may preview, so previews sent in parallel could otherwise take the whole pool. The archive is held
 * locked by the test, so the first two previews really are running (waiting on PostgreSQL) when the third is asked.
 */
@QuarkusTest
class PreviewSlotsTest {

    @Inject
    AgroalDataSource dataSource;

    @Inject
    PreviewSlots slots;

    @BeforeEach
    void archiveIsReady() {
        Archive.awaitReady();
    }

    private static Response preview(String user, String query) {
        return Users.as(user)
                .contentType(ContentType.JSON)
                .body(Map.of("query", query))
                .post("/api/rules/preview");
    }

    @Test
    void aThirdPreviewOfOneUserWhileTwoRunIsRefusedWith429() throws Exception {
        String viewer = Users.create("previewer", Role.VIEWER);
        List<CompletableFuture<Response>> running;
        // Two threads of its own: the common pool may have only one on a small machine.
        ExecutorService callers = Executors.newFixedThreadPool(2);
        try (callers;
                Connection lock = dataSource.getConnection()) {
            lock.setAutoCommit(false);
            try (Statement statement = lock.createStatement()) {
                statement.execute("lock table article in access exclusive mode");
            }
            running = List.of(
                    CompletableFuture.supplyAsync(() -> preview(viewer, "wall"), callers),
                    CompletableFuture.supplyAsync(() -> preview(viewer, "border"), callers));
            await("both previews run, waiting on the locked archive")
                    .atMost(Duration.ofSeconds(30))
                    .until(() -> slots.running(viewer) == 2);

            Response third = preview(viewer, "Iraq");
            assertThat(third.statusCode()).as(third.asString()).isEqualTo(429);
            assertThat(third.jsonPath().getString("detail")).contains("previews of yours are still running");
            assertThat(third.header("Retry-After")).isEqualTo("5");
            Response onThePage = Users.as(viewer).formParam("query", "Iraq").post("/rules/preview");
            assertThat(onThePage.statusCode()).as("the page shares the count").isEqualTo(429);
            lock.rollback();
        }
        for (CompletableFuture<Response> preview : running) {
            assertThat(preview.get().statusCode()).as(preview.get().asString()).isEqualTo(200);
        }
        assertThat(preview(viewer, "Iraq").statusCode())
                .as("the slots are free again")
                .isEqualTo(200);
    }

    @Test
    void previewsOfManyUsersTogetherAreBoundedPerInstanceWith503AndRetryAfter() throws Exception {
        int perInstance = 6; // vigil.limits.previews-per-instance's default
        List<String> viewers = new java.util.ArrayList<>();
        for (int i = 0; i <= perInstance; i++) {
            viewers.add(Users.create("crowd", Role.VIEWER));
        }
        List<CompletableFuture<Response>> running = new java.util.ArrayList<>();
        ExecutorService callers = Executors.newFixedThreadPool(perInstance);
        try (callers;
                Connection lock = dataSource.getConnection()) {
            lock.setAutoCommit(false);
            try (Statement statement = lock.createStatement()) {
                statement.execute("lock table article in access exclusive mode");
            }
            for (String viewer : viewers.subList(0, perInstance)) {
                running.add(CompletableFuture.supplyAsync(() -> preview(viewer, "wall"), callers));
            }
            await("every user's one preview runs, waiting on the locked archive")
                    .atMost(Duration.ofSeconds(30))
                    .until(() -> slots.running() == perInstance);

            String latecomer = viewers.get(perInstance);
            Response refused = preview(latecomer, "Iraq");
            assertThat(refused.statusCode())
                    .as("a user with no preview running is still refused: " + refused.asString())
                    .isEqualTo(503);
            assertThat(refused.header("Retry-After")).isEqualTo("5");
            assertThat(refused.contentType()).startsWith("application/problem+json");
            assertThat(refused.jsonPath().getString("detail")).contains("vigil.limits.previews-per-instance");
            Response onThePage = Users.as(latecomer).formParam("query", "Iraq").post("/rules/preview");
            assertThat(onThePage.statusCode()).as("the page shares the count").isEqualTo(503);
            Response inTheEditor = Users.as(latecomer)
                    .header("HX-Request", "true")
                    .formParam("query", "Iraq")
                    .post("/rules/preview");
            assertThat(inTheEditor.statusCode())
                    .as("htmx swaps only successful answers, so the editor gets the words in its preview")
                    .isEqualTo(200);
            assertThat(inTheEditor.asString()).contains("previews are running on this server");
            assertThat(slots.running(latecomer)).as("a refusal holds no slot").isZero();
            lock.rollback();
        }
        for (CompletableFuture<Response> preview : running) {
            assertThat(preview.get().statusCode()).as(preview.get().asString()).isEqualTo(200);
        }
        assertThat(preview(viewers.get(perInstance), "Iraq").statusCode())
                .as("the instance's slots are free again")
                .isEqualTo(200);
    }
}
