package io.vigil.web.cluster;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.restassured.http.ContentType;
import io.vigil.web.testing.FeedServer;
import io.vigil.web.testing.VigilProcess;
import io.vigil.web.testing.WebhookReceiver;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Three packaged Vigils on one database, as a deployment behind a load balancer: pushes, feed fetches and webhook
 * deliveries spread over them, copies of each story pushed to different instances at the same moment, and one
 * instance killed with SIGKILL mid-run. Afterwards nothing is lost or doubled: every article stored once per outlet,
 * every story whole, one alert per story, one notification per alert, every notification received (a repeat only under
 * its own id), and a rule made on one instance live on the others within a second.
 */
class ClusterIT {

    private static final Duration PATIENCE = Duration.ofSeconds(90);
    private static final int STORIES = 36;
    private static final int COPIES = 3;
    private static final int FEEDS = 6;
    private static final int FEED_ITEMS = 8;

    /**
     * Short leases, so a killed instance's claims pass to the others within seconds; the periodic rule re-check is
     * pushed out of reach, so only LISTEN/NOTIFY can bring a rule change to another instance in time.
     */
    private static final Map<String, String> ENVIRONMENT = sharingOneSecretsKey(Map.of(
            "VIGIL_NET_ALLOW_PRIVATE", "true",
            "VIGIL_DELIVERY_INITIAL_BACKOFF", "PT0.2S",
            "VIGIL_DELIVERY_MAX_BACKOFF", "PT1S",
            "VIGIL_DELIVERY_MAX_ATTEMPTS", "1000",
            "VIGIL_DELIVERY_LEASE", "PT3S",
            "VIGIL_DELIVERY_POLL_EVERY", "PT0.5S",
            "VIGIL_SOURCES_POLL_EVERY", "1s",
            "VIGIL_SOURCES_LEASE", "PT5S",
            "VIGIL_RULES_RECHECK_EVERY", "1h",
            "VIGIL_SESSION_KEY", "cluster-test-session-key-not-secret"));

    /** Instances of one deployment share the secrets key, or none could read a channel secret another sealed. */
    private static Map<String, String> sharingOneSecretsKey(Map<String, String> environment) {
        Map<String, String> all = new java.util.HashMap<>(environment);
        all.put("VIGIL_SECRETS_KEY", "Y2x1c3Rlci10ZXN0LWtleS0zMi1ieXRlcy1sb25nISE=");
        return Map.copyOf(all);
    }

    private static final List<String> VOCABULARY = List.of(("engineers water authority inspected northern dam rain"
                    + " reservoir level twenty years officials said precaution structure damage villages downstream"
                    + " prepare release week farmers valley river flooded fields harvest winter wheat delayed"
                    + " fortnight recede governor visit thursday announce emergency funds districts affected storms"
                    + " statement office meteorologists forecast weekend heaviest falls hills rivers minister"
                    + " parliament budget vote police border security army troops talks agreement ceasefire aid"
                    + " hospital patients doctors school teachers strike union wages prices fuel market shares bank")
            .split(" "));

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void threeInstancesLoseAndDoubleNothingWhenOneIsKilledMidRun() throws Exception {
        long started = System.nanoTime();
        try (VigilProcess a = VigilProcess.withFreshDatabase("it_cluster", ENVIRONMENT);
                VigilProcess b = VigilProcess.alongside(a, "b", ENVIRONMENT);
                VigilProcess c = VigilProcess.alongside(a, "c", ENVIRONMENT);
                WebhookReceiver receiver = WebhookReceiver.slow(Duration.ofMillis(150));
                FeedServer feeds = new FeedServer()) {
            a.start();
            // The others migrate nothing; they start together.
            b.launch();
            c.launch();
            b.awaitReady(PATIENCE);
            c.awaitReady(PATIENCE);
            List<VigilProcess> instances = List.of(a, b, c);

            String token = given().baseUri(a.baseUrl())
                    .contentType(ContentType.JSON)
                    .body(Map.of("name", "cluster test"))
                    .post("/api/tokens")
                    .then()
                    .statusCode(201)
                    .extract()
                    .path("token");
            var channel = given().baseUri(a.baseUrl())
                    .contentType(ContentType.JSON)
                    .body(Map.of(
                            "type", "webhook", "name", "cluster receiver", "config", Map.of("url", receiver.url())))
                    .post("/api/channels")
                    .then()
                    .statusCode(201)
                    .extract();
            long channelId = channel.<Integer>path("id").longValue();
            receiver.verifyingWith(channel.path("generatedSecret"));
            long ruleId = createRule(a, "Waterfront", "waterfront", channelId);

            ruleMadeOnOneInstanceIsLiveOnTheOthersWithinASecond(a, b, c, token);

            // Feeds, fetched by whichever instance claims them first.
            for (int f = 0; f < FEEDS; f++) {
                List<String> items = new ArrayList<>();
                for (int i = 0; i < FEED_ITEMS; i++) {
                    items.add("Feed " + f + " reports item " + i + " on the " + VOCABULARY.get((f * 7 + i) % 40));
                }
                feeds.serve("/feed" + f + ".xml", "application/rss+xml", FeedServer.rss("Feed " + f, items));
                given().baseUri(instances.get(f % 3).baseUrl())
                        .contentType(ContentType.JSON)
                        .body(Map.of(
                                "type",
                                "rss",
                                "name",
                                "Cluster Feed " + f,
                                "config",
                                Map.of("url", feeds.url("/feed" + f + ".xml"))))
                        .post("/api/sources")
                        .then()
                        .statusCode(201);
            }

            // Pushes: the copies of each story go to the three instances at once; C is killed half-way.
            Random words = new Random(12);
            ExecutorService clients = Executors.newFixedThreadPool(COPIES);
            try {
                for (int s = 0; s < STORIES; s++) {
                    if (s == STORIES / 2) {
                        c.kill();
                    }
                    List<String> paragraphs = paragraphs(words, s);
                    CountDownLatch go = new CountDownLatch(1);
                    List<Future<?>> sent = new ArrayList<>();
                    for (int copy = 0; copy < COPIES; copy++) {
                        String body = copy == 2 ? nearCopy(paragraphs) : String.join("\n\n", paragraphs);
                        String json =
                                """
                                {"title": "Waterfront story %d", "body": "%s", "source": "Cluster Outlet %d"}"""
                                        .formatted(s, body.replace("\n", "\\n"), copy);
                        int first = copy;
                        sent.add(clients.submit(() -> {
                            go.await();
                            push(instances, first, token, json);
                            return null;
                        }));
                    }
                    go.countDown();
                    for (Future<?> one : sent) {
                        one.get(60, TimeUnit.SECONDS);
                    }
                }
            } finally {
                clients.shutdownNow();
            }

            await("every feed item stored")
                    .atMost(PATIENCE)
                    .until(() -> count(a, "select count(*) from article where source_name like 'Cluster Feed %'")
                            >= FEEDS * FEED_ITEMS);
            await("every notification delivered")
                    .atMost(PATIENCE)
                    .until(() -> count(a, "select count(*) from outbox where status <> 'delivered'") == 0
                            && count(a, "select count(*) from outbox") >= STORIES);

            // Articles: each once per outlet, pushed and fetched.
            assertThat(count(a, "select count(*) from article where source_name like 'Cluster Outlet %'"))
                    .isEqualTo(STORIES * COPIES);
            assertThat(count(a, "select count(*) from article where source_name like 'Cluster Feed %'"))
                    .isEqualTo(FEEDS * FEED_ITEMS);
            assertThat(count(
                            a,
                            "select count(*) from (select 1 from article group by source_name, external_id"
                                    + " having count(*) > 1) doubled"))
                    .isZero();
            // Stories: every story's copies in one story, counted right; none split.
            assertThat(count(
                            a,
                            "select count(distinct story_id) from article where source_name like 'Cluster Outlet %'"))
                    .isEqualTo(STORIES);
            assertThat(count(
                            a,
                            "select count(*) from story s where s.article_count"
                                    + " <> (select count(*) from article x where x.story_id = s.id)"))
                    .isZero();
            // Alerts: one per story; notifications: one per alert.
            assertThat(count(a, "select count(*) from alert where rule_id = " + ruleId))
                    .isEqualTo(STORIES);
            assertThat(count(a, "select count(distinct story_id) from alert where rule_id = " + ruleId))
                    .isEqualTo(STORIES);
            assertThat(count(a, "select count(*) from outbox where rule_id = " + ruleId + " and kind = 'alert'"))
                    .isEqualTo(STORIES);
            Set<String> notificationIds =
                    strings(a, "select notification_id::text from outbox where channel_id = " + channelId);
            await("every notification received").atMost(PATIENCE).until(() -> receivedIds(receiver)
                    .containsAll(notificationIds));
            assertThat(receivedIds(receiver))
                    .as("nothing received that was not written")
                    .isEqualTo(notificationIds);
            assertThat(receiver.received()).allSatisfy(request -> assertThat(request.signatureProblem())
                    .isNull());
            System.out.printf(
                    "ClusterIT: %d notifications, %d received (repeats under the same id: %d), %.1f s in all%n",
                    notificationIds.size(),
                    receiver.count(),
                    receiver.count() - notificationIds.size(),
                    (System.nanoTime() - started) / 1e9);
        }
    }

    /** A rule made on A matches on B and C a second later: each heard of it through LISTEN/NOTIFY. */
    private void ruleMadeOnOneInstanceIsLiveOnTheOthersWithinASecond(
            VigilProcess a, VigilProcess b, VigilProcess c, String token) throws Exception {
        // Without a channel: it raises alerts nobody is notified of, and adds no outbox rows.
        long rule = createRule(a, "Propagation", "zephyrquay", null);
        Thread.sleep(1_000);
        for (VigilProcess other : List.of(b, c)) {
            String json =
                    """
                    {"title": "The zephyrquay on %s", "body": "The zephyrquay was opened on %s by the mayor.", \
                    "source": "Propagation Desk"}"""
                            .formatted(other.baseUrl(), other.baseUrl());
            HttpResponse<String> answer = send(other, token, json);
            assertThat(answer.statusCode()).isEqualTo(200);
        }
        assertThat(count(a, "select count(*) from article_match where rule_id = " + rule))
                .as("matched on both other instances")
                .isEqualTo(2);
    }

    private static long createRule(VigilProcess on, String name, String query, Long channelId) {
        var body = channelId == null
                ? Map.<String, Object>of("name", name, "query", query)
                : Map.<String, Object>of(
                        "name", name, "query", query, "channels", List.of(channelId), "delivery", "immediate");
        return given().baseUri(on.baseUrl())
                .contentType(ContentType.JSON)
                .body(body)
                .post("/api/rules")
                .then()
                .statusCode(201)
                .extract()
                .<Integer>path("id")
                .longValue();
    }

    /**
     * Pushes to the instance {@code first}, and as a load balancer would, to the next live one when an instance does
     * not answer or answers 5xx; a push whose answer was lost is simply sent again (the same content from the same
     * outlet is stored once).
     */
    private void push(List<VigilProcess> instances, int first, String token, String json) throws Exception {
        Exception last = null;
        for (int attempt = 0; attempt < 30; attempt++) {
            VigilProcess target = instances.get((first + attempt) % instances.size());
            try {
                HttpResponse<String> answer = send(target, token, json);
                if (answer.statusCode() == 200) {
                    return;
                }
                last = new IllegalStateException(answer.statusCode() + " " + answer.body());
                if (answer.statusCode() < 500) {
                    throw last;
                }
            } catch (IOException e) {
                last = e;
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("no instance stored the push", last);
    }

    private HttpResponse<String> send(VigilProcess target, String token, String json)
            throws IOException, InterruptedException {
        return http.send(
                HttpRequest.newBuilder(URI.create(target.baseUrl() + "/api/ingest"))
                        .timeout(Duration.ofSeconds(30))
                        .header("Authorization", "Bearer " + token)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(json))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** A story of its own: five paragraphs of random words, the rule's word in the first. */
    private static List<String> paragraphs(Random words, int story) {
        List<String> paragraphs = new ArrayList<>();
        for (int p = 0; p < 5; p++) {
            StringBuilder paragraph = new StringBuilder(p == 0 ? "On the waterfront, story " + story + ": " : "");
            for (int w = 0; w < 36; w++) {
                paragraph.append(w == 0 ? "" : " ").append(VOCABULARY.get(words.nextInt(VOCABULARY.size())));
            }
            paragraphs.add(paragraph.append('.').toString());
        }
        return paragraphs;
    }

    private static String nearCopy(List<String> paragraphs) {
        List<String> edited = new ArrayList<>(paragraphs);
        edited.remove(3);
        edited.add("Follow our live coverage on our website.");
        return String.join("\n\n", edited);
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

    private static Set<String> strings(VigilProcess vigil, String sql) throws SQLException {
        Set<String> values = new HashSet<>();
        try (Connection database = vigil.database();
                PreparedStatement statement = database.prepareStatement(sql);
                ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                values.add(rows.getString(1));
            }
        }
        return values;
    }
}
