package io.vigil.engine.alert;

import io.vigil.engine.rule.Snippet;
import java.time.Instant;
import java.util.List;

/**
 * An alert as the inbox, the alert page, feeds and the API show it: the rule and story it joins, who handled it, and
 * the story's matching articles with the passages that matched in each.
 *
 * @param title the headline of the article that opened it
 * @param storyTitle the story's headline now
 * @param acknowledgedAt when someone acknowledged it, or {@code null}
 * @param acknowledgedBy who did (their username), or {@code null}
 * @param judgedBy who gave the current feedback, or {@code null} while it is unjudged
 * @param escalatedAt when the story reached the rule's escalation threshold, or {@code null}
 * @param escalatedOutlets the distinct outlets it had reached then, or {@code null}
 * @param matchedTerms the rule terms found in the article that opened it
 * @param articles the opening article first, then those that joined, oldest first; at most as many as asked for
 */
public record AlertView(
        long id,
        long ruleId,
        String ruleName,
        long storyId,
        String title,
        String storyTitle,
        int articleCount,
        Instant createdAt,
        Instant updatedAt,
        boolean muted,
        Instant acknowledgedAt,
        String acknowledgedBy,
        Feedback feedback,
        String judgedBy,
        Instant judgedAt,
        Instant escalatedAt,
        Integer escalatedOutlets,
        List<String> matchedTerms,
        List<AlertArticle> articles) {

    public AlertView {
        matchedTerms = List.copyOf(matchedTerms);
        articles = List.copyOf(articles);
    }

    /**
     * An article of the alert's story that matched its rule.
     *
     * @param time when it was published, or fetched when its outlet gave no time
     * @param passages the passages that matched in it, with the marks and the clause each mark satisfied
     */
    public record AlertArticle(long id, String title, String source, String url, Instant time, List<Snippet> passages) {
        public AlertArticle {
            passages = List.copyOf(passages);
        }
    }

    public boolean acknowledged() {
        return acknowledgedAt != null;
    }

    public boolean escalated() {
        return escalatedAt != null;
    }

    /** The passages of the article that opened the alert. */
    public List<Snippet> openingPassages() {
        return articles.isEmpty() ? List.of() : articles.get(0).passages();
    }

    /** The distinct outlets of its articles, in the order they first carried the story. */
    public List<String> outlets() {
        return articles.stream().map(AlertArticle::source).distinct().toList();
    }
}
