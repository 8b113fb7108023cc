package io.vigil.notifier.chat;

import io.vigil.spi.notify.Notification;
import io.vigil.spi.notify.Notification.AlertNotice;
import io.vigil.spi.notify.Notification.ArticleNotice;
import io.vigil.spi.notify.Notification.Passage;
import io.vigil.spi.notify.Notification.Span;
import io.vigil.spi.testkit.Notifications;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Notifications for chat tests, beyond the test kit's: hostile text, crowded stories, big digests. */
public final class Notices {

    public static final String BASE_URL = "https://vigil.example";

    private Notices() {}

    /** The test kit's alert 7 of rule "Mosul" on story 42 ("Work starts on Story"). */
    public static Notification alert(String id) {
        return Notifications.single(id, Notifications.alert(7, 3, "Mosul", 42, "Story"));
    }

    /** An alert whose every text tries markup, links and mentions of its own. */
    public static Notification hostile(String id) {
        String passage = "<script>alert(1)</script> *bold* _it_ [x](https://evil.example) @everyone & <b>Mosul</b>";
        int mark = passage.indexOf("Mosul");
        AlertNotice notice = new AlertNotice(
                9,
                3,
                "Mosul <i>rule</i>",
                "Mosul",
                43,
                "<b>Breaking</b> & [click](https://evil.example) *now* @everyone </blockquote>",
                List.of(new ArticleNotice(
                        430,
                        "Title",
                        "javascript:alert(1)",
                        "Evil <a href=\"https://evil.example\">Wire</a> & Co",
                        Instant.parse("2025-03-03T14:05:00Z"))),
                List.of(new Passage(passage, List.of(new Span(mark, mark + 5)))),
                "/alerts/9");
        return Notifications.single(id, notice);
    }

    /** An alert on a story that thirty outlets carried. */
    public static Notification crowded(String id) {
        List<ArticleNotice> articles = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            articles.add(new ArticleNotice(
                    500 + i,
                    "Copy " + i,
                    "https://outlet" + i + ".example/story",
                    "Outlet " + i,
                    Instant.parse("2025-03-03T14:05:00Z").plusSeconds(i)));
        }
        AlertNotice notice = new AlertNotice(
                11,
                3,
                "Mosul",
                "Mosul",
                44,
                "Everyone reports it",
                articles,
                List.of(new Passage("Mosul again.", List.of(new Span(0, 5)))),
                "/alerts/11");
        return Notifications.single(id, notice);
    }

    /** A digest of {@code count} alerts over two rules, each with a long passage. */
    public static Notification digest(String id, int count) {
        AlertNotice[] alerts = new AlertNotice[count];
        String text =
                ("Engineers began work on the fortifications north of Mosul on Monday, officials said. ").repeat(6);
        for (int i = 0; i < count; i++) {
            int mark = text.indexOf("Mosul");
            alerts[i] = new AlertNotice(
                    100 + i,
                    i % 2 == 0 ? 3 : 4,
                    i % 2 == 0 ? "Mosul" : "Border wall",
                    "Mosul",
                    1000 + i,
                    "Digest story number " + i + " about the works north of the city",
                    List.of(new ArticleNotice(
                            2000 + i,
                            "Article " + i,
                            "https://news.example/" + i,
                            "Example News",
                            Instant.parse("2025-03-03T14:05:00Z"))),
                    List.of(new Passage(text, List.of(new Span(mark, mark + 5)))),
                    "/alerts/" + (100 + i));
        }
        return Notifications.digest(id, alerts);
    }

    /** A channel test. */
    public static Notification test(String id) {
        return new Notification(id, Notification.Kind.TEST, Notifications.CREATED, List.of());
    }
}
