package io.vigil.engine.websub;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** How a subscription's secret is replaced at each subscribe request and how long the one before stays accepted. */
class WebSubSubscriptionTest {

    private static final Instant START = Instant.parse("2026-12-01T00:00:00Z");
    private static final Duration ASKED = Duration.ofHours(240);

    private static WebSubSubscription verifiedWith(String secret) {
        WebSubSubscription subscription = WebSubSubscription.forSource(1, "https://hub.example/", "https://f/", START);
        subscription.replaceSecret(secret);
        subscription.verified(3600, START, ASKED);
        return subscription;
    }

    @Test
    void aRenewalKeepsTheVerifiedSecretUntilTheLeaseItSignsForEnds() {
        WebSubSubscription subscription = verifiedWith("first");
        int firstVersion = subscription.secretVersion;

        subscription.replaceSecret("second");

        assertThat(subscription.secret).isEqualTo("second");
        assertThat(subscription.secretVersion).isEqualTo(firstVersion + 1);
        assertThat(subscription.previousSecret).isEqualTo("first");
        assertThat(subscription.previousSecretVersion).isEqualTo(firstVersion);
        assertThat(subscription.previousSecretAccepted(START.plusSeconds(3599))).isTrue();
        assertThat(subscription.previousSecretAccepted(START.plusSeconds(3600))).isFalse();
    }

    @Test
    void theHubVerifyingTheNewSecretRetiresTheOldOneAnHourLater() {
        WebSubSubscription subscription = WebSubSubscription.forSource(1, "https://hub.example/", "https://f/", START);
        subscription.replaceSecret("first");
        subscription.verified(86_400, START, ASKED);
        subscription.replaceSecret("second");
        Instant renewed = START.plus(Duration.ofHours(19));

        subscription.verified(86_400, renewed, ASKED);

        assertThat(subscription.previousSecretAccepted(renewed.plus(Duration.ofMinutes(59))))
                .isTrue();
        assertThat(subscription.previousSecretAccepted(renewed.plus(Duration.ofMinutes(60))))
                .isFalse();
    }

    @Test
    void aSecretTheHubNeverVerifiedIsDroppedNotKept() {
        WebSubSubscription subscription = verifiedWith("first");
        subscription.replaceSecret("unverified");

        subscription.replaceSecret("third");

        assertThat(subscription.secret).isEqualTo("third");
        assertThat(subscription.previousSecret)
                .as("the hub still signs with the one it verified")
                .isEqualTo("first");
    }

    @Test
    void aLeaseLongerThanAskedIsRenewedAsIfItWereTheOneAsked() {
        WebSubSubscription subscription = WebSubSubscription.forSource(1, "https://hub.example/", "https://f/", START);

        subscription.verified(Integer.MAX_VALUE, START, ASKED);

        assertThat(subscription.expiresAt).isEqualTo(START.plusSeconds(Integer.MAX_VALUE));
        assertThat(subscription.nextActionAt)
                .isEqualTo(START.plus(ASKED.multipliedBy(4).dividedBy(5)));
    }
}
