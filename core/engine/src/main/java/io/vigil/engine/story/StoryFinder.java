package io.vigil.engine.story;

import io.vigil.engine.fingerprint.Fingerprint;
import io.vigil.engine.fingerprint.Fingerprinter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import org.hibernate.Session;

/**
 * Decides where new articles belong: nowhere (their outlet already has the same content), the story of an exact copy
 * from another outlet, the story of the most similar near copy among the articles sharing a locality-sensitive band
 * with them, or a story of their own. The archive is asked once for a whole batch of articles, because this runs for
 * every ingested article; articles earlier in the batch count as if already stored.
 *
 * <p>Must run inside the storing transaction, after {@link #lockCandidates} for the same articles, or as {@link
 * #lockAndPlaceAll}, which does both in one round trip.
 */
@ApplicationScoped
public class StoryFinder {

    /** How many band-sharing candidates are compared in full; the newest first, as stories are mostly recent. */
    static final int MAX_CANDIDATES = 200;

    /** How many rows {@code story_lock} holds (migration V75); stripes are hashes modulo this. */
    static final int STRIPES = 65_536;

    @Inject
    EntityManager entityManager;

    /** Where an article goes. */
    public sealed interface Placement {
        /** The outlet already has this content in the archive: nothing to store. */
        record Duplicate(long articleId, String title, long storyId) implements Placement {}

        /** The same content as the earlier article {@code earlier} of this batch, from the same outlet: not stored. */
        record DuplicateInBatch(int earlier) implements Placement {}

        /** Store it in this existing story. */
        record JoinStory(long storyId) implements Placement {}

        /** Store it in the story of the earlier article {@code earlier} of this batch. */
        record JoinBatchMate(int earlier) implements Placement {}

        /** Store it as the first article of a new story. */
        record NewStory() implements Placement {}
    }

    /**
     * Serialises the story decisions of these articles, until the current transaction ends and across every Vigil
     * sharing the database, with those of any article they might share a story with, and with no others: it locks the
     * {@code story_lock} stripes of their content hashes and similarity bands, in ascending order so two transactions
     * never wait on each other in a cycle. A copy has the same hash and a near copy shares a band (that is how {@link
     * #placeAll} finds candidates), so of two related articles stored at once the second waits for the first and then
     * sees it. Also sets whether the commit waits for the disk: one round trip for both.
     */
    public void lockCandidates(boolean synchronousCommit, List<Fingerprint> articles) {
        Integer[] stripes = stripes(articles);
        entityManager.unwrap(Session.class).doWork(connection -> {
            Array stripeArray = connection.createArrayOf("integer", stripes);
            try (PreparedStatement lock = connection.prepareStatement(LOCK)) {
                lock.setArray(1, stripeArray);
                lock.setString(2, synchronousCommit ? "on" : "off");
                try (ResultSet ignored = lock.executeQuery()) {
                    // taking the locks is the point
                }
            } finally {
                stripeArray.free();
            }
        });
    }

    /**
     * {@link #lockCandidates} and then {@link #placeAll} for one outlet's batch, in one round trip to PostgreSQL: the
     * two statements go in one message sequence. PostgreSQL runs them one after the other and, under read committed,
     * takes the lookup's snapshot only when the lock statement has finished, so the lookup sees whatever a transaction
     * this one waited for committed, exactly as with two round trips.
     */
    public List<Placement> lockAndPlaceAll(boolean synchronousCommit, String outlet, List<Fingerprint> batch) {
        if (batch.isEmpty()) {
            lockCandidates(synchronousCommit, batch);
            return List.of();
        }
        return place(batch, candidates(outlet, batch, stripes(batch), synchronousCommit));
    }

    private static final String LOCK =
            """
            with locked as (
                select stripe from story_lock where stripe = any(?) order by stripe for update)
            select set_config('synchronous_commit', ?, true), (select count(*) from locked)
            """;

    // story_candidates pins each lookup to the hash and band indexes (see migration V7 for why); the bands of
    // fingerprint n are the n-th slice of one flat array.
    private static final String CANDIDATES =
            """
            select q.n, c.kind, c.id, c.title, c.story_id, c.minhash
              from unnest(?::text[]) with ordinality as q(hash, n)
              cross join lateral story_candidates(
                  q.hash, ?, (?::bigint[])[(q.n - 1) * ? + 1 : q.n * ?], ?) as c
             order by q.n, c.kind, c.id desc
            """;

    /** The distinct stripes of the articles' hashes and bands, ascending. */
    public static Integer[] stripes(List<Fingerprint> articles) {
        TreeSet<Integer> stripes = new TreeSet<>();
        for (Fingerprint fingerprint : articles) {
            stripes.add(stripe(Long.parseUnsignedLong(fingerprint.contentHash().substring(0, 15), 16)));
            for (long band : fingerprint.bands()) {
                stripes.add(stripe(band));
            }
        }
        return stripes.toArray(Integer[]::new);
    }

    private static int stripe(long key) {
        long mixed = key * 0x9E3779B97F4A7C15L;
        return (int) Math.floorMod(mixed ^ (mixed >>> 29), (long) STRIPES);
    }

    /**
     * Where each of a batch of articles from one outlet belongs, in the order given: the archive's articles and the
     * batch's earlier articles are both candidates.
     */
    public List<Placement> placeAll(String outlet, List<Fingerprint> batch) {
        return place(batch, candidates(outlet, batch, null, false));
    }

    private static List<Placement> place(List<Fingerprint> batch, List<List<Candidate>> stored) {
        List<Placement> placements = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            placements.add(place(i, batch, stored.get(i), placements));
        }
        return placements;
    }

    private static Placement place(
            int index, List<Fingerprint> batch, List<Candidate> stored, List<Placement> earlierPlacements) {
        Fingerprint fingerprint = batch.get(index);
        for (Candidate candidate : stored) {
            if (candidate.kind() == Candidate.OWN_COPY) {
                return new Placement.Duplicate(candidate.articleId(), candidate.title(), candidate.storyId());
            }
        }
        // Earlier articles of the batch share the outlet; one that will be stored is the copy to point at.
        for (int earlier = 0; earlier < index; earlier++) {
            if (isStored(earlierPlacements.get(earlier))
                    && batch.get(earlier).contentHash().equals(fingerprint.contentHash())) {
                return new Placement.DuplicateInBatch(earlier);
            }
        }
        Placement best = new Placement.NewStory();
        double bestSimilarity = -1;
        for (Candidate candidate : stored) {
            if (candidate.kind() == Candidate.EXACT_COPY) {
                return new Placement.JoinStory(candidate.storyId());
            }
        }
        // The batch's articles are newer than the archive's, and among equals the newest candidate wins.
        int[] minHashes = fingerprint.minHashes();
        for (int earlier = index - 1; earlier >= 0; earlier--) {
            if (!isStored(earlierPlacements.get(earlier)) || !sharesBand(fingerprint, batch.get(earlier))) {
                continue;
            }
            double similarity =
                    Fingerprinter.similarity(minHashes, batch.get(earlier).minHashes());
            if (similarity >= Fingerprinter.SAME_STORY_THRESHOLD && similarity > bestSimilarity) {
                bestSimilarity = similarity;
                best = new Placement.JoinBatchMate(earlier);
            }
        }
        for (Candidate candidate : stored) {
            double similarity = Fingerprinter.similarity(minHashes, candidate.minHashes());
            if (similarity >= Fingerprinter.SAME_STORY_THRESHOLD && similarity > bestSimilarity) {
                bestSimilarity = similarity;
                best = new Placement.JoinStory(candidate.storyId());
            }
        }
        return best;
    }

    private static boolean isStored(Placement placement) {
        return !(placement instanceof Placement.Duplicate) && !(placement instanceof Placement.DuplicateInBatch);
    }

    private static boolean sharesBand(Fingerprint a, Fingerprint b) {
        long[] bandsA = a.bands();
        long[] bandsB = b.bands();
        for (int i = 0; i < bandsA.length && i < bandsB.length; i++) {
            if (bandsA[i] == bandsB[i]) {
                return true;
            }
        }
        return false;
    }

    /** A stored article a new one may belong with, as {@code story_candidates} (migration V7) reports it. */
    private record Candidate(int kind, long articleId, String title, long storyId, int[] minHashes) {
        static final int OWN_COPY = 1;
        static final int EXACT_COPY = 2;
    }

    /**
     * The archive's candidates for each fingerprint, in one query; with {@code stripes}, preceded in the same round trip
     * by the lock statement of {@link #lockCandidates} for those stripes.
     */
    private List<List<Candidate>> candidates(
            String outlet, List<Fingerprint> batch, Integer[] stripes, boolean synchronousCommit) {
        List<List<Candidate>> candidates = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            candidates.add(new ArrayList<>());
        }
        if (batch.isEmpty()) {
            return candidates;
        }
        int bandsPerFingerprint = batch.get(0).bands().length;
        String[] hashes = new String[batch.size()];
        Long[] bands = new Long[batch.size() * bandsPerFingerprint];
        for (int i = 0; i < batch.size(); i++) {
            Fingerprint fingerprint = batch.get(i);
            hashes[i] = fingerprint.contentHash();
            long[] own = fingerprint.bands();
            if (own.length != bandsPerFingerprint) {
                throw new IllegalArgumentException("fingerprints of one batch must have the same number of bands");
            }
            for (int b = 0; b < own.length; b++) {
                bands[i * bandsPerFingerprint + b] = own[b];
            }
        }
        entityManager.unwrap(Session.class).doWork(connection -> {
            Array stripeArray = stripes == null ? null : connection.createArrayOf("integer", stripes);
            Array hashArray = connection.createArrayOf("text", hashes);
            Array bandArray = connection.createArrayOf("bigint", bands);
            // The JDBC driver sends both statements of the text, each parsed, bound and executed, before one Sync.
            try (PreparedStatement query =
                    connection.prepareStatement(stripes == null ? CANDIDATES : LOCK + ";\n" + CANDIDATES)) {
                int parameter = 1;
                if (stripes != null) {
                    query.setArray(parameter++, stripeArray);
                    query.setString(parameter++, synchronousCommit ? "on" : "off");
                }
                query.setArray(parameter++, hashArray);
                query.setString(parameter++, outlet);
                query.setArray(parameter++, bandArray);
                query.setInt(parameter++, bandsPerFingerprint);
                query.setInt(parameter++, bandsPerFingerprint);
                query.setInt(parameter, MAX_CANDIDATES);
                if (!query.execute() || (stripes != null && !query.getMoreResults())) {
                    throw new IllegalStateException("story placement's lookup returned no rows");
                }
                try (ResultSet rows = query.getResultSet()) {
                    while (rows.next()) {
                        int n = rows.getInt(1);
                        Array minHashes = rows.getArray(6);
                        candidates
                                .get(n - 1)
                                .add(new Candidate(
                                        rows.getInt(2),
                                        rows.getLong(3),
                                        rows.getString(4),
                                        rows.getLong(5),
                                        minHashes == null ? new int[0] : ints(minHashes)));
                    }
                }
            } finally {
                if (stripeArray != null) {
                    stripeArray.free();
                }
                hashArray.free();
                bandArray.free();
            }
        });
        return candidates;
    }

    private static int[] ints(Array array) throws SQLException {
        Integer[] stored = (Integer[]) array.getArray();
        return Arrays.stream(stored).mapToInt(Integer::intValue).toArray();
    }
}
