package io.vigil.notifier.email;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.spi.mail.MailMessage;
import io.vigil.spi.notify.Notification;
import io.vigil.spi.notify.Notification.AlertNotice;
import io.vigil.spi.notify.Notification.Escalation;
import io.vigil.spi.testkit.Notifications;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** An escalation as an e-mail: it says the story is spreading, how far and how fast, and threads with the alert. */
class EscalationEmailTest {

    private final EmailComposer composer = new EmailComposer();

    @Test
    void saysHowManyOutletsCarriedTheStoryWithinWhatTime() {
        AlertNotice plain = Notifications.alert(7, 3, "Mosul fortifications", 42, "Mosul defences grow");
        AlertNotice escalated = new AlertNotice(
                plain.alertId(),
                plain.ruleId(),
                plain.ruleName(),
                plain.query(),
                plain.storyId(),
                plain.storyTitle(),
                plain.articles(),
                plain.passages(),
                plain.link(),
                "fortif* AND Mosul",
                new Escalation(4, Duration.ofHours(2), 5, Instant.parse("2025-03-03T15:00:00Z")));
        Notification escalation =
                new Notification("n-9", Notification.Kind.ESCALATION, Notifications.CREATED, List.of(escalated));

        MailMessage message =
                composer.compose(escalation, List.of("desk@example.org"), "[Vigil]", "Desk", "https://vigil.example");

        assertThat(message.subject()).isEqualTo("[Vigil] Escalation: Mosul fortifications: Mosul defences grow");
        assertThat(message.text())
                .contains("is spreading")
                .contains("Carried by 5 outlets within 2 hours of its first article (the rule asks for 4).")
                .contains("https://vigil.example/alerts/7");
        assertThat(message.headers()).containsEntry("X-Vigil-Kind", "escalation");
        assertThat(message.headers()).containsEntry("References", "<story-42.rule-3@vigil>");
    }
}
