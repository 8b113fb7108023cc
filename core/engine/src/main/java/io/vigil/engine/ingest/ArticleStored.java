package io.vigil.engine.ingest;

import java.time.Instant;

/**
 * A new article was stored; fired synchronously inside the storing transaction, so an observer's writes (matches,
 * alerts, outbox rows) commit or roll back together with the article.
 *
 * @param articleId the new article
 * @param storyId its story
 * @param newStory whether this article opened the story
 * @param title the clean headline
 * @param body the clean text
 * @param sourceName the outlet
 * @param language the language code, or {@code null}
 * @param time when it was published, or fetched when that is unknown
 */
public record ArticleStored(
        long articleId,
        long storyId,
        boolean newStory,
        String title,
        String body,
        String sourceName,
        String language,
        Instant time) {}
