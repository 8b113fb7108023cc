package io.vigil.web.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.vigil.web.testing.Archive;
import io.vigil.web.testing.AtOnce;
import io.vigil.web.testing.BrowserSession;
import io.vigil.web.testing.Users;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Whatever a user can create is capped ({@code vigil.limits.*}), counted in PostgreSQL in the creating transaction:
 * the API answers 409 naming the limit, a page the same words, and a sign-in past the session cap ends the oldest
 * session instead of being refused. The caps are set low here so the test reaches them.
 */
@QuarkusTest
@TestProfile(CreationLimitsTest.LowLimits.class)
class CreationLimitsTest {

    public static class LowLimits implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "vigil.limits.sessions", "2",
                    "vigil.limits.api-tokens", "2",
                    "vigil.limits.feeds", "1",
                    "vigil.limits.pins", "1",
                    "vigil.limits.rules", "1",
                    "vigil.limits.silences", "1",
                    "vigil.limits.channels", "1",
                    "vigil.limits.sources", "1");
        }
    }

    @BeforeEach
    void archiveIsReady() {
        Archive.awaitReady();
    }

    private static io.restassured.specification.RequestSpecification as(String user) {
        return Users.as(user).contentType(ContentType.JSON);
    }

    private static int pushedArticle(String user) {
        String word = "pinnable " + UUID.randomUUID();
        return as(user).body(Map.of(
                        "title",
                        "A " + word + " story",
                        "body",
                        "The " + word + " story, told once.",
                        "source",
                        "Pin Wire"))
                .post("/api/ingest")
                .then()
                .statusCode(200)
                .extract()
                .path("articles[0].id");
    }

    private static void assertRefusedNaming(Response answer, String key) {
        assertThat(answer.statusCode()).as(answer.asString()).isEqualTo(409);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.jsonPath().getString("title")).isEqualTo("Limit reached");
        assertThat(answer.jsonPath().getString("detail")).contains(key);
    }

    @Test
    void aUsersApiTokensAreCappedAndRevokingOneMakesRoom() {
        String viewer = Users.create("capped", Role.VIEWER);
        int first = as(viewer)
                .body(Map.of("name", "one"))
                .post("/api/tokens")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        as(viewer).body(Map.of("name", "two")).post("/api/tokens").then().statusCode(201);

        Response third = as(viewer).body(Map.of("name", "three")).post("/api/tokens");

        assertRefusedNaming(third, "vigil.limits.api-tokens");
        assertThat(third.jsonPath().getString("detail")).contains("you have 2 live API tokens");
        assertThat(as(Users.create("other", Role.VIEWER))
                        .body(Map.of("name", "theirs"))
                        .post("/api/tokens")
                        .statusCode())
                .as("another user's cap is their own")
                .isEqualTo(201);
        as(viewer).delete("/api/tokens/" + first).then().statusCode(204);
        as(viewer).body(Map.of("name", "three")).post("/api/tokens").then().statusCode(201);
    }

    @Test
    void tokensAskedForAtOnceStillStopAtTheCap() throws Exception {
        String viewer = Users.create("racing", Role.VIEWER);
        List<Integer> statuses = AtOnce.run(6, caller -> as(viewer)
                .body(Map.of("name", "racer " + caller))
                .post("/api/tokens")
                .statusCode());
        assertThat(statuses).filteredOn(status -> status == 201).hasSize(2);
        assertThat(statuses).filteredOn(status -> status == 409).hasSize(4);
        assertThat(as(viewer).get("/api/tokens").jsonPath().getList("items")).hasSize(2);
    }

    @Test
    void aUsersFeedsAreCappedOnTheApiAndThePage() {
        String viewer = Users.create("feeder", Role.VIEWER);
        as(viewer).body(Map.of("name", "all alerts")).post("/api/feeds").then().statusCode(201);

        assertRefusedNaming(as(viewer).body(Map.of("name", "more")).post("/api/feeds"), "vigil.limits.feeds");
        Response page = BrowserSession.signIn(viewer, Users.PASSWORD).post("/feeds", "name", "more");
        assertThat(page.statusCode()).isEqualTo(409);
        assertThat(page.asString()).contains("Limit reached", "you have 1 feeds", "vigil.limits.feeds");
    }

    @Test
    void aUsersPinsAreCappedAndPinningThePinnedAgainIsFree() {
        String analyst = Users.create("pinner", Role.ANALYST);
        // two articles of its own: the archive may be empty when this test runs first
        List<Integer> articles = List.of(pushedArticle(analyst), pushedArticle(analyst));
        as(analyst).post("/api/articles/" + articles.get(0) + "/pin").then().statusCode(200);
        as(analyst).post("/api/articles/" + articles.get(0) + "/pin").then().statusCode(200);

        assertRefusedNaming(as(analyst).post("/api/articles/" + articles.get(1) + "/pin"), "vigil.limits.pins");
    }

    @Test
    void theTeamsRulesSilencesChannelsAndSourcesAreCappedTogether() {
        String analyst = Users.create("team", Role.ANALYST);
        String admin = Users.create("team-admin", Role.ADMIN);
        String word = "zq" + UUID.randomUUID().toString().replaceAll("[^a-f]", "");
        // The first may fill the cap (or find it full: other tests share the database); the next is refused.
        as(analyst).body(Map.of("query", word)).post("/api/rules");
        assertRefusedNaming(as(analyst).body(Map.of("query", word + "x")).post("/api/rules"), "vigil.limits.rules");

        Map<String, Object> silence = Map.of(
                "query", word, "until", Instant.now().plus(1, ChronoUnit.DAYS).toString());
        as(analyst).body(silence).post("/api/silences");
        assertRefusedNaming(as(analyst).body(silence).post("/api/silences"), "vigil.limits.silences");

        Map<String, Object> channel =
                Map.of("type", "webhook", "name", "capped " + word, "config", Map.of("url", "https://a.example.org/h"));
        as(admin).body(channel).post("/api/channels");
        assertRefusedNaming(
                as(admin)
                        .body(Map.of(
                                "type",
                                "webhook",
                                "name",
                                "capped 2 " + word,
                                "config",
                                Map.of("url", "https://a.example.org/h")))
                        .post("/api/channels"),
                "vigil.limits.channels");

        // the seeds source is always there
        Response source = as(admin)
                .body(Map.of(
                        "type",
                        "rss",
                        "name",
                        "capped " + word,
                        "enabled",
                        false,
                        "config",
                        Map.of("url", "https://a.example.org/feed")))
                .post("/api/sources");
        assertRefusedNaming(source, "vigil.limits.sources");
        assertThat(source.jsonPath().getString("detail")).startsWith("Vigil holds 1 sources");
    }

    @Test
    void signingInPastTheSessionCapEndsTheOldestSession() {
        String viewer = Users.create("traveller", Role.VIEWER);
        BrowserSession first = BrowserSession.signIn(viewer, Users.PASSWORD);
        BrowserSession second = BrowserSession.signIn(viewer, Users.PASSWORD);
        assertThat(first.signedIn()).isTrue();

        BrowserSession third = BrowserSession.signIn(viewer, Users.PASSWORD);

        assertThat(third.signedIn()).as("the sign-in is not refused").isTrue();
        assertThat(second.signedIn()).isTrue();
        assertThat(first.signedIn()).as("the oldest session ended").isFalse();
    }
}
