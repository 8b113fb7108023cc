package io.vigil.engine.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.engine.fingerprint.Fingerprint;
import io.vigil.engine.story.StoryFinder;
import io.vigil.engine.story.StoryFinder.Placement;
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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.hibernate.Session;

/**
 * Inserts a batch of articles together with their stories — new stories, or existing ones counted up — on the storing
 * transaction's connection. The ingest pipeline's write path runs for every article, so it is plain SQL in JDBC
 * batches: one round trip for the new stories, one for the existing ones, and one multi-row insert for the articles
 * (per {@value #ROWS_PER_INSERT}), however many articles the batch holds.
 */
@ApplicationScoped
class ArticleRows {

    private static final String INSERT_STORY =
            "insert into story (title, article_count, first_seen_at, last_seen_at) values (?, ?, ?, ?)";

    private static final String COUNT_UP_STORY = "update story set article_count = article_count + ?,"
            + " last_seen_at = greatest(last_seen_at, ?) where id = ?";

    private static final String INSERT_ARTICLES =
            "insert into article (source_id, source_name, external_id, url, title, body, published_at, fetched_at,"
                    + " language, content_hash, minhash, sketch_bands, metadata, story_id) values ";

    private static final String ARTICLE_VALUES = "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, cast(? as jsonb), ?)";

    /**
     * At most this many articles go into one insert statement: 14 parameters each stay far below the protocol's
     * 65,535, and the statement texts pgjdbc prepares stay few (one per row count up to this).
     */
    static final int ROWS_PER_INSERT = 100;

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
     * Stores each article where {@code placements} says — the placement at the same index, as {@link
     * StoryFinder#placeAll} decided it — and answers, per article, where it is: the stored article, or for a
     * duplicate the article it duplicates.
     */
    List<Stored> insertAll(List<NewArticle> articles, List<Placement> placements) {
        if (articles.size() != placements.size()) {
            throw new IllegalArgumentException("one placement per article");
        }
        // Where each stored article's story comes from: an existing story's id, or the index of the article that
        // opens a new one.
        int[] opener = new int[articles.size()];
        Map<Integer, StoryTally> newStories = new LinkedHashMap<>();
        // Existing stories are counted up in id order, so two transactions joining the same stories lock their rows in
        // the same order and never deadlock.
        Map<Long, StoryTally> existingStories = new TreeMap<>();
        Long[] existingStory = new Long[articles.size()];
        for (int i = 0; i < articles.size(); i++) {
            Instant time = articles.get(i).time();
            switch (placements.get(i)) {
                case Placement.NewStory ignored -> {
                    opener[i] = i;
                    newStories.put(i, new StoryTally(articles.get(i).title(), time));
                }
                case Placement.JoinBatchMate mate -> {
                    opener[i] = opener[mate.earlier()];
                    existingStory[i] = existingStory[mate.earlier()];
                    (existingStory[i] != null ? existingStories.get(existingStory[i]) : newStories.get(opener[i]))
                            .add(time);
                }
                case Placement.JoinStory join -> {
                    opener[i] = -1;
                    existingStory[i] = join.storyId();
                    existingStories
                            .computeIfAbsent(join.storyId(), id -> new StoryTally(null, time))
                            .add(time);
                }
                case Placement.Duplicate ignored -> opener[i] = -1;
                case Placement.DuplicateInBatch ignored -> opener[i] = -1;
            }
        }
        return entityManager.unwrap(Session.class).doReturningWork(connection -> {
            Map<Integer, Long> newStoryIds = insertStories(connection, newStories);
            countUp(connection, existingStories);
            long[] storyIds = new long[articles.size()];
            List<Integer> toInsert = new ArrayList<>();
            for (int i = 0; i < articles.size(); i++) {
                Placement placement = placements.get(i);
                if (placement instanceof Placement.Duplicate || placement instanceof Placement.DuplicateInBatch) {
                    continue;
                }
                storyIds[i] = existingStory[i] != null ? existingStory[i] : newStoryIds.get(opener[i]);
                toInsert.add(i);
            }
            long[] articleIds = new long[articles.size()];
            for (int from = 0; from < toInsert.size(); from += ROWS_PER_INSERT) {
                insertArticles(
                        connection,
                        articles,
                        storyIds,
                        toInsert.subList(from, Math.min(toInsert.size(), from + ROWS_PER_INSERT)),
                        articleIds);
            }
            List<Stored> stored = new ArrayList<>(articles.size());
            for (int i = 0; i < articles.size(); i++) {
                stored.add(
                        switch (placements.get(i)) {
                            case Placement.Duplicate copy -> new Stored(copy.articleId(), copy.storyId());
                            case Placement.DuplicateInBatch copy -> stored.get(copy.earlier());
                            default -> new Stored(articleIds[i], storyIds[i]);
                        });
            }
            return stored;
        });
    }

    /** A story's share of the batch: its title when new, how many articles join it, and the latest one's time. */
    private static final class StoryTally {
        final String title;
        final Instant firstSeen;
        Instant lastSeen;
        int articles;

        StoryTally(String title, Instant time) {
            this.title = title;
            this.firstSeen = time;
            this.lastSeen = time;
        }

        void add(Instant time) {
            articles++;
            if (time.isAfter(lastSeen)) {
                lastSeen = time;
            }
        }
    }

    private static Map<Integer, Long> insertStories(Connection connection, Map<Integer, StoryTally> stories)
            throws SQLException {
        Map<Integer, Long> ids = new HashMap<>();
        if (stories.isEmpty()) {
            return ids;
        }
        try (PreparedStatement insert = connection.prepareStatement(INSERT_STORY, new String[] {"id"})) {
            for (StoryTally story : stories.values()) {
                insert.setString(1, story.title);
                insert.setInt(2, story.articles + 1);
                insert.setTimestamp(3, Timestamp.from(story.firstSeen));
                insert.setTimestamp(4, Timestamp.from(story.lastSeen));
                insert.addBatch();
            }
            insert.executeBatch();
            try (ResultSet keys = insert.getGeneratedKeys()) {
                for (Integer opener : stories.keySet()) {
                    if (!keys.next()) {
                        throw new IllegalStateException("the archive returned fewer story ids than stories");
                    }
                    ids.put(opener, keys.getLong(1));
                }
            }
        }
        return ids;
    }

    private static void countUp(Connection connection, Map<Long, StoryTally> stories) throws SQLException {
        if (stories.isEmpty()) {
            return;
        }
        try (PreparedStatement update = connection.prepareStatement(COUNT_UP_STORY)) {
            for (Map.Entry<Long, StoryTally> story : stories.entrySet()) {
                update.setInt(1, story.getValue().articles);
                update.setTimestamp(2, Timestamp.from(story.getValue().lastSeen));
                update.setLong(3, story.getKey());
                update.addBatch();
            }
            for (int updated : update.executeBatch()) {
                if (updated == 0) {
                    throw new IllegalStateException("a story vanished while storing an article");
                }
            }
        }
    }

    /**
     * Inserts the articles at {@code rows} in one statement and records their ids in {@code articleIds}. One
     * multi-row insert rather than a JDBC batch of single-row ones, because PostgreSQL pays for each statement's
     * executor start (the partition's routing, its generated full-text column's expression, its triggers and foreign
     * keys) once per statement: 0.06–0.09 ms less of its CPU an article for five at a time, measured in isolation (docs/benchmarks.md, "PostgreSQL's
     * work per push").
     */
    private void insertArticles(
            Connection connection, List<NewArticle> articles, long[] storyIds, List<Integer> rows, long[] articleIds)
            throws SQLException {
        StringBuilder sql = new StringBuilder(INSERT_ARTICLES);
        for (int row = 0; row < rows.size(); row++) {
            sql.append(row == 0 ? "" : ", ").append(ARTICLE_VALUES);
        }
        sql.append(" returning id, content_hash");
        try (PreparedStatement insert = connection.prepareStatement(sql.toString())) {
            int next = 1;
            for (int i : rows) {
                next = bindArticle(connection, insert, next, articles.get(i), storyIds[i]);
            }
            try (ResultSet keys = insert.executeQuery()) {
                // PostgreSQL returns a VALUES list's rows in its order; the hash makes sure of it.
                for (int i : rows) {
                    if (!keys.next()) {
                        throw new IllegalStateException("the archive returned fewer article ids than rows");
                    }
                    if (!articles.get(i).fingerprint().contentHash().equals(keys.getString(2))) {
                        throw new IllegalStateException("the archive returned article ids out of order");
                    }
                    articleIds[i] = keys.getLong(1);
                }
            }
        }
    }

    /** Binds one article's 14 values from parameter {@code next} on; returns the parameter after them. */
    private int bindArticle(Connection connection, PreparedStatement insert, int next, NewArticle article, long storyId)
            throws SQLException {
        String metadata;
        try {
            metadata = json.writeValueAsString(article.metadata());
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("metadata cannot be written as JSON", e);
        }
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
        insert.setString(next++, metadata);
        insert.setLong(next++, storyId);
        return next;
    }
}
