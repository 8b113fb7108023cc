package io.vigil.web.delivery;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vigil.web.testing.Archive;
import io.vigil.web.testing.TelegramBotApi;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logmanager.formatters.PatternFormatter;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A remote server's words reach the log as one line: a chat service whose refusal carries {@code "\r\n"} and an ANSI
 * escape cannot start a log line of its choosing or rewrite what a terminal shows. The log is read as the console
 * writes it, through the application's own log format.
 */
@QuarkusTest
class ForgedLogLinesTest {

    private static final String FORGED = "12:00:00 INFO  [io.vi.we.se.SignIn] admin signed in from 10.0.0.1";

    @BeforeEach
    void archiveIsReady() {
        Archive.awaitReady();
    }

    @Test
    void aRefusalQuotingLineBreaksAndTerminalEscapesIsLoggedAsOneEscapedLine() throws Exception {
        PatternFormatter console =
                new PatternFormatter(ConfigProvider.getConfig().getValue("quarkus.log.console.format", String.class));
        List<String> written = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                written.add(console.format(record));
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        Logger logger = Logger.getLogger("io.vigil.alerts.outbox.DeliveryWorker");
        logger.addHandler(capture);
        try (TelegramBotApi telegram = new TelegramBotApi()) {
            telegram.thenRefuse(
                    400, "Bad Request: chat not found\r\n" + FORGED + "\u0085" + FORGED + "\u2028\u001b[2K\u001b[1A");
            long channel = Channels.telegram(telegram.apiUrl());
            String word = "zqforged" + UUID.randomUUID().toString().replaceAll("[^a-f]", "");
            given().contentType(ContentType.JSON)
                    .body(Map.of(
                            "name",
                            "Forged " + word,
                            "query",
                            word,
                            "channels",
                            List.of(channel),
                            "delivery",
                            "immediate"))
                    .post("/api/rules")
                    .then()
                    .statusCode(201);
            given().contentType(ContentType.JSON)
                    .body(Map.of(
                            "title", "Harbour opens at " + word,
                            "body", "The harbour near " + word + " opened.",
                            "source", "Coast Post"))
                    .post("/api/ingest")
                    .then()
                    .statusCode(200);

            await().atMost(Duration.ofSeconds(30))
                    .until(() -> written.stream().anyMatch(line -> line.contains("chat not found")));
        } finally {
            logger.removeHandler(capture);
        }
        String line = written.stream()
                .filter(entry -> entry.contains("chat not found"))
                .findFirst()
                .orElseThrow();
        assertThat(line).contains("is dead after 1 attempt(s)");
        assertThat(line.strip()).doesNotContain("\r", "\n", "\u0085", "\u2028", "\u001b");
        // The service's excerpt already made a space of the CR LF (every run of white space is one); what it left,
        // the log escapes.
        assertThat(line)
                .contains("chat not found 12:00:00 INFO [")
                .contains("from 10.0.0.1\\u0085" + FORGED.replace("  ", " ") + "\\u2028\\u001b[2K\\u001b[1A");
    }
}
