package io.vigil.notifier.webhook;

import static io.vigil.spi.testkit.Notifications.alert;
import static io.vigil.spi.testkit.Notifications.single;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.notifier.webhook.WebhookReceiver.Answer;
import io.vigil.notifier.webhook.WebhookReceiver.Received;
import io.vigil.spi.PermanentFailureException;
import io.vigil.spi.TemporaryFailureException;
import io.vigil.spi.http.OutboundHttp;
import io.vigil.spi.http.RefusedAddressException;
import io.vigil.spi.notify.DeliveryReceipt;
import io.vigil.spi.notify.Notification;
import io.vigil.spi.notify.Notifier;
import io.vigil.spi.testkit.FakeNotifierContext;
import io.vigil.spi.testkit.PlainOutboundHttp;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WebhookNotifierTest {

    private static final String SECRET = WebhookSecrets.generate();

    private final WebhookNotifierFactory factory = new WebhookNotifierFactory();

    private Notifier notifierFor(URI url, FakeNotifierContext context) throws Exception {
        return factory.create(
                factory.configSpec().validate(Map.of("url", url.toString(), "secret", SECRET)),
                context.withHttp(new PlainOutboundHttp()));
    }

    private Notifier notifierFor(URI url) throws Exception {
        return notifierFor(url, FakeNotifierContext.create().withBaseUrl("https://vigil.example"));
    }

    @Test
    void signsEveryRequestSoThatAStandardWebhooksReceiverAcceptsIt() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver(SECRET)) {
            DeliveryReceipt receipt =
                    notifierFor(receiver.url()).deliver(single("n-1", alert(7, 3, "Mosul", 42, "Story")));

            assertThat(receipt.statusCode()).isEqualTo(200);
            Received request = receiver.received().get(0);
            assertThat(request.signatureProblem()).isNull();
            assertThat(request.header("webhook-id")).isEqualTo("n-1");
            assertThat(request.header("webhook-signature")).startsWith("v1,");
            assertThat(request.header("content-type")).isEqualTo("application/json");
        }
    }

    @Test
    void isAcceptedOnTheThirdAttemptAfterTwo503sWithTheSameId() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver(SECRET, Answer.of(503), Answer.of(503))) {
            Notifier notifier = notifierFor(receiver.url());
            Notification notification = single("n-retry", alert(7, 3, "Mosul", 42, "Story"));

            assertThatThrownBy(() -> notifier.deliver(notification)).isInstanceOf(TemporaryFailureException.class);
            assertThatThrownBy(() -> notifier.deliver(notification)).isInstanceOf(TemporaryFailureException.class);
            DeliveryReceipt receipt = notifier.deliver(notification);

            assertThat(receipt.statusCode()).isEqualTo(200);
            assertThat(receiver.received()).hasSize(3).allSatisfy(request -> {
                assertThat(request.signatureProblem()).isNull();
                assertThat(request.header("webhook-id")).isEqualTo("n-retry");
            });
            assertThat(receiver.received())
                    .extracting(Received::bodyText)
                    .containsOnly(receiver.received().get(0).bodyText());
        }
    }

    @Test
    void passesOnTheDelayA429AsksFor() throws Exception {
        try (WebhookReceiver receiver =
                new WebhookReceiver(SECRET, new Answer(429, Map.of("Retry-After", "120"), "slow down"))) {
            Notifier notifier = notifierFor(receiver.url());

            assertThatThrownBy(() -> notifier.deliver(single("n-2", alert(7, 3, "Mosul", 42, "Story"))))
                    .isInstanceOfSatisfying(TemporaryFailureException.class, failure -> assertThat(failure.retryAfter())
                            .contains(Duration.ofMinutes(2)))
                    .hasMessage("the receiver answered HTTP 429: slow down");
        }
    }

    @Test
    void readsARetryAfterDateAgainstThePlatformClock() throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String inNinetySeconds =
                DateTimeFormatter.RFC_1123_DATE_TIME.format(now.plusSeconds(90).atZone(ZoneOffset.UTC));
        try (WebhookReceiver receiver =
                new WebhookReceiver(SECRET, new Answer(503, Map.of("Retry-After", inNinetySeconds), ""))) {
            Notifier notifier = notifierFor(
                    receiver.url(), FakeNotifierContext.create().withClock(Clock.fixed(now, ZoneOffset.UTC)));

            assertThatThrownBy(() -> notifier.deliver(single("n-3", alert(7, 3, "Mosul", 42, "Story"))))
                    .isInstanceOfSatisfying(TemporaryFailureException.class, failure -> assertThat(failure.retryAfter())
                            .contains(Duration.ofSeconds(90)));
        }
    }

    @Test
    void givesUpOnA400AndSaysWhatTheReceiverAnswered() throws Exception {
        try (WebhookReceiver receiver =
                new WebhookReceiver(SECRET, new Answer(400, Map.of(), "{\"error\":\"unknown rule\"}"))) {
            Notifier notifier = notifierFor(receiver.url());

            assertThatThrownBy(() -> notifier.deliver(single("n-4", alert(7, 3, "Mosul", 42, "Story"))))
                    .isInstanceOf(PermanentFailureException.class)
                    .hasMessage("the receiver answered HTTP 400: {\"error\":\"unknown rule\"}");
        }
    }

    @Test
    void keepsAShortExcerptOfTheAnswerInTheReceipt() throws Exception {
        String longAnswer = "accepted ".repeat(100);
        try (WebhookReceiver receiver = new WebhookReceiver(SECRET, new Answer(202, Map.of(), longAnswer))) {
            DeliveryReceipt receipt =
                    notifierFor(receiver.url()).deliver(single("n-5", alert(7, 3, "Mosul", 42, "Story")));

            assertThat(receipt.statusCode()).isEqualTo(202);
            assertThat(receipt.response())
                    .startsWith("accepted accepted")
                    .hasSize(201)
                    .endsWith("\u2026");
        }
    }

    @Test
    void treatsAReceiverThatIsDownAsTemporary() throws Exception {
        int closedPort;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = probe.getLocalPort();
        }
        Notifier notifier = notifierFor(URI.create("http://127.0.0.1:" + closedPort + "/hook"));

        assertThatThrownBy(() -> notifier.deliver(single("n-6", alert(7, 3, "Mosul", 42, "Story"))))
                .isInstanceOf(TemporaryFailureException.class)
                .hasMessageStartingWith("cannot reach http://127.0.0.1:" + closedPort + ": ")
                .hasMessageNotContaining("/hook");
    }

    @Test
    void treatsATimeoutAsTemporary() throws Exception {
        OutboundHttp timingOut = call -> {
            throw new HttpTimeoutException("request timed out");
        };
        Notifier notifier = factory.create(
                factory.configSpec().validate(Map.of("url", "https://hooks.example.org/vigil", "secret", SECRET)),
                FakeNotifierContext.create().withHttp(timingOut));

        assertThatThrownBy(() -> notifier.deliver(single("n-7", alert(7, 3, "Mosul", 42, "Story"))))
                .isInstanceOf(TemporaryFailureException.class)
                .hasMessageContaining("request timed out");
    }

    @Test
    void givesUpOnAnAddressThePlatformRefuses() throws Exception {
        OutboundHttp guarded = call -> {
            throw new RefusedAddressException(call.uri().getHost() + " resolves to a private address");
        };
        Notifier notifier = factory.create(
                factory.configSpec().validate(Map.of("url", "http://intranet.example/hook", "secret", SECRET)),
                FakeNotifierContext.create().withHttp(guarded));

        assertThatThrownBy(() -> notifier.deliver(single("n-8", alert(7, 3, "Mosul", 42, "Story"))))
                .isInstanceOf(PermanentFailureException.class)
                .hasMessageContaining("intranet.example resolves to a private address")
                .hasMessageContaining("vigil.net.allow-private=true");
    }

    @Test
    void makesAFreshTimestampForEveryAttempt() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver(null, Answer.of(503))) {
            Instant first = Instant.parse("2025-03-03T14:10:00Z");
            Notification notification = single("n-9", alert(7, 3, "Mosul", 42, "Story"));
            FakeNotifierContext context = FakeNotifierContext.create();

            assertThatThrownBy(() -> notifierFor(receiver.url(), context.withClock(Clock.fixed(first, ZoneOffset.UTC)))
                            .deliver(notification))
                    .isInstanceOf(TemporaryFailureException.class);
            notifierFor(receiver.url(), context.withClock(Clock.fixed(first.plusSeconds(60), ZoneOffset.UTC)))
                    .deliver(notification);

            assertThat(receiver.received())
                    .extracting(request -> request.header("webhook-timestamp"))
                    .containsExactly(Long.toString(first.getEpochSecond()), Long.toString(first.getEpochSecond() + 60));
            assertThat(receiver.received())
                    .extracting(request -> request.header("webhook-id"))
                    .containsOnly("n-9");
        }
    }

    @Test
    void refusesToCreateASignedChannelWithoutASecret() {
        assertThatThrownBy(() -> factory.create(
                        factory.configSpec().validate(Map.of("url", "https://hooks.example.org/vigil")),
                        FakeNotifierContext.create()))
                .isInstanceOf(PermanentFailureException.class)
                .hasMessageContaining("no signing secret");
    }

    @Test
    void refusesToCreateAChannelWithAMalformedSecret() {
        Map<String, String> config = new HashMap<>(Map.of("url", "https://hooks.example.org/vigil"));
        config.put("secret", "whsec_***");

        assertThatThrownBy(() -> factory.create(factory.configSpec().validate(config), FakeNotifierContext.create()))
                .isInstanceOf(PermanentFailureException.class)
                .hasMessage("the secret must be whsec_ followed by base64");
    }

    @Test
    void signsWithBothSecretsDuringARotationsOverlapAndWithTheNewOneAlone() throws Exception {
        String replaced = WebhookSecrets.generate();
        try (WebhookReceiver receiver = new WebhookReceiver(SECRET)) {
            rotating(receiver.url(), replaced, Instant.now().plus(Duration.ofHours(1)))
                    .deliver(single("n-during", alert(7, 3, "Mosul", 42, "Story")));
            rotating(receiver.url(), replaced, Instant.now().minusSeconds(1))
                    .deliver(single("n-after", alert(7, 3, "Mosul", 42, "Story")));

            Received during = receiver.received().get(0);
            Received after = receiver.received().get(1);
            assertThat(during.header("webhook-signature").split(" ")).hasSize(2).allMatch(s -> s.startsWith("v1,"));
            assertThat(verifies(SECRET, during)).isNull();
            assertThat(verifies(replaced, during)).isNull();
            assertThat(after.header("webhook-signature").split(" ")).hasSize(1);
            assertThat(verifies(SECRET, after)).isNull();
            assertThat(verifies(replaced, after)).isEqualTo("no signature matches");
        }
    }

    @Test
    void refusesASecretShorterThanTwentyFourBytesNamingTheSetting() {
        String short16 = "whsec_" + java.util.Base64.getEncoder().encodeToString(new byte[16]);
        Map<String, String> config = Map.of("url", "https://hooks.example.org/vigil", "secret", short16);

        assertThatThrownBy(() -> factory.create(factory.configSpec().validate(config), FakeNotifierContext.create()))
                .isInstanceOf(PermanentFailureException.class)
                .hasMessageContaining("holds 16 bytes")
                .hasMessageContaining("24 to 64")
                .cause()
                .isInstanceOfSatisfying(
                        io.vigil.spi.config.InvalidConfigException.class,
                        invalid -> assertThat(invalid.problems().get(0).field()).isEqualTo("secret"));
    }

    private Notifier rotating(URI url, String replaced, Instant until) throws Exception {
        return factory.create(
                factory.configSpec()
                        .validate(Map.of(
                                "url",
                                url.toString(),
                                "secret",
                                SECRET,
                                WebhookNotifierFactory.PREVIOUS_SECRET,
                                replaced,
                                WebhookNotifierFactory.PREVIOUS_SECRET_UNTIL,
                                until.toString())),
                FakeNotifierContext.create().withHttp(new PlainOutboundHttp()));
    }

    private static String verifies(String secret, Received request) {
        return new io.vigil.spi.testkit.StandardWebhooksVerifier(secret)
                .problem(
                        request.header("webhook-id"),
                        request.header("webhook-timestamp"),
                        request.header("webhook-signature"),
                        request.body(),
                        Instant.now());
    }

    @Test
    void offersTheTwoFormatsWithVigilAsTheDefault() {
        assertThat(factory.configSpec().field("format").orElseThrow().options()).isEqualTo(List.of("vigil", "slack"));
        assertThat(factory.configSpec()
                        .validate(Map.of("url", "https://hooks.example.org/vigil"))
                        .string("format"))
                .isEqualTo("vigil");
        assertThat(factory.configSpec().field("secret").orElseThrow().secret()).isTrue();
    }
}
