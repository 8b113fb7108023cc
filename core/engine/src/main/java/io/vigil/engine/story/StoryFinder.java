package io.vigil.engine.story;

import io.vigil.engine.fingerprint.Fingerprint;
import io.vigil.engine.fingerprint.Fingerprinter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import org.hibernate.Session;

/**
 * Decides where a new article belongs: nowhere (its outlet already has the same content), the story of an exact copy
 * from another outlet, the story of the most similar near copy among the articles sharing a locality-sensitive band
 * with it, or a story of its own — answered in one query, because this runs for every ingested article.
 *
 * <p>Must run inside the storing transaction, after {@link #beginStoryDecisions}.
 */
@ApplicationScoped
public class StoryFinder {

    /** How many band-sharing candidates are compared in full; the newest first, as stories are mostly recent. */
    static final int MAX_CANDIDATES = 200;

    /** An arbitrary key for the PostgreSQL advisory lock that serialises story decisions across instances. */
    private static final long STORY_ASSIGNMENT_LOCK = 0x56494749_4C53L;

    @Inject
    EntityManager entityManager;

    /** Where an article goes. */
    public sealed interface Placement {
        /** The outlet already has this content: nothing to store. */
        record Duplicate(long articleId, String title, long storyId) implements Placement {}

        /** Store it in this existing story. */
        record JoinStory(long storyId) implements Placement {}

        /** Store it as the first article of a new story. */
        record NewStory() implements Placement {}
    }

    /**
     * Serialises story decisions until the current transaction ends, across every Vigil sharing the database, and sets
     * whether its commit waits for the disk — one round trip for both.
     */
    public void beginStoryDecisions(boolean synchronousCommit) {
        entityManager
                .createNativeQuery("select pg_advisory_xact_lock(?1), set_config('synchronous_commit', ?2, true)")
                .setParameter(1, STORY_ASSIGNMENT_LOCK)
                .setParameter(2, synchronousCommit ? "on" : "off")
                .getSingleResult();
    }

    /** Where an article with this fingerprint from this outlet belongs. */
    public Placement place(String outlet, Fingerprint fingerprint) {
        return entityManager.unwrap(Session.class).doReturningWork(connection -> {
            Long[] bands = new Long[fingerprint.bands().length];
            for (int i = 0; i < bands.length; i++) {
                bands[i] = fingerprint.bands()[i];
            }
            Array bandArray = connection.createArrayOf("bigint", bands);
            // story_candidates (migration V7) pins the plan to the hash and band indexes; see there why.
            try (PreparedStatement query =
                    connection.prepareStatement("select kind, id, title, story_id, minhash from story_candidates(?, ?, ?, ?)")) {
                query.setString(1, fingerprint.contentHash());
                query.setString(2, outlet);
                query.setArray(3, bandArray);
                query.setInt(4, MAX_CANDIDATES);
                Placement placement = new Placement.NewStory();
                double bestSimilarity = -1;
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        int kind = rows.getInt(1);
                        if (kind == 1) {
                            return new Placement.Duplicate(rows.getLong(2), rows.getString(3), rows.getLong(4));
                        }
                        if (kind == 2) {
                            placement = new Placement.JoinStory(rows.getLong(4));
                            bestSimilarity = 1.0;
                            continue;
                        }
                        double similarity = Fingerprinter.similarity(fingerprint.minHashes(), ints(rows.getArray(5)));
                        if (similarity >= Fingerprinter.SAME_STORY_THRESHOLD && similarity > bestSimilarity) {
                            bestSimilarity = similarity;
                            placement = new Placement.JoinStory(rows.getLong(4));
                        }
                    }
                }
                return placement;
            } finally {
                bandArray.free();
            }
        });
    }

    private static int[] ints(Array array) throws java.sql.SQLException {
        Integer[] stored = (Integer[]) array.getArray();
        int[] values = new int[stored.length];
        for (int i = 0; i < stored.length; i++) {
            values[i] = stored[i];
        }
        return values;
    }
}
