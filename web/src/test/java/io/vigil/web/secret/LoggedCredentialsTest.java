package io.vigil.web.secret;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vigil.web.testing.Archive;
import io.vigil.web.testing.FeedServer;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A source's failure text loses the credentials of the URLs it quotes where it is made, so the log (often shipped to
 * people who may not read the sources' settings), the fetch's answer and the dry run carry the masked text, as the
 * recorded health does.
 */
@QuarkusTest
class LoggedCredentialsTest {

    @BeforeEach
    void archiveIsReady() {
        Archive.awaitReady();
    }

    @Test
    void aFailingFetchLogsAndAnswersItsUrlWithoutTheCredentials() throws Exception {
        String password = "Pw" + UUID.randomUUID().toString().replace("-", "");
        String token = "Tk" + UUID.randomUUID().toString().replace("-", "");
        List<String> logged = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                Object[] parameters = record.getParameters() == null ? new Object[0] : record.getParameters();
                logged.add(record.getMessage() + " " + List.of(parameters));
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        Logger logger = Logger.getLogger("io.vigil.engine.source.SourceRunner");
        logger.addHandler(capture);
        try (FeedServer server = new FeedServer()) {
            server.serve("/private", "text/plain", "this is no feed");
            String url = server.url("/private?token=" + token + "&lang=en")
                    .replace("http://", "http://reader:" + password + "@");
            String name = "Credentialed " + UUID.randomUUID();
            int id = given().contentType(ContentType.JSON)
                    .body(Map.of("type", "rss", "name", name, "enabled", false, "config", Map.of("url", url)))
                    .post("/api/sources")
                    .then()
                    .statusCode(201)
                    .extract()
                    .path("id");

            String answered = given().post("/api/sources/" + id + "/fetch")
                    .then()
                    .statusCode(200)
                    .extract()
                    .path("error");
            String tried = given().contentType(ContentType.JSON)
                    .body(Map.of("type", "rss", "config", Map.of("url", url)))
                    .post("/api/sources/test")
                    .then()
                    .statusCode(200)
                    .extract()
                    .path("error");

            assertThat(answered).contains("is not a feed").contains("token=•••");
            assertThat(tried).contains("is not a feed").contains("token=•••");
            List<String> aboutIt =
                    logged.stream().filter(line -> line.contains(name)).toList();
            assertThat(aboutIt).isNotEmpty();
            assertThat(String.join("\n", logged) + answered + tried)
                    .doesNotContain(password)
                    .doesNotContain(token);
        } finally {
            logger.removeHandler(capture);
        }
    }
}
