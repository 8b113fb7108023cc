package io.vigil.web.source;

import static io.restassured.RestAssured.given;
import static io.vigil.web.testing.Latches.awaitOrFail;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vigil.engine.source.ConfiguredSource;
import io.vigil.engine.source.FetchReport;
import io.vigil.web.testing.Archive;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A source's row has several writers that read it at different times: the scheduler records each fetch (counts,
 * cursor, next run), an admin issues push tokens and edits settings. A writer must store only what it changed, or a
 * fetch recorded from a read older than the admin's change silently undoes that change.
 */
@QuarkusTest
class ConcurrentSourceWritesTest {

    private final ExecutorService background = Executors.newSingleThreadExecutor();

    @BeforeEach
    void archiveIsReady() {
        Archive.awaitReady();
    }

    @AfterEach
    void stop() {
        background.shutdownNow();
    }

    @Test
    void aFetchRecordedFromAnOlderReadKeepsThePushTokenIssuedMeanwhile() throws Exception {
        int id = PushTokenResourceTest.pushSource("Interleaved Bridge");
        CountDownLatch read = new CountDownLatch(1);
        CountDownLatch issued = new CountDownLatch(1);
        CompletableFuture<Void> recording = CompletableFuture.runAsync(
                () -> QuarkusTransaction.requiringNew().run(() -> {
                    ConfiguredSource source = ConfiguredSource.findById((long) id);
                    read.countDown();
                    awaitOrFail(issued);
                    source.fetchSucceeded(
                            new FetchReport(0, 0, 0, Map.of(), null, null), Map.of(), Instant.now(), Duration.ZERO);
                }),
                background);
        assertThat(read.await(30, TimeUnit.SECONDS)).isTrue();

        String token = PushTokenResourceTest.issueToken(id);
        issued.countDown();
        recording.get(30, TimeUnit.SECONDS);

        given().noFilters()
                .header("X-Vigil-Source-Token", token)
                .contentType(ContentType.JSON)
                .body(PushTokenResourceTest.article("Interleaved Bridge Harbour Notice", "Reuters"))
                .post("/api/ingest")
                .then()
                .statusCode(200);
        QuarkusTransaction.requiringNew().run(() -> {
            ConfiguredSource source = ConfiguredSource.findById((long) id);
            assertThat(source.pushTokenHash).as("the token issued meanwhile").isNotNull();
            assertThat(source.lastSuccessAt).as("the fetch was recorded too").isNotNull();
        });
    }

    @Test
    void anEditSavedWhileAFetchIsRecordedKeepsBoth() throws Exception {
        int id = given().contentType(ContentType.JSON)
                .body(Map.of(
                        "type",
                        "rss",
                        "name",
                        "Interleaved Wire",
                        "config",
                        Map.of("url", "https://example.org/interleaved.xml"),
                        "enabled",
                        false))
                .post("/api/sources")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        CountDownLatch read = new CountDownLatch(1);
        CountDownLatch edited = new CountDownLatch(1);
        CompletableFuture<Void> recording = CompletableFuture.runAsync(
                () -> QuarkusTransaction.requiringNew().run(() -> {
                    ConfiguredSource source = ConfiguredSource.findById((long) id);
                    read.countDown();
                    awaitOrFail(edited);
                    source.fetchSucceeded(
                            new FetchReport(3, 1, 0, Map.of(), null, null),
                            Map.of("etag", "\"abc\""),
                            Instant.now(),
                            Duration.ZERO);
                }),
                background);
        assertThat(read.await(30, TimeUnit.SECONDS)).isTrue();

        given().contentType(ContentType.JSON)
                .body(Map.of(
                        "type",
                        "rss",
                        "name",
                        "Interleaved Wire Renamed",
                        "config",
                        Map.of("url", "https://example.org/renamed.xml"),
                        "enabled",
                        false))
                .put("/api/sources/" + id)
                .then()
                .statusCode(200);
        edited.countDown();
        recording.get(30, TimeUnit.SECONDS);

        QuarkusTransaction.requiringNew().run(() -> {
            ConfiguredSource source = ConfiguredSource.findById((long) id);
            assertThat(source.name).isEqualTo("Interleaved Wire Renamed");
            assertThat(source.config).containsEntry("url", "https://example.org/renamed.xml");
            assertThat(source.lastNew).isEqualTo(3);
            assertThat(source.cursor).containsEntry("etag", "\"abc\"");
        });
    }
}
