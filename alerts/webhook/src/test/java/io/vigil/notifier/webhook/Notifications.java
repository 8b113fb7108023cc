package io.vigil.notifier.webhook;

import io.vigil.spi.notify.Notification;
import io.vigil.spi.notify.Notification.AlertNotice;
import io.vigil.spi.notify.Notification.ArticleNotice;
import io.vigil.spi.notify.Notification.Passage;
import io.vigil.spi.notify.Notification.Span;
import java.time.Instant;
import java.util.List;

/** Notifications as the alert engine will hand them over, for the tests. */
final class Notifications {

    static final Instant CREATED = Instant.parse("2025-03-03T14:10:00Z");

    private Notifications() {}

    static AlertNotice alert(long alertId, long ruleId, String ruleName, long storyId, String storyTitle) {
        String passage = "Engineers began work on the fortifications north of Mosul on Monday.";
        int start = passage.indexOf("fortifications");
        return new AlertNotice(
                alertId,
                ruleId,
                ruleName,
                "fortif* AND Mosul",
                storyId,
                storyTitle,
                List.of(new ArticleNotice(
                        storyId * 10,
                        "Work starts on " + storyTitle,
                        "https://news.example/articles/" + storyId,
                        "Example News",
                        Instant.parse("2025-03-03T14:05:00Z"))),
                List.of(new Passage(
                        passage,
                        List.of(
                                new Span(start, start + "fortifications".length()),
                                new Span(passage.indexOf("Mosul"), passage.indexOf("Mosul") + 5)))),
                "/alerts/" + alertId);
    }

    static Notification single(String id, AlertNotice alert) {
        return new Notification(id, Notification.Kind.ALERT, CREATED, List.of(alert));
    }

    static Notification digest(String id, AlertNotice... alerts) {
        return new Notification(id, Notification.Kind.DIGEST, CREATED, List.of(alerts));
    }
}
