package io.vigil.web.net;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.vigil.engine.websub.WebSubSubscriber;
import io.vigil.spi.source.PushHub;
import io.vigil.web.testing.Archive;
import io.vigil.web.testing.WebhookReceiver;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * With the guard on, as in production ({@code vigil.net.allow-private=false}; the test profile turns it off), every
 * outbound path of the running platform — a feed's and a web page's fetch, every HTTP channel type's delivery, a
 * WebSub subscribe request — goes through the one guarded client: a loopback URL is refused with the guard's reason
 * and nothing reaches the receiver. How each redirect hop and each lookup is checked is
 * {@code GuardedHttpClientTest}'s part.
 */
@QuarkusTest
@TestProfile(GuardedOutboundPathsTest.GuardOn.class)
class GuardedOutboundPathsTest {

    /**
     * The guard on, and a {@code vigil.base-url} that is not loopback (a TEST-NET-3 address, so no lookup), without
     * which Vigil would not ask a WebSub hub to subscribe at all.
     */
    public static class GuardOn implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("vigil.net.allow-private", "false", "vigil.base-url", "http://203.0.113.7:8080");
        }
    }

    private static final String REFUSAL = "Vigil only reaches public addresses unless vigil.net.allow-private=true";

    /** Email goes by SMTP to the server the operator configures; a channel names only recipients, no address. */
    private static final Set<String> NOT_HTTP = Set.of("email");

    @Inject
    WebSubSubscriber subscriber;

    @BeforeEach
    void archiveIsReady() {
        Archive.awaitReady();
    }

    @Test
    void aSourceDryRunOfALoopbackUrlIsRefusedByTheGuard() throws Exception {
        try (WebhookReceiver receiver = WebhookReceiver.answering(200)) {
            for (String type : new String[] {"rss", "webpage"}) {
                for (String url : new String[] {
                    receiver.url(),
                    receiver.url().replace("127.0.0.1", "localhost"),
                    receiver.url().replace("127.0.0.1", "[::1]")
                }) {
                    JsonPath trial = given().contentType(ContentType.JSON)
                            .body(Map.of("type", type, "config", Map.of("url", url)))
                            .post("/api/sources/test")
                            .then()
                            .statusCode(200)
                            .extract()
                            .jsonPath();
                    assertThat(trial.getString("error")).as(type + " " + url).contains(REFUSAL);
                }
            }
            assertThat(receiver.count()).isZero();
        }
    }

    @Test
    void everyHttpChannelTypeToALoopbackUrlIsRefusedByTheGuard() throws Exception {
        try (WebhookReceiver receiver = WebhookReceiver.answering(200)) {
            String url = receiver.url();
            List<Map<String, Object>> channels = List.of(
                    channel("webhook", Map.of("url", url)),
                    channel("ntfy", Map.of("url", url)),
                    channel("teams", Map.of("url", url)),
                    channel("discord", Map.of("url", url + "/api/webhooks/1234/guarded-token")),
                    channel(
                            "telegram",
                            Map.of("botToken", "123456789:AAHguarded", "chatId", "-1001234567890", "apiUrl", url)),
                    channel(
                            "matrix",
                            Map.of("homeserver", url, "accessToken", "syt_guarded", "roomId", "!guarded:example.org")));
            Set<String> tested = new HashSet<>();
            // Soft, so that a failure names every type that got through, not only the first.
            SoftAssertions softly = new SoftAssertions();
            for (Map<String, Object> channel : channels) {
                String type = channel.get("type").toString();
                tested.add(type);
                int id = given().contentType(ContentType.JSON)
                        .body(channel)
                        .post("/api/channels")
                        .then()
                        .statusCode(201)
                        .extract()
                        .path("id");
                JsonPath test = given().post("/api/channels/" + id + "/test")
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath();
                softly.assertThat(test.getBoolean("delivered")).as(type).isFalse();
                softly.assertThat(test.getString("error")).as(type).contains(REFUSAL);
            }
            softly.assertThat(receiver.count())
                    .as("requests that reached the receiver")
                    .isZero();
            softly.assertAll();
            // A notifier type added later is caught here until it is listed above (or shown not to use HTTP).
            List<String> installed = given().queryParam("kind", "notifier")
                    .get("/api/plugins")
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath()
                    .getList("items.type", String.class);
            assertThat(tested)
                    .containsAll(installed.stream()
                            .filter(type -> !NOT_HTTP.contains(type))
                            .toList());
        }
    }

    @Test
    void aWebSubSubscribeRequestToALoopbackHubIsRefusedByTheGuard() throws Exception {
        try (WebhookReceiver hub = WebhookReceiver.answering(202)) {
            // With the guard on no feed on this machine can be fetched, so the test tells the subscriber what a fetch
            // of a public feed advertising this hub would (SourceRunner calls advertised after each good fetch).
            String topic = "https://news.example/guarded-" + UUID.randomUUID() + ".xml";
            int id = given().contentType(ContentType.JSON)
                    .body(Map.of("type", "rss", "name", "guarded websub " + topic, "config", Map.of("url", topic)))
                    .post("/api/sources")
                    .then()
                    .statusCode(201)
                    .extract()
                    .path("id");
            subscriber.advertised(id, new PushHub(List.of(URI.create(hub.url())), URI.create(topic)));

            // Once asked, the subscription is refused (the guard) or requested (the hub took it, awaiting its check).
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> !"subscribe".equals(source(id).getString("websub.state")));
            JsonPath source = source(id);
            assertThat(source.getString("websub.hub")).isEqualTo(hub.url());
            assertThat(source.getString("websub.state")).isEqualTo("refused");
            assertThat(source.getString("websub.lastError")).contains(REFUSAL);
            assertThat(hub.count()).isZero();
        }
    }

    private static Map<String, Object> channel(String type, Map<String, String> config) {
        return Map.of("type", type, "name", "guarded " + type, "config", config);
    }

    private static JsonPath source(int id) {
        return given().get("/api/sources/" + id)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }
}
