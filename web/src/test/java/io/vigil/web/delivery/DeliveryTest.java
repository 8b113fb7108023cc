package io.vigil.web.delivery;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class DeliveryTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @Inject
    AlertFixtures fixtures;

    @Inject
    DigestScheduler digests;

    @BeforeEach
    void archiveIsReady() {
        Archive.awaitReady();
    }

    @Test
    void anAlertReachesEmailAndWebhookWithTheSameNotificationId() throws Exception {
        GreenMail mail = MailServer.emptyInbox();
        try (WebhookReceiver receiver = WebhookReceiver.answering()) {
            Channels.Webhook hook = Channels.webhook(receiver.url());
            receiver.verifyingWith(hook.secret());
            long email = Channels.email("analysts@example.org");
            long rule = fixtures.rule("Floods", "immediate", false, hook.id(), email);

            fixtures.open(rule, "Floods close the coast road", "Floods closed the coast road on Monday.");

            await().atMost(PATIENCE).until(() -> receiver.count() == 1 && mail.getReceivedMessages().length == 1);
            WebhookReceiver.Received request = receiver.received().get(0);
            assertThat(request.signatureProblem()).isNull();
            assertThat(request.bodyText()).contains("Floods close the coast road");
            MimeMessage message = mail.getReceivedMessages()[0];
            assertThat(message.getSubject()).contains("Floods close the coast road");
            assertThat(message.getHeader("X-Vigil-Notification")[0]).isEqualTo(request.id());
            assertThat(message.getMessageID()).isEqualTo("<" + request.id() + "@vigil>");
            await().atMost(PATIENCE)
                    .untilAsserted(() -> assertThat(attempts(request.id()).getList("items.status"))
                            .containsExactlyInAnyOrder("delivered", "delivered"));
        }
    }

    @Test
    void aReceiverAnswering503TwiceGetsTheNotificationOnTheThirdAttemptUnderOneId() throws Exception {
        try (WebhookReceiver receiver = WebhookReceiver.answering(503, 503)) {
            Channels.Webhook hook = Channels.webhook(receiver.url());
            receiver.verifyingWith(hook.secret());
            long rule = fixtures.rule("Strikes", "immediate", false, hook.id());

            fixtures.open(rule, "Dock strike enters second week", "The dock strike entered its second week.");

            await().atMost(PATIENCE)
                    .until(() -> receiver.count() == 3
                            && delivered(receiver.received().get(0).id()));
            List<String> ids = receiver.received().stream()
                    .map(WebhookReceiver.Received::id)
                    .toList();
            assertThat(ids).hasSize(3).containsOnly(ids.get(0));
            assertThat(receiver.received())
                    .allSatisfy(r -> assertThat(r.signatureProblem()).isNull());
            JsonPath log = attempts(ids.get(0));
            assertThat(log.getList("items.attempt", Integer.class)).containsExactly(3, 2, 1);
            assertThat(log.getList("items.status")).containsExactly("delivered", "failed", "failed");
            assertThat(log.getList("items.responseCode", Integer.class)).containsExactly(200, 503, 503);
        }
    }

    @Test
    void aRefusedNotificationIsDeadAtOnceAndIsResentUnderItsIdOnceTheReceiverIsFixed() throws Exception {
        try (WebhookReceiver receiver = WebhookReceiver.answering(400)) {
            Channels.Webhook hook = Channels.webhook(receiver.url());
            long rule = fixtures.rule("Elections", "immediate", false, hook.id());

            fixtures.open(rule, "Election date set for spring", "The election will be held in the spring.");

            await().atMost(PATIENCE).until(() -> receiver.count() == 1);
            String id = receiver.received().get(0).id();
            await().atMost(PATIENCE)
                    .untilAsserted(() -> assertThat(given().get("/api/notifications?status=dead&limit=500")
                                    .then()
                                    .statusCode(200)
                                    .extract()
                                    .jsonPath()
                                    .getList("items.notificationId"))
                            .contains(id));
            assertThat(attempts(id).getList("items.status")).containsExactly("dead");

            receiver.thenAnswer(200);
            given().post("/api/notifications/" + id + "/retry").then().statusCode(200);

            await().atMost(PATIENCE).until(() -> receiver.count() == 2 && delivered(id));
            assertThat(receiver.received().get(1).id()).isEqualTo(id);
            given().post("/api/notifications/" + id + "/retry").then().statusCode(409);
        }
    }

    @Test
    void silencedAlertsAreRecordedButNotSentUntilTheSilenceExpires() throws Exception {
        try (WebhookReceiver receiver = WebhookReceiver.answering()) {
            Channels.Webhook hook = Channels.webhook(receiver.url());
            long quiet = fixtures.rule("Quiet rule", "immediate", false, hook.id());
            long loud = fixtures.rule("Loud rule", "immediate", false, hook.id());
            silence(Map.of(
                    "ruleId", quiet, "until", Instant.now().plusSeconds(3600).toString(), "comment", "noisy"));
            silence(Map.of(
                    "query", "\"transfer window\"",
                    "until", Instant.now().plusSeconds(3600).toString(),
                    "comment", "football is not news"));

            Opened byRule = fixtures.open(quiet, "Bridge repairs begin", "Repairs on the old bridge began today.");
            Opened byQuery = fixtures.open(
                    loud, "Club signs striker", "The club signed a striker before the transfer window closed.");
            Opened sent = fixtures.open(loud, "Harbour reopens", "The harbour reopened after the storm.");

            await().atMost(PATIENCE).until(() -> receiver.count() == 1);
            assertThat(receiver.received().get(0).bodyText()).contains("Harbour reopens");
            assertThat(fixtures.isMuted(byRule.alertId())).isTrue();
            assertThat(fixtures.isMuted(byQuery.alertId())).isTrue();
            assertThat(fixtures.isMuted(sent.alertId())).isFalse();
            assertThat(fixtures.outboxRowsOf(byRule.alertId())).isZero();
            assertThat(fixtures.outboxRowsOf(byQuery.alertId())).isZero();
        }
    }

    @Test
    void anExpiredSilenceMutesNothing() throws Exception {
        try (WebhookReceiver receiver = WebhookReceiver.answering()) {
            Channels.Webhook hook = Channels.webhook(receiver.url());
            long rule = fixtures.rule("Once quiet", "immediate", false, hook.id());
            long silence = silence(
                    Map.of("ruleId", rule, "until", Instant.now().plusSeconds(1).toString(), "comment", "brief"));
            await().atMost(PATIENCE).until(() -> !given().get("/api/silences?active=true&limit=500")
                    .then()
                    .extract()
                    .jsonPath()
                    .getList("items.id", Long.class)
                    .contains(silence));

            Opened alert = fixtures.open(rule, "Ferry timetable changes", "The ferry timetable changes next week.");

            await().atMost(PATIENCE).until(() -> receiver.count() == 1);
            assertThat(fixtures.isMuted(alert.alertId())).isFalse();
        }
    }

    @Test
    void aGrowingStoryIsUpdatedOnlyWhenTheRuleAsksAndAtMostOncePerInterval() throws Exception {
        try (WebhookReceiver receiver = WebhookReceiver.answering()) {
            Channels.Webhook hook = Channels.webhook(receiver.url());
            long withUpdates = fixtures.rule("With updates", "immediate", true, hook.id());
            long withoutUpdates = fixtures.rule("Without updates", "immediate", false, hook.id());
            Opened followed =
                    fixtures.open(withUpdates, "Wildfire spreads east", "The wildfire spread east overnight.");
            Opened unfollowed = fixtures.open(withoutUpdates, "Rates held", "The central bank held rates.");
            await().atMost(PATIENCE).until(() -> receiver.count() == 2);
            fixtures.join(followed, "Daily Courier");
            assertThat(fixtures.outboxRowsOf(followed.alertId()))
                    .as("no update within the interval")
                    .isEqualTo(1);
            fixtures.backdateNotification(followed.alertId(), Duration.ofHours(2));
            fixtures.backdateNotification(unfollowed.alertId(), Duration.ofHours(2));

            fixtures.join(followed, "Evening Post");
            fixtures.join(unfollowed, "Evening Post");
            fixtures.join(followed, "Morning Star");

            // The outbox rows are written when the articles are stored; the last join falls within the interval again.
            await().atMost(PATIENCE).until(() -> receiver.count() == 3);
            assertThat(fixtures.outboxRowsOf(followed.alertId())).isEqualTo(2);
            assertThat(fixtures.outboxRowsOf(unfollowed.alertId())).isEqualTo(1);
            assertThat(receiver.received().get(2).bodyText()).contains("Evening Post");
        }
    }

    @Test
    void aDigestGroupsTheAlertsOfItsPeriodIntoOneNotificationSentOnce() throws Exception {
        try (WebhookReceiver receiver = WebhookReceiver.answering()) {
            Channels.Webhook hook = Channels.webhook(receiver.url());
            long rule = fixtures.rule("Daily roundup", "daily", false, hook.id());
            fixtures.open(rule, "Parliament passes budget", "Parliament passed the budget.");
            fixtures.open(rule, "Minister resigns", "The minister resigned on Tuesday.");
            silence(Map.of(
                    "query", "\"weather warning\"",
                    "until", Instant.now().plusSeconds(3600).toString(),
                    "comment", "routine"));
            Opened muted = fixtures.open(rule, "Weather warning lifted", "The weather warning was lifted.");

            Instant tomorrow = Instant.now().plus(Duration.ofDays(1)).plus(Duration.ofHours(1));
            digests.sendDue(tomorrow);
            digests.sendDue(tomorrow);

            await().atMost(PATIENCE)
                    .until(() -> receiver.count() >= 1
                            && delivered(receiver.received().get(0).id()));
            assertThat(receiver.count()).isEqualTo(1);
            String body = receiver.received().get(0).bodyText();
            assertThat(body)
                    .contains("Parliament passes budget", "Minister resigns")
                    .doesNotContain("Weather warning");
            assertThat(attempts(receiver.received().get(0).id()).getList("items.kind"))
                    .containsExactly("digest");
            assertThat(fixtures.isMuted(muted.alertId())).isTrue();
        }
    }

    @Test
    void aSilenceMadeAfterAlertsOpenedKeepsThemOutOfTheDigest() throws Exception {
        try (WebhookReceiver receiver = WebhookReceiver.answering()) {
            Channels.Webhook hook = Channels.webhook(receiver.url());
            long rule = fixtures.rule("Port roundup", "daily", false, hook.id());
            fixtures.open(rule, "New cranes for the container port", "The container port installed new cranes.");
            Opened later = fixtures.open(rule, "Harbour dredging starts", "Harbour dredging started this morning.");
            silence(Map.of(
                    "query", "\"harbour dredging\"",
                    "until", Instant.now().plus(Duration.ofDays(3)).toString(),
                    "comment", "made after the alert opened"));

            digests.sendDue(Instant.now().plus(Duration.ofDays(1)).plus(Duration.ofHours(1)));

            await().atMost(PATIENCE)
                    .until(() -> receiver.count() >= 1
                            && delivered(receiver.received().get(0).id()));
            assertThat(receiver.received().get(0).bodyText())
                    .contains("New cranes for the container port")
                    .doesNotContain("Harbour dredging");
            assertThat(fixtures.isMuted(later.alertId())).isTrue();
        }
    }

    private static long silence(Map<String, Object> silence) {
        return given().contentType(ContentType.JSON)
                .body(silence)
                .post("/api/silences")
                .then()
                .statusCode(201)
                .extract()
                .<Integer>path("id")
                .longValue();
    }

    private static JsonPath attempts(String notificationId) {
        return given().get("/api/deliveries?notification=" + notificationId)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    private static boolean delivered(String notificationId) {
        return attempts(notificationId).getList("items.status").contains("delivered");
    }
}
