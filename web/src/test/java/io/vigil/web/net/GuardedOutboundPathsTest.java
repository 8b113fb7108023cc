package io.vigil.web.net;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.vigil.web.testing.Archive;
import io.vigil.web.testing.WebhookReceiver;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * With the guard on, as in production ({@code vigil.net.allow-private=false}; the test profile turns it off), every
 * outbound path of the running platform — a feed's and a web page's fetch, a webhook's and a chat channel's delivery —
 * goes through the one guarded client: a loopback URL is refused with the guard's reason and nothing reaches the
 * receiver. How each redirect hop and each lookup is checked is {@code GuardedHttpClientTest}'s part.
 */
@QuarkusTest
@TestProfile(GuardedOutboundPathsTest.GuardOn.class)
class GuardedOutboundPathsTest {

    public static class GuardOn implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("vigil.net.allow-private", "false");
        }
    }

    private static final String REFUSAL = "Vigil only reaches public addresses unless vigil.net.allow-private=true";

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
    void aWebhookAndAChatChannelToALoopbackUrlAreRefusedByTheGuard() throws Exception {
        try (WebhookReceiver receiver = WebhookReceiver.answering(200)) {
            for (Map<String, Object> channel : java.util.List.<Map<String, Object>>of(
                    Map.of("type", "webhook", "name", "guarded hook", "config", Map.of("url", receiver.url())),
                    Map.of("type", "ntfy", "name", "guarded ntfy", "config", Map.of("url", receiver.url())))) {
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
                assertThat(test.getBoolean("delivered"))
                        .as(channel.get("type").toString())
                        .isFalse();
                assertThat(test.getString("error"))
                        .as(channel.get("type").toString())
                        .contains(REFUSAL);
            }
            assertThat(receiver.count()).isZero();
        }
    }
}
