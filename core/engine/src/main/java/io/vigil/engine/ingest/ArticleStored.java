package io.vigil.engine.ingest;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A new article was stored; fired synchronously inside the storing transaction, so an observer's writes (matches,
 * alerts, outbox rows) commit or roll back together with the article. Observers only write: whatever they need to
 * compute (analysis, matching) was computed before the transaction by a {@link BeforeStoring} and comes in
 * {@link #prepared}.
 *
 * @param articleId the new article
 * @param storyId its story
 * @param newStory whether this article opened the story
 * @param title the clean headline
 * @param body the clean text
 * @param sourceName the outlet
 * @param language the language code, or {@code null}
 * @param time when it was published, or fetched when that is unknown
 * @param prepared what each {@link BeforeStoring} made of the article before the transaction opened
 */
public record ArticleStored(
        long articleId,
        long storyId,
        boolean newStory,
        String title,
        String body,
        String sourceName,
        String language,
        Instant time,
        List<Object> prepared) {

    public ArticleStored {
        prepared = List.copyOf(prepared);
    }

    /** What a {@link BeforeStoring} of type {@code type} prepared for this article, if one did. */
    public <T> Optional<T> prepared(Class<T> type) {
        return prepared.stream().filter(type::isInstance).map(type::cast).findFirst();
    }
}
