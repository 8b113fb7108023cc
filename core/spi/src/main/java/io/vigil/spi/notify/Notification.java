package io.vigil.spi.notify;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One message to deliver: a single alert, an update of a grown story, a digest of many, or a channel test.
 *
 * @param id stable across all delivery attempts; receivers use it to drop repeats
 * @param kind why it is sent
 * @param createdAt when it was written to the outbox
 * @param alerts the alerts it reports; one for {@link Kind#ALERT} and {@link Kind#UPDATE}, several for a digest, none
 *     for a test
 */
public record Notification(String id, Kind kind, Instant createdAt, List<AlertNotice> alerts) {

    public enum Kind {
        ALERT,
        UPDATE,
        DIGEST,
        TEST
    }

    public Notification {
        Objects.requireNonNull(id, "id is null");
        Objects.requireNonNull(kind, "kind is null");
        Objects.requireNonNull(createdAt, "createdAt is null");
        alerts = List.copyOf(alerts);
    }

    /**
     * One alert: a rule matched a story.
     *
     * @param alertId the alert's id in Vigil
     * @param ruleId the rule's id
     * @param ruleName the rule's name
     * @param query the rule expression
     * @param storyId the story's id
     * @param storyTitle the story's headline
     * @param articles the articles of the story that matched, oldest first
     * @param passages the matched passages
     * @param link where to read the alert in Vigil
     */
    public record AlertNotice(
            long alertId,
            long ruleId,
            String ruleName,
            String query,
            long storyId,
            String storyTitle,
            List<ArticleNotice> articles,
            List<Passage> passages,
            String link) {
        public AlertNotice {
            articles = List.copyOf(articles);
            passages = List.copyOf(passages);
        }
    }

    /** An article of a story as a notification shows it. */
    public record ArticleNotice(long articleId, String title, String url, String source, Instant publishedAt) {}

    /**
     * A matched passage: plain text and the spans of it that matched, so each channel marks them its own way
     * (HTML {@code <mark>}, Slack {@code *bold*}).
     */
    public record Passage(String text, List<Span> marks) {
        public Passage {
            marks = List.copyOf(marks);
        }
    }

    /** A marked span of a passage: {@code [start, end)} character offsets. */
    public record Span(int start, int end) {}
}
