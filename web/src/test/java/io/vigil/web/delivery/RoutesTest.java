package io.vigil.web.delivery;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import com.icegreen.greenmail.util.GreenMail;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.vigil.alerts.digest.DigestScheduler;
import io.vigil.web.testing.AlertFixtures;
import io.vigil.web.testing.AlertFixtures.Opened;
import io.vigil.web.testing.Archive;
import io.vigil.web.testing.MailServer;
import io.vigil.web.testing.WebhookReceiver;
import jakarta.inject.Inject;
import jakarta.mail.Address;
import jakarta.mail.internet.MimeMessage;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Routes: one rule sends to each channel its own way — at once, hourly, daily or weekly — with the channel's own
 * digest times; the old {@code channels} + {@code delivery} stay valid as the one-mode shorthand; and every bad route
 * is refused naming its field, with nothing saved.
 */
@QuarkusTest
class RoutesTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final AtomicLong SEQUENCE = new AtomicLong(System.nanoTime() % 1_000_000);

    @Inject
    AlertFixtures fixtures;

    @Inject
    DigestScheduler digests;

    @BeforeEach
    void archiveIsReady() {
        Archive.awaitReady();
    }

    @Test
    void oneRulePagesTheDeskAtOnceAndEmailsTheTeamADailyDigest() throws Exception {
        GreenMail mail = MailServer.emptyInbox();
        try (WebhookReceiver desk = WebhookReceiver.answering()) {
            Channels.Webhook hook = Channels.webhook(desk.url());
            String team = "team-" + SEQUENCE.incrementAndGet() + "@example.org";
            long email = Channels.email(team);
            long rule = createRule(Map.of(
                    "query",
                    unique(),
                    "routes",
                    List.of(
                            Map.of("channelId", hook.id(), "delivery", "immediate"),
                            Map.of("channelId", email, "delivery", "daily"))));

            JsonPath saved = rule(rule);
            assertThat(saved.getList("routes.channelId", Long.class)).containsExactlyInAnyOrder(hook.id(), email);
            assertThat(saved.getString("routes.find { it.channelId == " + email + " }.delivery"))
                    .isEqualTo("daily");
            assertThat(saved.getList("channels", Long.class)).containsExactlyInAnyOrder(hook.id(), email);
            assertThat(saved.getString("delivery"))
                    .as("the routes differ: no one mode")
                    .isNull();

            fixtures.open(rule, "Ferry strike halts island traffic", "A ferry strike halted island traffic.");

            await().atMost(PATIENCE).until(() -> desk.count() == 1);
            assertThat(fixtures.number("select count(*) from outbox where channel_id = " + email))
                    .as("the team's e-mail waits for the digest")
                    .isZero();

            digests.sendDue(Instant.now().plus(Duration.ofDays(1)).plus(Duration.ofHours(1)));

            await().atMost(PATIENCE).until(() -> !to(mail, team).isEmpty());
            MimeMessage digest = to(mail, team).get(0);
            assertThat(digest.getSubject()).contains("Digest: 1 story for 1 rule");
            assertThat(digest.getHeader("X-Vigil-Kind")[0]).isEqualTo("digest");
            assertThat(desk.count()).as("the desk got the alert once, at once").isEqualTo(1);
            assertThat(desk.received().get(0).bodyText()).contains("Ferry strike halts island traffic");
        }
    }

    @Test
    void theShorthandIsReadAndWrittenAsOneMode() throws Exception {
        try (WebhookReceiver receiver = WebhookReceiver.answering()) {
            long a = Channels.webhook(receiver.url()).id();
            long b = Channels.webhook(receiver.url()).id();
            long rule = createRule(Map.of("query", unique(), "channels", List.of(a, b), "delivery", "hourly"));

            JsonPath created = rule(rule);
            assertThat(created.getString("delivery")).isEqualTo("hourly");
            assertThat(created.getList("routes.delivery"))
                    .containsOnly("hourly")
                    .hasSize(2);

            update(rule, Map.of("delivery", "daily")).statusCode(200).body("delivery", equalTo("daily"));
            assertThat(rule(rule).getList("routes.delivery"))
                    .containsOnly("daily")
                    .hasSize(2);

            // A rule read back and sent again as it is: routes, channels and delivery agree, so it is accepted.
            Map<String, Object> readBack = rule(rule).getMap("");
            update(rule, readBack).statusCode(200).body("delivery", equalTo("daily"));

            update(rule, Map.of("routes", List.of(Map.of("channelId", a, "delivery", "immediate"))))
                    .statusCode(200)
                    .body("delivery", equalTo("immediate"))
                    .body("channels", equalTo(List.of((int) a)));
            update(rule, Map.of("channels", List.of(a, b)))
                    .statusCode(200)
                    .body("delivery", equalTo("immediate"))
                    .body("routes.size()", equalTo(2));
            update(
                            rule,
                            Map.of(
                                    "routes",
                                    List.of(
                                            Map.of("channelId", a, "delivery", "weekly"),
                                            Map.of("channelId", b, "delivery", "hourly"))))
                    .statusCode(200)
                    .body("delivery", equalTo(null));
            // a channel that keeps its route keeps its delivery
            update(rule, Map.of("channels", List.of(a, b)))
                    .statusCode(200)
                    .body("routes.find { it.channelId == " + a + " }.delivery", equalTo("weekly"));

            update(rule, Map.of("routes", List.of(Map.of("channelId", a, "delivery", "daily")), "delivery", "hourly"))
                    .statusCode(400)
                    .body("field", equalTo("delivery"));
            update(rule, Map.of("routes", List.of(Map.of("channelId", a)), "channels", List.of(b)))
                    .statusCode(400)
                    .body("field", equalTo("channels"));
            assertThat(rule(rule).getList("routes.delivery")).containsExactly("weekly", "hourly");
        }
    }

    @Test
    void badRoutesAreRefusedNamingTheFieldAndNothingIsSaved() throws Exception {
        try (WebhookReceiver receiver = WebhookReceiver.answering()) {
            long channel = Channels.webhook(receiver.url()).id();
            long rules = given().get("/api/rules?limit=1")
                    .then()
                    .extract()
                    .jsonPath()
                    .getLong("total");
            String query = unique();

            create(Map.of("query", query, "routes", List.of(Map.of("channelId", 987_654_321L, "delivery", "daily"))))
                    .statusCode(400)
                    .body("field", equalTo("routes[0].channelId"))
                    .body("detail", org.hamcrest.Matchers.containsString("987654321"));
            create(Map.of(
                            "query",
                            query,
                            "routes",
                            List.of(
                                    Map.of("channelId", channel, "delivery", "daily"),
                                    Map.of("channelId", channel, "delivery", "sometimes"))))
                    .statusCode(400)
                    .body("field", equalTo("routes[1].delivery"))
                    .body("detail", org.hamcrest.Matchers.containsString("weekly"));
            create(Map.of(
                            "query",
                            query,
                            "routes",
                            List.of(
                                    Map.of("channelId", channel, "delivery", "daily"),
                                    Map.of("channelId", channel, "delivery", "hourly"))))
                    .statusCode(400)
                    .body("field", equalTo("routes[1].channelId"));
            given().contentType(ContentType.JSON)
                    .body("{\"query\": \"" + query + "\", \"routes\": [{\"channelId\": \"abc\"}]}")
                    .post("/api/rules")
                    .then()
                    .statusCode(400)
                    .body("field", equalTo("routes[0].channelId"));
            assertThat(given().get("/api/rules?limit=1")
                            .then()
                            .extract()
                            .jsonPath()
                            .getLong("total"))
                    .as("nothing half-saved")
                    .isEqualTo(rules);

            long rule = createRule(
                    Map.of("query", query, "routes", List.of(Map.of("channelId", channel, "delivery", "daily"))));
            update(
                            rule,
                            Map.of(
                                    "name",
                                    "renamed",
                                    "routes",
                                    List.of(
                                            Map.of("channelId", channel, "delivery", "hourly"),
                                            Map.of("channelId", 987_654_321L, "delivery", "hourly"))))
                    .statusCode(400)
                    .body("field", equalTo("routes[1].channelId"));
            JsonPath unchanged = rule(rule);
            assertThat(unchanged.getString("name")).isEqualTo(query);
            assertThat(unchanged.getList("routes.delivery")).containsExactly("daily");
        }
    }

    @Test
    void aWeeklyRouteWaitsForItsChannelsDay() throws Exception {
        GreenMail mail = MailServer.emptyInbox();
        Instant now = Instant.now();
        // The day three days from now, at midnight UTC: the first weekly end after the alert opens.
        DayOfWeek day = now.atZone(ZoneOffset.UTC).plusDays(3).getDayOfWeek();
        String team = "weekly-" + SEQUENCE.incrementAndGet() + "@example.org";
        long email = Channels.email(
                team, Map.of("hour", 0, "timeZone", "UTC", "day", day.name().toLowerCase(Locale.ROOT)));
        long rule = createRule(
                Map.of("query", unique(), "routes", List.of(Map.of("channelId", email, "delivery", "weekly"))));
        Opened alert = fixtures.open(rule, "Quarterly port figures out", "The port published its figures.");

        digests.sendDue(now.plus(Duration.ofDays(1)));
        assertThat(fixtures.outboxRowsOf(alert.alertId()))
                .as("not the channel's day yet")
                .isZero();

        digests.sendDue(now.plus(Duration.ofDays(4)));

        fixtures.awaitArrival(email, PATIENCE, () -> !to(mail, team).isEmpty());
        assertThat(to(mail, team).get(0).getSubject()).contains("Digest");
        assertThat(fixtures.outboxRowsOf(alert.alertId())).isEqualTo(1);
        digests.sendDue(now.plus(Duration.ofDays(4)));
        assertThat(fixtures.outboxRowsOf(alert.alertId())).as("collected once").isEqualTo(1);
    }

    @Test
    void aRouteSwitchedToImmediateSendsWhatItStillOwed() throws Exception {
        try (WebhookReceiver receiver = WebhookReceiver.answering()) {
            Channels.Webhook hook = Channels.webhook(receiver.url());
            long rule = createRule(
                    Map.of("query", unique(), "routes", List.of(Map.of("channelId", hook.id(), "delivery", "daily"))));
            fixtures.open(rule, "Bridge tolls rise", "Bridge tolls rose by ten percent.");
            assertThat(receiver.count()).isZero();

            update(rule, Map.of("routes", List.of(Map.of("channelId", hook.id(), "delivery", "immediate"))))
                    .statusCode(200);
            digests.sendDue(Instant.now());

            await().atMost(PATIENCE).until(() -> receiver.count() == 1);
            assertThat(receiver.received().get(0).bodyText())
                    .contains("\"type\":\"digest\"")
                    .contains("Bridge tolls rise");
        }
    }

    @Test
    void aChannelsDigestTimesAreCheckedNamingTheFieldAndKeptAcrossEdits() {
        given().contentType(ContentType.JSON)
                .body(Map.of(
                        "type",
                        "email",
                        "name",
                        "bad hour " + SEQUENCE.incrementAndGet(),
                        "config",
                        Map.of("to", "x@example.org"),
                        "digest",
                        Map.of("hour", 25)))
                .post("/api/channels")
                .then()
                .statusCode(400)
                .body("field", equalTo("digest.hour"));
        given().contentType(ContentType.JSON)
                .body(Map.of(
                        "type",
                        "email",
                        "name",
                        "bad zone " + SEQUENCE.incrementAndGet(),
                        "config",
                        Map.of("to", "x@example.org"),
                        "digest",
                        Map.of("timeZone", "Mars/Olympus_Mons")))
                .post("/api/channels")
                .then()
                .statusCode(400)
                .body("field", equalTo("digest.timeZone"));

        long channel = Channels.email("tokyo@example.org", Map.of("hour", 6, "timeZone", "Asia/Tokyo"));
        JsonPath saved =
                given().get("/api/channels/" + channel).then().extract().jsonPath();
        assertThat(saved.getInt("digest.hour")).isEqualTo(6);
        assertThat(saved.getString("digest.timeZone")).isEqualTo("Asia/Tokyo");
        assertThat(saved.getString("digest.day")).isNull();

        given().contentType(ContentType.JSON)
                .body(Map.of("type", "email", "name", saved.getString("name"), "config", Map.of("to", "t@example.org")))
                .put("/api/channels/" + channel)
                .then()
                .statusCode(200)
                .body("digest.hour", equalTo(6))
                .body("digest.timeZone", equalTo("Asia/Tokyo"));
    }

    @Test
    void theChannelFormSetsTheDigestTimesAndNamesABadOne() {
        String name = "form digest " + SEQUENCE.incrementAndGet();
        Map<String, String> form = new java.util.HashMap<>(
                Map.of("type", "email", "name", name, "config.to", "desk@example.org", "enabled", "true"));
        form.put("digestHour", "6");
        form.put("digestTimeZone", "Europe/Lisbon");
        form.put("digestDay", "friday");
        given().redirects()
                .follow(false)
                .formParams(form)
                .post("/channels")
                .then()
                .statusCode(303);
        JsonPath saved = given().get("/api/channels?limit=500").then().extract().jsonPath();
        String path = "items.find { it.name == '" + name + "' }";
        assertThat(saved.getInt(path + ".digest.hour")).isEqualTo(6);
        assertThat(saved.getString(path + ".digest.timeZone")).isEqualTo("Europe/Lisbon");
        assertThat(saved.getString(path + ".digest.day")).isEqualTo("friday");
        long id = saved.getLong(path + ".id");
        assertThat(given().get("/channels/" + id + "/edit").then().extract().asString())
                .contains("value=\"Europe/Lisbon\"")
                .contains("<option value=\"friday\" selected>");

        form.put("digestTimeZone", "Atlantis/Capital");
        String refused = given().formParams(form)
                .post("/channels/" + id)
                .then()
                .statusCode(400)
                .extract()
                .asString();
        assertThat(refused).contains("digest.timeZone must be a time zone").contains("Atlantis/Capital");
        assertThat(given().get("/api/channels/" + id)
                        .then()
                        .extract()
                        .jsonPath()
                        .getString("digest.timeZone"))
                .isEqualTo("Europe/Lisbon");
    }

    private static String unique() {
        return "zzroute" + SEQUENCE.incrementAndGet() + "zz";
    }

    private static io.restassured.response.ValidatableResponse create(Map<String, Object> rule) {
        return given().contentType(ContentType.JSON)
                .body(rule)
                .post("/api/rules")
                .then();
    }

    private static long createRule(Map<String, Object> rule) {
        return create(rule).statusCode(201).extract().jsonPath().getLong("id");
    }

    private static io.restassured.response.ValidatableResponse update(long id, Map<String, Object> changes) {
        return given().contentType(ContentType.JSON)
                .body(changes)
                .put("/api/rules/" + id)
                .then();
    }

    private static JsonPath rule(long id) {
        return given().get("/api/rules/" + id).then().statusCode(200).extract().jsonPath();
    }

    private static List<MimeMessage> to(GreenMail mail, String address) {
        return Arrays.stream(mail.getReceivedMessages())
                .filter(message -> {
                    try {
                        Address[] recipients = message.getAllRecipients();
                        return recipients != null
                                && Arrays.stream(recipients)
                                        .anyMatch(r -> r.toString().contains(address));
                    } catch (jakarta.mail.MessagingException e) {
                        return false;
                    }
                })
                .toList();
    }
}
