package io.vigil.engine.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.engine.fingerprint.Fingerprint;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.Map;
import org.hibernate.Session;

/**
 * Inserts an article together with its story — a new story, or the existing one counted up — in one statement on the
 * storing transaction's connection. The ingest pipeline's write path runs for every article, so it is plain SQL with
 * one round trip rather than entity persists with three.
 */
@ApplicationScoped
class ArticleRows {

    private static final String ARTICLE_COLUMNS =
            "insert into article (source_id, source_name, external_id, url, title, body, published_at, fetched_at,"
                    + " language, content_hash, minhash, sketch_bands, metadata, story_id)";

    private static final String ARTICLE_VALUES =
            " select ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, cast(? as jsonb), story.id";

    private static final String INTO_NEW_STORY = "with story as (insert into story (title, article_count,"
            + " first_seen_at, last_seen_at) values (?, 1, ?, ?) returning id) "
            + ARTICLE_COLUMNS + ARTICLE_VALUES + " from story returning id, story_id";

    private static final String INTO_EXISTING_STORY = "with story as (update story set article_count ="
            + " article_count + 1, last_seen_at = greatest(last_seen_at, ?) where id = ? returning id) "
            + ARTICLE_COLUMNS + ARTICLE_VALUES + " from story returning id, story_id";

    @Inject
    EntityManager entityManager;

    @Inject
    ObjectMapper json;

    /** One article to store. */
    record NewArticle(
            Long sourceId,
            String sourceName,
            String externalId,
            String url,
            String title,
            String body,
            Instant publishedAt,
            Instant fetchedAt,
            String language,
            Fingerprint fingerprint,
            Map<String, String> metadata) {

        Instant time() {
            return publishedAt != null ? publishedAt : fetchedAt;
        }
    }

    /** The stored article's id and its story's. */
    record Stored(long articleId, long storyId) {}

    /**
     * Stores the article in the story {@code storyId}, or in a new story titled after it when {@code storyId} is
     * {@code null}.
     */
    Stored insert(NewArticle article, Long storyId) {
        String metadata;
        try {
            metadata = json.writeValueAsString(article.metadata());
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("metadata cannot be written as JSON", e);
        }
        return entityManager.unwrap(Session.class).doReturningWork(connection -> {
            try (PreparedStatement insert =
                    connection.prepareStatement(storyId == null ? INTO_NEW_STORY : INTO_EXISTING_STORY)) {
                Timestamp time = Timestamp.from(article.time());
                int next = 1;
                if (storyId == null) {
                    insert.setString(next++, article.title());
                    insert.setTimestamp(next++, time);
                    insert.setTimestamp(next++, time);
                } else {
                    insert.setTimestamp(next++, time);
                    insert.setLong(next++, storyId);
                }
                bindArticle(connection, insert, next, article, metadata);
                try (ResultSet row = insert.executeQuery()) {
                    if (!row.next()) {
                        throw new IllegalStateException("story " + storyId + " vanished while storing an article");
                    }
                    return new Stored(row.getLong(1), row.getLong(2));
                }
            }
        });
    }

    private static void bindArticle(
            Connection connection, PreparedStatement insert, int first, NewArticle article, String metadata)
            throws SQLException {
        int next = first;
        if (article.sourceId() == null) {
            insert.setNull(next++, Types.BIGINT);
        } else {
            insert.setLong(next++, article.sourceId());
        }
        insert.setString(next++, article.sourceName());
        insert.setString(next++, article.externalId());
        insert.setString(next++, article.url());
        insert.setString(next++, article.title());
        insert.setString(next++, article.body());
        insert.setTimestamp(next++, article.publishedAt() == null ? null : Timestamp.from(article.publishedAt()));
        insert.setTimestamp(next++, Timestamp.from(article.fetchedAt()));
        insert.setString(next++, article.language());
        insert.setString(next++, article.fingerprint().contentHash());
        int[] minHashes = article.fingerprint().minHashes();
        Integer[] boxedHashes = new Integer[minHashes.length];
        for (int i = 0; i < minHashes.length; i++) {
            boxedHashes[i] = minHashes[i];
        }
        insert.setArray(next++, connection.createArrayOf("integer", boxedHashes));
        long[] bands = article.fingerprint().bands();
        Long[] boxedBands = new Long[bands.length];
        for (int i = 0; i < bands.length; i++) {
            boxedBands[i] = bands[i];
        }
        insert.setArray(next++, connection.createArrayOf("bigint", boxedBands));
        insert.setString(next, metadata);
    }
}
