package io.vigil.web.secret;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vigil.web.testing.Archive;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The one-time step that masks error texts stored raw by a Vigil from before errors were masked when recorded,
 * against the real database: rows are written behind the platform's back as such a Vigil wrote them, the step runs,
 * and what is left is what a viewer may read; a second run does nothing.
 */
@QuarkusTest
class StoredErrorTextsTest {

    @Inject
    AgroalDataSource dataSource;

    @Inject
    StoredErrorTexts stored;

    @BeforeEach
    void archiveIsReady() {
        Archive.awaitReady();
    }

    @Test
    void masksTheCredentialsInErrorsStoredBeforeMaskingOnceAndOnlyOnce() throws Exception {
        String secretPath = "/hook/T9/B9/" + UUID.randomUUID().toString().replace("-", "");
        long channel = given().contentType(ContentType.JSON)
                .body(Map.of(
                        "type",
                        "webhook",
                        "name",
                        "old errors " + System.nanoTime(),
                        "config",
                        Map.of("url", "https://hooks.chat.example" + secretPath)))
                .post("/api/channels")
                .then()
                .statusCode(201)
                .extract()
                .<Integer>path("id")
                .longValue();
        long source = given().contentType(ContentType.JSON)
                .body(Map.of(
                        "type",
                        "rss",
                        "name",
                        "old errors " + System.nanoTime(),
                        "enabled",
                        false,
                        "config",
                        Map.of("url", "https://feeds.example.org/rss")))
                .post("/api/sources")
                .then()
                .statusCode(201)
                .extract()
                .<Integer>path("id")
                .longValue();
        String rawDelivery = "the receiver answered HTTP 404: no such webhook " + secretPath;
        String rawFetch = "GET https://reader:hunter2@feeds.example.org/rss?token=abc123 answered HTTP 500";
        UUID notification = UUID.randomUUID();
        long outbox;
        try (Connection connection = dataSource.getConnection()) {
            execute(connection, "delete from maintenance_step where name = ?", StoredErrorTexts.STEP);
            execute(
                    connection,
                    "update source set last_error = ?, last_error_at = now(), skipped = jsonb_build_array(jsonb_build_object("
                            + "'item', ?, 'reason', 'HTTP 404', 'at', '2026-01-01T00:00:00Z')) where id = ?",
                    rawFetch,
                    "https://u:p@feeds.example.org/a?key=k1",
                    source);
            try (PreparedStatement insert = connection.prepareStatement(
                    "insert into outbox (notification_id, channel_id, kind, alert_ids, status, last_error)"
                            + " values (?, ?, 'alert', '{}', 'dead', ?) returning id")) {
                insert.setObject(1, notification);
                insert.setLong(2, channel);
                insert.setString(3, rawDelivery);
                try (ResultSet row = insert.executeQuery()) {
                    row.next();
                    outbox = row.getLong(1);
                }
            }
            try (PreparedStatement insert = connection.prepareStatement(
                    "insert into delivery_attempt (notification_id, outbox_id, channel_id, channel_name, kind, attempt,"
                            + " status, error, latency_ms) values (?, ?, ?, 'old', 'alert', 1, 'dead', ?, 3)")) {
                insert.setObject(1, notification);
                insert.setLong(2, outbox);
                insert.setLong(3, channel);
                insert.setString(4, rawDelivery);
                insert.executeUpdate();
            }
        }

        assertThat(stored.maskOnce()).isGreaterThanOrEqualTo(4);

        String delivery = "the receiver answered HTTP 404: no such webhook /•••";
        assertThat(text("select last_error from outbox where id = ?", outbox)).isEqualTo(delivery);
        assertThat(text("select error from delivery_attempt where outbox_id = ?", outbox))
                .isEqualTo(delivery);
        assertThat(text("select last_error from source where id = ?", source))
                .isEqualTo("GET https://•••@feeds.example.org/rss?token=••• answered HTTP 500");
        assertThat(text("select skipped::text from source where id = ?", source))
                .contains("https://•••@feeds.example.org/a?key=•••")
                .contains("2026-01-01T00:00:00Z")
                .doesNotContain("k1");

        // Done once per database: a text stored raw after the step is not the step's to mask again.
        try (Connection connection = dataSource.getConnection()) {
            execute(connection, "update outbox set last_error = ? where id = ?", rawDelivery, outbox);
        }
        assertThat(stored.maskOnce()).isZero();
        assertThat(text("select last_error from outbox where id = ?", outbox)).isEqualTo(rawDelivery);
    }

    private static void execute(Connection connection, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            statement.executeUpdate();
        }
    }

    private String text(String sql, long id) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(sql)) {
            select.setLong(1, id);
            try (ResultSet row = select.executeQuery()) {
                assertThat(row.next()).isTrue();
                return row.getString(1);
            }
        }
    }
}
