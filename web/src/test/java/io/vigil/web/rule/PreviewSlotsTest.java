package io.vigil.web.rule;

import static io.restassured.RestAssured.given;
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
        return given().noFilters()
                .auth()
                .preemptive()
                .basic(user, Users.PASSWORD)
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
            Response onThePage = given().noFilters()
                    .auth()
                    .preemptive()
                    .basic(viewer, Users.PASSWORD)
                    .formParam("query", "Iraq")
                    .post("/rules/preview");
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
}
