package io.vigil.notifier.webhook;

import io.vigil.notifier.webhook.VigilPayload.Article;
import io.vigil.notifier.webhook.VigilPayload.Story;
import io.vigil.spi.notify.MarkedPassage;
import io.vigil.spi.notify.Notification;
import io.vigil.spi.notify.Notification.AlertNotice;
import io.vigil.spi.notify.Notification.Escalation;
import io.vigil.spi.notify.Notification.Span;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;

/**
 * Version 2 of the {@code vigil} document, what a channel with {@code version} 2 posts: version 1's fields with the
 * same meaning, plus how the rule was read, the term and clause behind every mark, and the {@code escalation} type
 * with what the story reached. {@code payload-v2.schema.json} (published in {@code docs/webhooks.md}) is the contract:
 * fields may be added within version 2, none renamed or removed.
 *
 * @param version always 2
 * @param type {@code alert}, {@code update}, {@code digest}, {@code escalation} or {@code test}
 */
record VigilPayloadV2(int version, String type, String id, String createdAt, List<Alert> alerts) {

    static final int VERSION = 2;

    /**
     * An alert: a rule matched a story.
     *
     * @param escalation what the story reached, for {@code escalation}; {@code null} otherwise
     */
    record Alert(
            long id,
            String link,
            Rule rule,
            Story story,
            List<Article> articles,
            List<MatchedPassage> passages,
            EscalationJson escalation) {}

    /** The rule; {@code reading} is the expression as Vigil read it (fully parenthesised), or {@code null}. */
    record Rule(long id, String name, String query, String reading) {}

    /**
     * A passage with its marks and, for receivers that only display, already marked up.
     *
     * @param clauses the distinct clauses of the rule its marks satisfied, in order
     */
    record MatchedPassage(String text, List<Mark> marks, String markedText, String markedHtml, List<String> clauses) {}

    /** {@code [start, end)} in UTF-16 code units of {@code text}, the rule term and the clause it satisfied. */
    record Mark(int start, int end, String term, String clause) {}

    /** The rule's threshold (outlets within a time) and the distinct outlets the story reached. */
    record EscalationJson(int threshold, String within, int outlets, String escalatedAt) {}

    static VigilPayloadV2 from(Notification notification, String baseUrl) {
        return new VigilPayloadV2(
                VERSION,
                notification.kind().name().toLowerCase(Locale.ROOT),
                notification.id(),
                notification.createdAt().toString(),
                notification.alerts().stream()
                        .map(alert -> alert(alert, baseUrl))
                        .toList());
    }

    private static Alert alert(AlertNotice alert, String baseUrl) {
        Escalation escalation = alert.escalation();
        return new Alert(
                alert.alertId(),
                Links.absolute(alert.link(), baseUrl),
                new Rule(alert.ruleId(), alert.ruleName(), alert.query(), alert.ruleReading()),
                new Story(alert.storyId(), alert.storyTitle()),
                alert.articles().stream().map(Article::of).toList(),
                alert.passages().stream()
                        .map(MarkedPassage::of)
                        .map(VigilPayloadV2::passage)
                        .toList(),
                escalation == null
                        ? null
                        : new EscalationJson(
                                escalation.threshold(),
                                escalation.within().toString(),
                                escalation.outlets(),
                                escalation.escalatedAt().toString()));
    }

    private static MatchedPassage passage(MarkedPassage passage) {
        return new MatchedPassage(
                passage.text(),
                passage.marks().stream().map(VigilPayloadV2::mark).toList(),
                passage.render(UnaryOperator.identity(), "\u00ab", "\u00bb"),
                passage.html(),
                passage.clauses());
    }

    private static Mark mark(Span span) {
        return new Mark(span.start(), span.end(), span.term(), span.clause());
    }
}
