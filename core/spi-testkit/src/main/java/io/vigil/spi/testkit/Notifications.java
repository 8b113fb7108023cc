package io.vigil.spi.testkit;

import io.vigil.spi.notify.Notification;
import io.vigil.spi.notify.Notification.AlertNotice;
import io.vigil.spi.notify.Notification.ArticleNotice;
import io.vigil.spi.notify.Notification.Passage;
import io.vigil.spi.notify.Notification.Span;
import java.time.Instant;
import java.util.List;

/**
 * Notifications as the alert engine hands them to a notifier, for notifier tests: every alert reports one article and
 * one passage with two marks, "fortifications" and "Mosul", and relative links as the engine writes them.
 */
public final class Notifications {

    /** When every notification made here was created. */
    public static final Instant CREATED = Instant.parse("2025-03-03T14:10:00Z");

    private Notifications() {}

    /** An alert of the rule {@code fortif* AND Mosul} on a story; the link is {@code /alerts/<alertId>}. */
    public static AlertNotice alert(long alertId, long ruleId, String ruleName, long storyId, String storyTitle) {
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

    /** A notification of one alert. */
    public static Notification single(String id, AlertNotice alert) {
        return new Notification(id, Notification.Kind.ALERT, CREATED, List.of(alert));
    }

    /** A digest of the alerts, in the order given. */
    public static Notification digest(String id, AlertNotice... alerts) {
        return new Notification(id, Notification.Kind.DIGEST, CREATED, List.of(alerts));
    }
}
