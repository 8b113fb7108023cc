package io.vigil.notifier.webhook;

import io.vigil.spi.notify.MarkedPassage;
import io.vigil.spi.notify.Notification;
import io.vigil.spi.notify.Notification.AlertNotice;
import io.vigil.spi.notify.Notification.ArticleNotice;
import io.vigil.spi.notify.Notification.Span;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;

/**
 * Version 1 of the JSON document the {@code vigil} format posts; {@code docs/webhooks.md} documents it with a JSON
 * Schema, and that schema is the contract: add fields freely, but rename or remove one only in a version 2.
 *
 * <p>Jackson writes the components in declaration order, which keeps the document readable in logs.
 *
 * <p>Version 1 knows no {@code escalation} type: a channel that keeps version 1 gets an escalation as an {@code update}
 * (the story grew), which is what it is to a version 1 receiver; {@link VigilPayloadV2} names it.
 *
 * @param version always 1 for this shape
 * @param type {@code alert}, {@code update}, {@code digest} or {@code test}
 * @param id the notification id, the same as the {@code webhook-id} header and on every retry
 * @param createdAt when Vigil created the notification, ISO-8601 UTC
 * @param alerts one for {@code alert} and {@code update}, several for {@code digest}, none for {@code test}
 */
record VigilPayload(int version, String type, String id, String createdAt, List<Alert> alerts) {

    static final int VERSION = 1;

    /** An alert: a rule matched a story. */
    record Alert(long id, String link, Rule rule, Story story, List<Article> articles, List<MatchedPassage> passages) {}

    record Rule(long id, String name, String query) {}

    record Story(long id, String title) {}

    /** An article; {@code url}, {@code source} and {@code publishedAt} are {@code null} when unknown. */
    record Article(long id, String title, String url, String source, String publishedAt) {
        /** The article of a notice, as both payload versions write it. */
        static Article of(ArticleNotice article) {
            Instant published = article.publishedAt();
            return new Article(
                    article.articleId(),
                    article.title(),
                    article.url(),
                    article.source(),
                    published == null ? null : published.toString());
        }
    }

    /** A passage with its marks as spans and, for receivers that only display, already marked up. */
    record MatchedPassage(String text, List<Mark> marks, String markedText, String markedHtml) {}

    /** {@code [start, end)} in UTF-16 code units of {@code text}. */
    record Mark(int start, int end) {}

    static VigilPayload from(Notification notification, String baseUrl) {
        Notification.Kind kind =
                notification.kind() == Notification.Kind.ESCALATION ? Notification.Kind.UPDATE : notification.kind();
        return new VigilPayload(
                VERSION,
                kind.name().toLowerCase(Locale.ROOT),
                notification.id(),
                notification.createdAt().toString(),
                notification.alerts().stream()
                        .map(alert -> alert(alert, baseUrl))
                        .toList());
    }

    private static Alert alert(AlertNotice alert, String baseUrl) {
        return new Alert(
                alert.alertId(),
                Links.absolute(alert.link(), baseUrl),
                new Rule(alert.ruleId(), alert.ruleName(), alert.query()),
                new Story(alert.storyId(), alert.storyTitle()),
                alert.articles().stream().map(Article::of).toList(),
                alert.passages().stream()
                        .map(MarkedPassage::of)
                        .map(VigilPayload::passage)
                        .toList());
    }

    private static MatchedPassage passage(MarkedPassage passage) {
        return new MatchedPassage(
                passage.text(),
                passage.marks().stream().map(VigilPayload::mark).toList(),
                passage.render(UnaryOperator.identity(), "\u00ab", "\u00bb"),
                passage.html());
    }

    private static Mark mark(Span span) {
        return new Mark(span.start(), span.end());
    }
}
