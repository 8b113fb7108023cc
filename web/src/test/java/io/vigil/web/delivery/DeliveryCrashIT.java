package io.vigil.web.delivery;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.vigil.web.testing.VigilProcess;
import io.vigil.web.testing.WebhookReceiver;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Kills the packaged Vigil with SIGKILL while its webhook receiver is down, brings the receiver up, starts Vigil again,
 * and checks that nothing was lost: every notification arrives, under its one id.
 */
class DeliveryCrashIT {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    /** Fast retries and a short lease, so the restarted Vigil takes over the killed one's claims within seconds. */
    private static final Map<String, String> ENVIRONMENT = Map.of(
            "VIGIL_NET_ALLOW_PRIVATE", "true",
            "VIGIL_DELIVERY_INITIAL_BACKOFF", "PT0.2S",
            "VIGIL_DELIVERY_MAX_BACKOFF", "PT1S",
            "VIGIL_DELIVERY_MAX_ATTEMPTS", "1000",
            "VIGIL_DELIVERY_LEASE", "PT3S");

    private static final List<String> STORIES = List.of(
            "Harbour cranes stand idle as dockers walk out",
            "New ferry berth opens at the harbour",
            "Harbour master warns of silt in the channel",
            "Fishing fleet stays in harbour ahead of the gale",
            "Cruise ship turned away from crowded harbour");

    @Test
    void fiveNewStoriesAreAllDeliveredAfterVigilIsKilledWhileTheReceiverIsDown() throws Exception {
        try (VigilProcess vigil = VigilProcess.withFreshDatabase("it_crash", ENVIRONMENT)) {
            vigil.start();
            int receiverPort = VigilProcess.freePort();
            Channels.Webhook hook = webhook(vigil, receiverPort);
            int rules = api(vigil)
                    .contentType(ContentType.JSON)
                    .body(Map.of(
                            "name", "Harbour news",
                            "query", "harbour",
                            "channels", List.of(hook.id()),
                            "delivery", "immediate"))
                    .post("/api/rules")
                    .then()
                    .extract()
                    .statusCode();
            assumeTrue(rules == 200 || rules == 201, "the rules API (rule matching integration) is not there yet");

            for (int i = 0; i < STORIES.size(); i++) {
                api(vigil)
                        .contentType(ContentType.JSON)
                        .body(Map.of(
                                "title", STORIES.get(i),
                                "body", STORIES.get(i) + ". " + "Report number " + i + " from the waterfront desk.",
                                "source", "Coast Gazette " + i))
                        .post("/api/ingest")
                        .then()
                        .statusCode(200);
            }
            await().atMost(PATIENCE).until(() -> triedRows(vigil) == STORIES.size());

            crashAndRecover(vigil, receiverPort, hook.secret(), STORIES);

            assertThat(count(vigil, "select count(*) from story")).isEqualTo(STORIES.size());
        }
    }

    @Test
    void notificationsPendingWhenVigilIsKilledAreDeliveredAfterItRestarts() throws Exception {
        try (VigilProcess vigil = VigilProcess.withFreshDatabase("it_crash_outbox", ENVIRONMENT)) {
            vigil.start();
            int receiverPort = VigilProcess.freePort();
            Channels.Webhook hook = webhook(vigil, receiverPort);
            List<String> titles = IntStream.range(0, 5)
                    .mapToObj(i -> "Committed alert " + i + " waits in the outbox")
                    .toList();
            // What a committed ingest leaves behind: alerts and their outbox rows, in one transaction.
            try (Connection database = vigil.database()) {
                database.setAutoCommit(false);
                long rule = insert(
                        database, "insert into rule (name, query) values ('Outbox only', 'zzneverzz') returning id");
                update(
                        database,
                        "insert into rule_channel (rule_id, channel_id) values (" + rule + ", " + hook.id() + ")");
                for (String title : titles) {
                    long story = insert(
                            database,
                            "insert into story (title, article_count, first_seen_at, last_seen_at)" + " values ('"
                                    + title + "', 1, now(), now()) returning id");
                    long article = insert(
                            database,
                            "insert into article (source_name, external_id, title, body, fetched_at, content_hash,"
                                    + " minhash, sketch_bands, story_id) values ('Crash Courier', '" + title + "', '"
                                    + title + "', 'Text.', now(), '" + title + "', '{}', '{}', " + story
                                    + ") returning id");
                    long alert = insert(
                            database,
                            "insert into alert (rule_id, story_id, title, first_article_id) values (" + rule + ", "
                                    + story + ", '" + title + "', " + article + ") returning id");
                    update(
                            database,
                            "insert into outbox (notification_id, channel_id, kind, alert_ids, rule_id) values"
                                    + " (gen_random_uuid(), " + hook.id() + ", 'alert', array[" + alert + "::bigint], "
                                    + rule + ")");
                }
                database.commit();
            }
            await().atMost(PATIENCE).until(() -> triedRows(vigil) == titles.size());

            crashAndRecover(vigil, receiverPort, hook.secret(), titles);
        }
    }

    /** Kills Vigil, starts the receiver where the channel points, restarts Vigil and waits for every story. */
    private static void crashAndRecover(VigilProcess vigil, int receiverPort, String secret, List<String> titles)
            throws Exception {
        Set<String> pendingIds = pendingIds(vigil);
        assertThat(pendingIds).hasSize(titles.size());

        vigil.kill();
        try (WebhookReceiver receiver = WebhookReceiver.on(receiverPort).verifyingWith(secret)) {
            vigil.start();

            await().atMost(PATIENCE).until(() -> receivedIds(receiver).containsAll(pendingIds));
            assertThat(receiver.received()).allSatisfy(request -> assertThat(request.signatureProblem())
                    .isNull());
            String bodies = String.join(
                    "\n",
                    receiver.received().stream()
                            .map(WebhookReceiver.Received::bodyText)
                            .toList());
            assertThat(bodies).contains(titles);
            await().atMost(PATIENCE)
                    .until(() ->
                            count(vigil, "select count(*) from outbox where status = 'delivered'") == titles.size());
        }
    }

    private static Channels.Webhook webhook(VigilProcess vigil, int receiverPort) {
        var created = api(vigil)
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "type", "webhook",
                        "name", "crash receiver",
                        "config", Map.of("url", "http://127.0.0.1:" + receiverPort + "/hook")))
                .post("/api/channels")
                .then()
                .statusCode(201)
                .extract();
        return new Channels.Webhook(created.<Integer>path("id").longValue(), created.path("generatedSecret"));
    }

    private static RequestSpecification api(VigilProcess vigil) {
        return given().baseUri(vigil.baseUrl());
    }

    /** Outbox rows that were tried at least once while the receiver was down and are still pending. */
    private static long triedRows(VigilProcess vigil) throws SQLException {
        return count(vigil, "select count(*) from outbox where status = 'pending' and attempts > 0");
    }

    private static Set<String> pendingIds(VigilProcess vigil) throws SQLException {
        Set<String> ids = new HashSet<>();
        try (Connection database = vigil.database();
                PreparedStatement statement =
                        database.prepareStatement("select notification_id from outbox where status = 'pending'");
                ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                ids.add(rows.getString(1));
            }
        }
        return ids;
    }

    private static Set<String> receivedIds(WebhookReceiver receiver) {
        Set<String> ids = new HashSet<>();
        receiver.received().forEach(request -> ids.add(request.id()));
        return ids;
    }

    private static long count(VigilProcess vigil, String sql) throws SQLException {
        try (Connection database = vigil.database();
                PreparedStatement statement = database.prepareStatement(sql);
                ResultSet rows = statement.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static long insert(Connection database, String sql) throws SQLException {
        try (PreparedStatement statement = database.prepareStatement(sql);
                ResultSet rows = statement.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static void update(Connection database, String sql) throws SQLException {
        try (PreparedStatement statement = database.prepareStatement(sql)) {
            statement.executeUpdate();
        }
    }
}
