package io.vigil.web.websub;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.vigil.engine.websub.WebSubSignature;
import io.vigil.engine.websub.WebSubSubscriber;
import io.vigil.web.secret.StoredSecrets;
import io.vigil.web.testing.Archive;
import io.vigil.web.testing.AtOnce;
import io.vigil.web.testing.FeedServer;
import io.vigil.web.testing.WebSubHub;
import io.vigil.web.testing.WebSubHub.Behaviour;
import jakarta.inject.Inject;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * WebSub end to end, against the real app and an in-process hub: a feed that advertises a hub is subscribed there, the
 * hub's verification is answered, signed pushes are stored like polled entries and unsigned or wrongly signed ones
 * store nothing, leases are renewed, a refusing or silent hub leaves the feed polled, and deleting the source
 * unsubscribes it. The app listens on a fixed port of this helper's range, so the hub can call back at
 * {@code vigil.base-url}.
 */
@QuarkusTest
@TestProfile(WebSubTest.HubsCallBack.class)
class WebSubTest {

    static final int PORT = 18517;

    /** The app on a known port, named by vigil.base-url; hubs time out after two seconds. */
    public static class HubsCallBack implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "quarkus.http.test-port", Integer.toString(PORT),
                    "vigil.base-url", "http://127.0.0.1:" + PORT,
                    "vigil.websub.verify-timeout", "PT2S",
                    "vigil.websub.retry-after", "PT1H",
                    "vigil.websub.poll-while-subscribed", "PT6H");
        }
    }

    FeedServer feeds;
    WebSubHub hub;

    @Inject
    DataSource dataSource;

    @Inject
    StoredSecrets storedSecrets;

    @Inject
    WebSubSubscriber subscriber;

    @Inject
    MeterRegistry meters;

    private String storedSecret(int sourceId) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select =
                        connection.prepareStatement("select secret from websub_subscription where source_id = ?")) {
            select.setLong(1, sourceId);
            try (ResultSet row = select.executeQuery()) {
                assertThat(row.next())
                        .as("a subscription for source " + sourceId)
                        .isTrue();
                return row.getString(1);
            }
        }
    }

    private void setStoredSecret(int sourceId, String secret) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement update =
                        connection.prepareStatement("update websub_subscription set secret = ? where source_id = ?")) {
            update.setString(1, secret);
            update.setLong(2, sourceId);
            assertThat(update.executeUpdate()).isEqualTo(1);
        }
    }

    @BeforeEach
    void start() throws Exception {
        Archive.awaitReady();
        feeds = new FeedServer();
        hub = new WebSubHub();
    }

    @AfterEach
    void stop() {
        feeds.close();
        hub.close();
    }

    @Test
    void aFeedWithAHubIsPushedAndOnlySignedDeliveriesAreStored() throws Exception {
        Topic feed = newTopic();
        String word = feed.word();
        String topic = feed.url();
        int id = subscribedSource(feed, "Harbour Opens");
        WebSubHub.Request subscription = hub.subscription(topic);
        assertThat(subscription.callback()).startsWith("http://127.0.0.1:" + PORT + "/websub/");
        assertThat(subscription.secret()).hasSizeGreaterThanOrEqualTo(32);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> "active".equals(source(id).getString("websub.state")));

        // The HMAC secret is stored sealed, like every other credential; the hub got the plaintext.
        assertThat(storedSecret(id)).startsWith("vigil-sealed:v1:").doesNotContain(subscription.secret());

        String pushed = feed(topic, word, List.of("Ferry Returns " + word, "Harbour Opens"));
        assertThat(hub.publish(topic, "application/rss+xml", pushed)).isEqualTo(202);
        assertThat(titles(word)).contains("Ferry Returns " + word);

        // A secret stored in plaintext before secrets were sealed is sealed by the start-up pass, and still verifies.
        setStoredSecret(id, subscription.secret());
        assertThat(storedSecrets.resealAll().resealed()).isPositive();
        assertThat(storedSecret(id)).startsWith("vigil-sealed:v1:").doesNotContain(subscription.secret());
        String pushedAgain = feed(topic, word, List.of("Tide Turns " + word));
        assertThat(hub.publish(topic, "application/rss+xml", pushedAgain)).isEqualTo(202);
        assertThat(titles(word)).contains("Tide Turns " + word);

        String forged = feed(topic, word, List.of("Forged Story " + word));
        assertThat(hub.publishSignedAs(topic, "application/rss+xml", forged, null))
                .isEqualTo(403);
        assertThat(hub.publishSignedAs(topic, "application/rss+xml", forged, "sha256=" + "00".repeat(32)))
                .isEqualTo(403);
        assertThat(hub.publishSignedAs(
                        topic,
                        "application/rss+xml",
                        forged,
                        io.vigil.engine.websub.WebSubSignature.sign("guess", forged.getBytes())))
                .isEqualTo(403);
        assertThat(titles(word)).doesNotContain("Forged Story " + word);

        JsonPath health = source(id);
        assertThat(health.getInt("websub.deliveries")).isEqualTo(2);
        assertThat(health.getInt("websub.refusedDeliveries")).isEqualTo(3);
        // While the hub pushes, the feed is polled only as a safety net.
        assertThat(Instant.parse(health.getString("health.nextFetchAt")))
                .isAfter(Instant.now().plus(Duration.ofHours(5)));
    }

    @Test
    void aSignedDeliverySentAgainStoresNothingWhileAFreshOneStillDoes() throws Exception {
        Topic feed = newTopic();
        String word = feed.word();
        String topic = feed.url();
        int id = activeSource(feed, "Harbour Opens");
        double replaysBefore = replays();

        String captured = feed(topic, word, List.of("Quay Reopens " + word));
        String signature =
                WebSubSignature.sign(hub.subscription(topic).secret(), captured.getBytes(StandardCharsets.UTF_8));
        assertThat(hub.publishSignedAs(topic, "application/rss+xml", captured, signature))
                .isEqualTo(202);
        assertThat(titles(word)).contains("Quay Reopens " + word);
        // retention removes the article, and the feed's list of seen entries has moved on (it keeps the last
        // thousand): a replay of the captured delivery would bring the article back
        deleteArticle("Quay Reopens " + word);
        forgetSeenEntries(id);
        assertThat(titles(word)).doesNotContain("Quay Reopens " + word);

        assertThat(hub.publishSignedAs(topic, "application/rss+xml", captured, signature))
                .as("a replay gets the 2xx a hub expects, so it does not send it again")
                .isEqualTo(200);
        assertThat(titles(word)).doesNotContain("Quay Reopens " + word);
        JsonPath health = source(id);
        assertThat(health.getInt("websub.deliveries")).isEqualTo(1);
        assertThat(health.getInt("websub.replayedDeliveries")).isEqualTo(1);
        assertThat(replays() - replaysBefore).isEqualTo(1.0);

        // a fresh delivery carrying the removed entry again stores it: only the replay was kept out
        String fresh = feed(topic, word, List.of("Quay Reopens " + word, "Crane Returns " + word));
        assertThat(hub.publish(topic, "application/rss+xml", fresh)).isEqualTo(202);
        assertThat(titles(word)).contains("Quay Reopens " + word, "Crane Returns " + word);

        // the same delivery sent four times at once is taken once
        String burst = feed(topic, word, List.of("Ferry Delayed " + word));
        String burstSignature =
                WebSubSignature.sign(hub.subscription(topic).secret(), burst.getBytes(StandardCharsets.UTF_8));
        List<Integer> statuses = AtOnce.run(4, sender -> {
            try {
                return hub.publishSignedAs(topic, "application/rss+xml", burst, burstSignature);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(statuses).containsExactlyInAnyOrder(202, 200, 200, 200);
        assertThat(source(id).getInt("websub.deliveries")).isEqualTo(3);
        assertThat(source(id).getInt("websub.replayedDeliveries")).isEqualTo(4);
    }

    @Test
    void aDeliveryCapturedBeforeTwoRenewalsNoLongerVerifiesAndIsForgotten() throws Exception {
        Topic feed = newTopic();
        String word = feed.word();
        String topic = feed.url();
        hub.grantLease(topic, 3);
        int id = activeSource(feed, "Bridge Inspected");
        String first = hub.subscription(topic).secret();
        String captured = feed(topic, word, List.of("Lock Repaired " + word));
        String signature = WebSubSignature.sign(first, captured.getBytes(StandardCharsets.UTF_8));
        assertThat(hub.publishSignedAs(topic, "application/rss+xml", captured, signature))
                .isEqualTo(202);
        assertThat(deliveriesRemembered(id)).isEqualTo(1);

        // each renewal sends the hub a new secret; after two, the first is neither the current nor the previous one
        await().atMost(Duration.ofSeconds(30))
                .until(() -> hub.requests().stream()
                                .filter(r -> r.topic().equals(topic) && r.mode().equals("subscribe"))
                                .map(WebSubHub.Request::secret)
                                .distinct()
                                .count()
                        >= 3);
        assertThat(hub.subscription(topic).secret()).isNotEqualTo(first);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> hub.publishSignedAs(topic, "application/rss+xml", captured, signature) == 403);

        subscriber.forgetRetiredDeliveries();
        assertThat(deliveriesRemembered(id))
                .as("a delivery whose secret is retired is forgotten")
                .isZero();
        String fresh = feed(topic, word, List.of("Weir Cleared " + word));
        await().atMost(Duration.ofSeconds(10)).until(() -> hub.publish(topic, "application/rss+xml", fresh) == 202);
        assertThat(titles(word)).contains("Weir Cleared " + word);
    }

    private double replays() {
        return meters.get("vigil.websub.replays").counter().count();
    }

    private long deliveriesRemembered(int sourceId) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(
                        "select count(*) from websub_delivery d join websub_subscription s on s.id = d.subscription_id"
                                + " where s.source_id = ?")) {
            select.setLong(1, sourceId);
            try (ResultSet row = select.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }

    private void forgetSeenEntries(int sourceId) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement update =
                        connection.prepareStatement("update source set cursor = '{}' where id = ?")) {
            update.setLong(1, sourceId);
            assertThat(update.executeUpdate()).isEqualTo(1);
        }
    }

    /** Removes an article as retention does (its key goes with it, by the trigger that keeps them in step). */
    private void deleteArticle(String title) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement delete = connection.prepareStatement("delete from article where title = ?")) {
            delete.setString(1, title);
            assertThat(delete.executeUpdate()).isEqualTo(1);
        }
    }

    @Test
    void theOpenCallbackReadsNoBodyForAnUnknownCallbackAndNoneBeyondAFetchedFeedsCap() throws Exception {
        // A caller who knows no callback id announces 20 MB and sends 10 bytes: answered at once, nothing waited for.
        try (Socket socket = new Socket("127.0.0.1", PORT)) {
            socket.setSoTimeout(5_000);
            socket.getOutputStream()
                    .write(("POST /websub/" + unique()
                                    + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/rss+xml"
                                    + "\r\nContent-Length: 20000000\r\n\r\n<?xml ?>\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
            String status = new BufferedReader(
                            new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
                    .readLine();
            assertThat(status).isEqualTo("HTTP/1.1 410 Gone");
        }

        // A correctly signed delivery larger than a fetched feed may be is refused, not parsed and stored.
        String word = unique();
        String topic = feeds.url("/" + word + ".xml");
        feeds.serve("/" + word + ".xml", "application/rss+xml", feed(topic, word, List.of("Harbour Opens")));
        int id = createSource(topic);
        fetchNow(id);
        await().atMost(Duration.ofSeconds(20)).until(() -> confirmed(topic));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> "active".equals(source(id).getString("websub.state")));
        String padding = "<!--" + "x".repeat((int) WebSubSubscriber.MAX_DELIVERY_BYTES) + "-->";
        String huge = feed(topic, word, List.of("Oversized Story " + word)).replace("<channel>", "<channel>" + padding);
        assertThat(hub.publish(topic, "application/rss+xml", huge)).isEqualTo(413);
        assertThat(titles(word)).doesNotContain("Oversized Story " + word);
        assertThat(hub.publish(topic, "application/rss+xml", feed(topic, word, List.of("Small Story " + word))))
                .isEqualTo(202);
        assertThat(titles(word)).contains("Small Story " + word);
    }

    @Test
    void answersVerificationsOnlyForSubscriptionsItAskedFor() throws Exception {
        Topic feed = newTopic();
        String topic = feed.url();
        subscribedSource(feed, "Mill Reopens");
        String callback = hub.subscription(topic).callback();

        assertThat(hub.verifyAs(callback, "subscribe", feeds.url("/other.xml")).statusCode())
                .isEqualTo(404);
        assertThat(hub.verifyAs(callback, "unsubscribe", topic).statusCode()).isEqualTo(404);
        String stranger = callback.substring(0, callback.lastIndexOf('/') + 1) + "not-a-subscription";
        assertThat(hub.verifyAs(stranger, "subscribe", topic).statusCode()).isEqualTo(404);
        int gone = given().noFilters()
                .contentType("application/rss+xml")
                .header("X-Hub-Signature", "sha256=00")
                .body("<rss/>")
                .post(stranger.substring(stranger.indexOf("/websub/")))
                .statusCode();
        assertThat(gone).isEqualTo(410);
    }

    @Test
    void renewsTheSubscriptionBeforeTheLeaseExpires() throws Exception {
        Topic feed = newTopic();
        String topic = feed.url();
        hub.grantLease(topic, 3);
        int id = fetchedSource(feed, "Bridge Inspected");

        await().atMost(Duration.ofSeconds(20))
                .until(() -> hub.verifications().stream()
                                .filter(v -> v.topic().equals(topic) && v.echoed())
                                .count()
                        >= 2);
        assertThat(hub.requests().stream()
                        .filter(r -> r.topic().equals(topic) && r.mode().equals("subscribe"))
                        .count())
                .isGreaterThanOrEqualTo(2);
        assertThat(source(id).getString("websub.state")).isEqualTo("active");
    }

    @Test
    void aHubThatRefusesOrStaysSilentLeavesTheFeedPolled() throws Exception {
        String refusing = feeds.url("/refused-" + unique() + ".xml");
        String silent = feeds.url("/silent-" + unique() + ".xml");
        hub.behave(refusing, Behaviour.REFUSE).behave(silent, Behaviour.SILENT);
        feeds.serve(
                refusing.substring(refusing.lastIndexOf('/')),
                "application/rss+xml",
                feed(refusing, "r", List.of("Dam Holds")));
        feeds.serve(
                silent.substring(silent.lastIndexOf('/')),
                "application/rss+xml",
                feed(silent, "s", List.of("Well Dug")));
        int refused = createSource(refusing);
        int quiet = createSource(silent);
        fetchNow(refused);
        fetchNow(quiet);

        await().atMost(Duration.ofSeconds(20))
                .until(() -> "refused".equals(source(refused).getString("websub.state")));
        assertThat(source(refused).getString("websub.lastError"))
                .contains("HTTP 400")
                .contains("topic not allowed");
        await().atMost(Duration.ofSeconds(20))
                .until(() -> "unverified".equals(source(quiet).getString("websub.state")));
        for (int id : List.of(refused, quiet)) {
            JsonPath health = source(id);
            assertThat(health.getString("health.status")).isEqualTo("ok");
            assertThat(Instant.parse(health.getString("health.nextFetchAt")))
                    .isBefore(Instant.now().plus(Duration.ofMinutes(20)));
        }
    }

    @Test
    void deletingTheSourceUnsubscribesAtTheHub() throws Exception {
        Topic feed = newTopic();
        String word = feed.word();
        String topic = feed.url();
        int id = subscribedSource(feed, "Road Marked");
        String callback = hub.subscription(topic).callback();

        given().delete("/api/sources/" + id).then().statusCode(204);

        await().atMost(Duration.ofSeconds(20)).until(() -> hub.verifications().stream()
                .anyMatch(v -> v.topic().equals(topic) && v.mode().equals("unsubscribe") && v.echoed()));
        assertThat(hub.requests().stream()
                        .filter(r -> r.mode().equals("unsubscribe"))
                        .map(WebSubHub.Request::callback))
                .contains(callback);
        assertThat(hub.publish(topic, "application/rss+xml", feed(topic, word, List.of("Late " + word))))
                .isEqualTo(410);
    }

    /** A feed of a test's own: a unique word, and the URL of the feed named after it, which is the WebSub topic. */
    private record Topic(String word, String url) {}

    private Topic newTopic() {
        String word = unique();
        return new Topic(word, feeds.url("/" + word + ".xml"));
    }

    /** Serves the topic's feed with one item and a hub link, adds an RSS source for it and fetches it once. */
    private int fetchedSource(Topic topic, String title) {
        feeds.serve(
                "/" + topic.word() + ".xml", "application/rss+xml", feed(topic.url(), topic.word(), List.of(title)));
        int id = createSource(topic.url());
        fetchNow(id);
        return id;
    }

    /** A fetched source whose subscription the hub has verified. */
    private int subscribedSource(Topic topic, String title) {
        int id = fetchedSource(topic, title);
        await().atMost(Duration.ofSeconds(20)).until(() -> confirmed(topic.url()));
        return id;
    }

    /** A subscribed source that reports its subscription active. */
    private int activeSource(Topic topic, String title) {
        int id = subscribedSource(topic, title);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> "active".equals(source(id).getString("websub.state")));
        return id;
    }

    private boolean confirmed(String topic) {
        return hub.verifications().stream()
                .anyMatch(v -> v.topic().equals(topic) && v.mode().equals("subscribe") && v.echoed());
    }

    private String feed(String topic, String word, List<String> titles) {
        StringBuilder items = new StringBuilder();
        for (String title : titles) {
            items.append("<item><guid>" + word + "-" + title.hashCode() + "</guid><title>" + title + "</title>"
                    + "<link>https://news.example/" + word + "/" + Math.abs(title.hashCode()) + "</link>"
                    + "<description>" + title + ", reported " + word
                    + ": officials confirmed it on Monday.</description>"
                    + "</item>");
        }
        return "<?xml version=\"1.0\"?><rss version=\"2.0\" xmlns:atom=\"http://www.w3.org/2005/Atom\"><channel>"
                + "<title>Harbour Gazette " + word + "</title><link>https://news.example/</link>"
                + "<atom:link rel=\"hub\" href=\"" + hub.url() + "\"/>"
                + "<atom:link rel=\"self\" href=\"" + topic + "\"/>" + items + "</channel></rss>";
    }

    private static int createSource(String url) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("type", "rss", "name", "websub " + UUID.randomUUID(), "config", Map.of("url", url)))
                .post("/api/sources")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    private static void fetchNow(int id) {
        given().post("/api/sources/" + id + "/fetch").then().statusCode(200);
    }

    private static JsonPath source(int id) {
        return given().get("/api/sources/" + id)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    private static List<String> titles(String word) {
        return given().queryParam("q", word)
                .queryParam("limit", 50)
                .get("/api/articles")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("items.title", String.class);
    }

    private static String unique() {
        return "w" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    }
}
