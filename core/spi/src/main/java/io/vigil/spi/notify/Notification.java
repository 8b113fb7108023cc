package io.vigil.spi.notify;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One message to deliver: a single alert, an update of a grown story, a digest of many, or a channel test.
 *
 * @param id stable across all delivery attempts; receivers use it to drop repeats
 * @param kind why it is sent
 * @param createdAt when it was written to the outbox
 * @param alerts the alerts it reports; one for {@link Kind#ALERT}, {@link Kind#UPDATE} and {@link Kind#ESCALATION},
 *     several for a digest, none for a test
 */
public record Notification(String id, Kind kind, Instant createdAt, List<AlertNotice> alerts) {

    /** Why a notification is sent. A notifier that switches over it must handle every kind. */
    public enum Kind {
        /** A story matched a rule for the first time. */
        ALERT,
        /** A story the rule alerted on is carried by more outlets. */
        UPDATE,
        /** The hourly, daily or weekly collection of a rule's alerts. */
        DIGEST,
        /** A channel test, with no alerts. */
        TEST,
        /**
         * A story reached the rule's escalation threshold: so many distinct outlets within so long of its first article
         * ({@link AlertNotice#escalation()}). Sent once per alert.
         */
        ESCALATION
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
     * @param ruleReading how Vigil read the rule expression, such as {@code (border fortification) OR (wall AND Iraq)}
     *     for a query rule; {@code null} when the rule type does not say
     * @param escalation the escalation the story reached, for {@link Kind#ESCALATION}; otherwise {@code null}
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
            String link,
            String ruleReading,
            Escalation escalation) {
        public AlertNotice {
            articles = List.copyOf(articles);
            passages = List.copyOf(passages);
        }

        /** An alert without a reading of its rule and without escalation, as notifiers before both were made. */
        public AlertNotice(
                long alertId,
                long ruleId,
                String ruleName,
                String query,
                long storyId,
                String storyTitle,
                List<ArticleNotice> articles,
                List<Passage> passages,
                String link) {
            this(alertId, ruleId, ruleName, query, storyId, storyTitle, articles, passages, link, null, null);
        }

        /** The distinct outlets among {@link #articles()}, in the order they first carried the story. */
        public List<String> outlets() {
            return articles.stream()
                    .map(ArticleNotice::source)
                    .filter(source -> source != null && !source.isBlank())
                    .distinct()
                    .toList();
        }
    }

    /**
     * A rule's escalation threshold, and what the story reached.
     *
     * @param threshold the distinct outlets the rule asks for
     * @param within how soon after the story's first article they must carry it
     * @param outlets the distinct outlets that carried it within that time when it escalated
     * @param escalatedAt when Vigil saw the threshold reached
     */
    public record Escalation(int threshold, Duration within, int outlets, Instant escalatedAt) {
        public Escalation {
            Objects.requireNonNull(within, "within is null");
            Objects.requireNonNull(escalatedAt, "escalatedAt is null");
        }

        /**
         * The escalation in one sentence, the same in every channel: "Carried by 5 outlets within 1 hour of its first
         * article (the rule asks for 4)."
         */
        public String sentence() {
            return "Carried by " + outlets + (outlets == 1 ? " outlet" : " outlets") + " within " + spoken(within)
                    + " of its first article (the rule asks for " + threshold + ").";
        }

        /** A duration as people say it: "1 hour", "90 minutes", "2 days". */
        private static String spoken(Duration duration) {
            long minutes = duration.toMinutes();
            if (minutes > 0 && minutes % (60 * 24) == 0) {
                return plural(minutes / (60 * 24), "day");
            }
            if (minutes > 0 && minutes % 60 == 0) {
                return plural(minutes / 60, "hour");
            }
            return plural(minutes, "minute");
        }

        private static String plural(long n, String unit) {
            return n + " " + unit + (n == 1 ? "" : "s");
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

    /**
     * A marked span of a passage: {@code [start, end)} character offsets, and why it is marked.
     *
     * @param term the rule term the span satisfied, as the user wrote it; {@code null} when unknown
     * @param clause the clause of the rule the term belongs to, as Vigil read the rule (a top-level operand of an
     *     {@code AND} or {@code OR}, or the whole rule); {@code null} when unknown
     */
    public record Span(int start, int end, String term, String clause) {

        /** A span without its term and clause. */
        public Span(int start, int end) {
            this(start, end, null, null);
        }
    }
}
