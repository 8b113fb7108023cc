package io.vigil.engine.watch;

import io.agroal.api.AgroalDataSource;
import io.vigil.engine.rule.Snippet;
import io.vigil.engine.rule.Snippets;
import io.vigil.engine.rule.query.QueryRule;
import io.vigil.spi.rule.CompiledRule;
import io.vigil.spi.rule.FeatureKey;
import io.vigil.spi.rule.MatchInput;
import io.vigil.spi.rule.RuleMatch;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Runs one compiled rule over the stored articles with the semantics of live matching: candidates come from
 * PostgreSQL's full-text search with the rule's prefilter ({@link QueryRule#postgresPrefilter()}, newest first by
 * {@link NewestMatches}), every candidate is analysed like a new article and the real rule decides. A rule without a
 * prefilter (a pure negation, a regex) scans the archive instead. Either way, at most {@code
 * vigil.rules.preview-candidates} articles, the newest first, are examined for the list of matches, and the answer says
 * when that cap cut the scan short. A preview's alert history is not capped: it runs the rule on every candidate of
 * the last 30 days ({@link #history}).
 *
 * <p>Backs rule previews and article search. Thread-safe; matching is spread over the machine's cores.
 */
@ApplicationScoped
public class ArchiveMatcher {

    /** Articles fetched and matched together. */
    private static final int BATCH = 256;

    /** Days in a preview's alert history, today included. */
    public static final int HISTORY_DAYS = 30;

    private final int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
    private final ExecutorService workers = Executors.newFixedThreadPool(threads, runnable -> {
        Thread thread = new Thread(runnable, "archive-matcher");
        thread.setDaemon(true);
        return thread;
    });

    /**
     * Reads the next batch of articles from PostgreSQL while the workers match the current one, so the cores do not
     * wait on the database between batches.
     */
    private final ExecutorService readers = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "archive-reader");
        thread.setDaemon(true);
        return thread;
    });

    @Inject
    AgroalDataSource dataSource;

    @Inject
    RuleBook rules;

    @ConfigProperty(name = "vigil.rules.preview-candidates", defaultValue = "2000")
    int maxCandidates;

    /**
     * Candidates of a rule of costly features (a semantic rule's embeddings, tens of milliseconds an article) that has
     * no Boolean prefilter: a preview stays interactive on the newest ones; a prefilter reaches further back.
     */
    @ConfigProperty(name = "vigil.rules.preview-costly-candidates", defaultValue = "200")
    int maxCostlyCandidates;

    /** How many candidates a preview of this rule examines at most. */
    private int candidateCap(CompiledRule rule, Optional<String> prefilter) {
        return !rule.features().isEmpty() && prefilter.isEmpty()
                ? Math.min(maxCandidates, maxCostlyCandidates)
                : maxCandidates;
    }

    /**
     * A stored article the rule matched.
     *
     * @param time when it was published, or fetched when that is unknown
     * @param snippets the marked passages, for the first matches only (see {@link #scan})
     */
    public record ArchiveHit(
            long articleId,
            String title,
            String url,
            String source,
            Instant time,
            long storyId,
            RuleMatch match,
            List<Snippet> snippets) {}

    /**
     * What a scan found.
     *
     * @param hits the matching articles, newest first (by fetch time)
     * @param examined how many candidates the rule was run on
     * @param truncated whether more candidates were left unexamined because of the cap
     * @param prefiltered whether candidates came from the full-text index rather than a scan
     */
    public record Scan(List<ArchiveHit> hits, int examined, boolean truncated, boolean prefiltered) {}

    /** Alerts a rule would have raised on one day. */
    public record DailyAlerts(LocalDate date, int alerts) {}

    /**
     * A rule's preview: the scan, and the alerts it would have raised on each of the last {@link #HISTORY_DAYS} days
     * (one per story, on the day its first matching article appeared), oldest day first, counted over every article
     * of those days.
     *
     * @param historyExamined how many articles the rule ran on to count the alerts
     */
    public record Preview(Scan scan, List<DailyAlerts> alertsPerDay, double averageAlertsPerDay, int historyExamined) {}

    @PreDestroy
    void stop() {
        workers.shutdownNow();
        readers.shutdownNow();
    }

    /** The articles the rule matches, newest first, with snippets for the first {@code withSnippets} of them. */
    public Scan scan(CompiledRule rule, int withSnippets) {
        return scan(rule, withSnippets, new HashMap<>());
    }

    /** The scan, recording the rule's decision on every article it examined in {@code decided}. */
    private Scan scan(CompiledRule rule, int withSnippets, Map<Long, Optional<ArchiveHit>> decided) {
        Optional<String> prefilter = postgresPrefilter(rule);
        try (Connection connection = dataSource.getConnection()) {
            connection.setReadOnly(true);
            List<Long> ids = candidates(connection, prefilter);
            int cap = candidateCap(rule, prefilter);
            boolean truncated = ids.size() > cap;
            if (truncated) {
                ids = ids.subList(0, cap);
            }
            List<ArchiveHit> hits = new ArrayList<>();
            try (ReadAhead reads = new ReadAhead()) {
                List<List<Long>> batches = batches(ids);
                if (!batches.isEmpty()) {
                    reads.submit(batches.get(0));
                }
                for (int at = 0; at < batches.size(); at++) {
                    List<Long> batch = batches.get(at);
                    Map<Long, Stored> loaded = reads.next();
                    if (at + 1 < batches.size()) {
                        reads.submit(batches.get(at + 1));
                    }
                    List<ArchiveHit> found =
                            matchBatch(connection, rule, batch, loaded, Math.max(0, withSnippets - hits.size()));
                    record(decided, batch, found);
                    hits.addAll(found);
                }
            }
            return new Scan(hits, ids.size(), truncated, prefilter.isPresent());
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the archive: " + e.getMessage(), e);
        }
    }

    /**
     * The full-text prefilter of the rule's candidates: its own for a query rule, else that of the query rule it is
     * prefiltered by (a semantic rule's Boolean prefilter), if any.
     */
    private static Optional<String> postgresPrefilter(CompiledRule rule) {
        CompiledRule candidates = rule;
        while (!(candidates instanceof QueryRule) && candidates.prefilter().isPresent()) {
            candidates = candidates.prefilter().get();
        }
        return candidates instanceof QueryRule query ? query.postgresPrefilter() : Optional.empty();
    }

    /**
     * Matches one batch of stored articles. Costly features (embeddings) come from storage where an earlier run stored
     * them; those computed now are stored for the next preview or backtest.
     */
    private List<ArchiveHit> matchBatch(
            Connection connection, CompiledRule rule, List<Long> batch, Map<Long, Stored> loaded, int withSnippets)
            throws SQLException {
        Set<FeatureKey<?>> keys = rule.features();
        Map<Long, Map<FeatureKey<?>, Object>> stored =
                keys.isEmpty() ? Map.of() : ArticleFeatures.read(connection, batch, keys);
        Map<Long, MatchInput> computed = new ConcurrentHashMap<>();
        List<ArchiveHit> hits = match(rule, inOrder(batch, loaded), stored, computed, withSnippets);
        if (!keys.isEmpty() && !computed.isEmpty()) {
            storeFeatures(computed, keys);
        }
        return hits;
    }

    /** Records the rule's decision on each article of a batch: its hit, or none. */
    private static void record(Map<Long, Optional<ArchiveHit>> decided, List<Long> batch, List<ArchiveHit> hits) {
        for (Long id : batch) {
            decided.putIfAbsent(id, Optional.empty());
        }
        for (ArchiveHit hit : hits) {
            decided.put(hit.articleId(), Optional.of(hit));
        }
    }

    /**
     * The hits among these articles, in their order: the decisions already taken in this preview are reused, the rule
     * runs on the others (and their decisions are recorded). An article is analysed once per preview, however many of
     * its steps need it.
     */
    private List<ArchiveHit> decide(
            Connection connection,
            CompiledRule rule,
            List<Long> ids,
            Map<Long, Optional<ArchiveHit>> decided,
            Map<Long, Stored> loaded)
            throws SQLException {
        List<Long> unknown = ids.stream().filter(id -> !decided.containsKey(id)).toList();
        if (!unknown.isEmpty()) {
            Map<Long, Stored> articles = loaded;
            if (!loaded.keySet().containsAll(unknown)) {
                articles = load(connection, unknown);
            }
            record(decided, unknown, matchBatch(connection, rule, unknown, articles, 0));
        }
        List<ArchiveHit> hits = new ArrayList<>();
        for (Long id : ids) {
            Optional<ArchiveHit> decision = decided.get(id);
            if (decision != null && decision.isPresent()) {
                hits.add(decision.get());
            }
        }
        return hits;
    }

    private void storeFeatures(Map<Long, MatchInput> computed, Set<FeatureKey<?>> keys) {
        try (Connection writer = dataSource.getConnection()) {
            for (Map.Entry<Long, MatchInput> article : computed.entrySet()) {
                ArticleFeatures.store(writer, article.getKey(), article.getValue(), keys);
            }
        } catch (SQLException e) {
            // Only a cache for the next run; the preview stands.
            Logger.getLogger(ArchiveMatcher.class).warnf("could not store article features: %s", e.getMessage());
        }
    }

    /**
     * The rule's preview as of {@code today} (UTC): its matches (the newest, up to the candidate cap) and its exact
     * alert history over the last 30 days, counted over every article of those days, not a sample.
     */
    public Preview preview(CompiledRule rule, int withSnippets, LocalDate today) {
        // The list's candidates (the newest) are mostly inside the 30 days: the history reuses its decisions.
        Map<Long, Optional<ArchiveHit>> decided = new HashMap<>();
        Scan scan = scan(rule, withSnippets, decided);
        History history = history(rule, today, decided);
        List<DailyAlerts> days = new ArrayList<>();
        int sum = 0;
        LocalDate first = today.minusDays(HISTORY_DAYS - 1);
        for (int i = 0; i < HISTORY_DAYS; i++) {
            days.add(new DailyAlerts(first.plusDays(i), history.perDay()[i]));
            sum += history.perDay()[i];
        }
        return new Preview(scan, days, Math.round(sum * 100.0 / HISTORY_DAYS) / 100.0, history.examined());
    }

    /** Alerts per day over the window, and how many articles the rule ran on to count them. */
    private record History(int[] perDay, int examined) {}

    /** A candidate of the history: its story and time. */
    private record Dated(long id, long storyId, Instant time) {}

    /**
     * Counts the alerts the rule would have raised on each of the last {@link #HISTORY_DAYS} days: one per story, on
     * the day of its first matching article. Every article of the window that passes the prefilter is a candidate,
     * oldest first; once a story has matched, its later articles are not examined, since they cannot move its alert.
     * A story that matched in the window but had a matching article before it alerted then, outside the window, and is
     * not counted: its articles before the window are matched too (stories are short, so these are few).
     */
    History history(CompiledRule rule, LocalDate today) {
        return history(rule, today, new HashMap<>());
    }

    private History history(CompiledRule rule, LocalDate today, Map<Long, Optional<ArchiveHit>> decided) {
        Optional<String> prefilter = postgresPrefilter(rule);
        Instant from =
                today.minusDays(HISTORY_DAYS - 1).atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant to = today.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        try (Connection connection = dataSource.getConnection()) {
            connection.setReadOnly(true);
            List<Dated> candidates = dated(
                    connection,
                    "select id, story_id, coalesce(published_at, fetched_at) from article"
                            + " where coalesce(published_at, fetched_at) >= ? and coalesce(published_at, fetched_at) < ?"
                            + prefilter
                                    .map(p -> " and search_vector @@ to_tsquery('simple', ?)")
                                    .orElse("")
                            + " order by 3, 1",
                    statement -> {
                        statement.setTimestamp(1, java.sql.Timestamp.from(from));
                        statement.setTimestamp(2, java.sql.Timestamp.from(to));
                        if (prefilter.isPresent()) {
                            statement.setString(3, prefilter.get());
                        }
                    });
            int cap = candidateCap(rule, prefilter);
            if (cap < maxCandidates && candidates.size() > cap) {
                // A rule of costly features (a semantic rule's embeddings) without a Boolean prefilter would embed
                // every article of the 30 days: its history counts over the newest candidates only, as its list does.
                candidates = candidates.subList(candidates.size() - cap, candidates.size());
            }
            Map<Long, Instant> firstMatch = new HashMap<>();
            int examined = 0;
            try (ReadAhead reads = new ReadAhead()) {
                List<List<Dated>> batches = batches(candidates);
                if (!batches.isEmpty()) {
                    reads.submit(toRead(batches.get(0), firstMatch, decided));
                }
                for (int at = 0; at < batches.size(); at++) {
                    // The batch, leaving out the stories already decided.
                    List<Long> pending = batches.get(at).stream()
                            .filter(candidate -> !firstMatch.containsKey(candidate.storyId()))
                            .map(Dated::id)
                            .toList();
                    Map<Long, Stored> loaded = reads.next();
                    if (at + 1 < batches.size()) {
                        // Read while this batch is matched: a story this batch decides is read in vain, not matched.
                        reads.submit(toRead(batches.get(at + 1), firstMatch, decided));
                    }
                    examined += pending.size();
                    for (ArchiveHit hit : decide(connection, rule, pending, decided, loaded)) {
                        firstMatch.merge(hit.storyId(), hit.time(), (a, b) -> a.isBefore(b) ? a : b);
                    }
                }
            }
            examined += dropStoriesThatMatchedBefore(connection, rule, prefilter, firstMatch, from, decided);
            int[] perDay = new int[HISTORY_DAYS];
            LocalDate first = today.minusDays(HISTORY_DAYS - 1);
            for (Instant time : firstMatch.values()) {
                perDay[(int) (LocalDate.ofInstant(time, ZoneOffset.UTC).toEpochDay() - first.toEpochDay())]++;
            }
            return new History(perDay, examined);
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the archive: " + e.getMessage(), e);
        }
    }

    /** Removes the stories with a matching article before {@code from}; answers how many articles that examined. */
    private int dropStoriesThatMatchedBefore(
            Connection connection,
            CompiledRule rule,
            Optional<String> prefilter,
            Map<Long, Instant> firstMatch,
            Instant from,
            Map<Long, Optional<ArchiveHit>> decided)
            throws SQLException {
        if (firstMatch.isEmpty()) {
            return 0;
        }
        Long[] stories = firstMatch.keySet().toArray(Long[]::new);
        Array storyArray = connection.createArrayOf("bigint", stories);
        List<Dated> earlier;
        try {
            earlier = dated(
                    connection,
                    "select id, story_id, coalesce(published_at, fetched_at) from article"
                            + " where story_id = any(?) and coalesce(published_at, fetched_at) < ?"
                            + prefilter
                                    .map(p -> " and search_vector @@ to_tsquery('simple', ?)")
                                    .orElse(""),
                    statement -> {
                        statement.setArray(1, storyArray);
                        statement.setTimestamp(2, java.sql.Timestamp.from(from));
                        if (prefilter.isPresent()) {
                            statement.setString(3, prefilter.get());
                        }
                    });
        } finally {
            storyArray.free();
        }
        for (int at = 0; at < earlier.size(); at += BATCH) {
            List<Long> batch = earlier.subList(at, Math.min(earlier.size(), at + BATCH)).stream()
                    .map(Dated::id)
                    .toList();
            for (ArchiveHit hit : decide(connection, rule, batch, decided, Map.of())) {
                firstMatch.remove(hit.storyId());
            }
        }
        return earlier.size();
    }

    private interface Binder {
        void bind(PreparedStatement statement) throws SQLException;
    }

    private static List<Dated> dated(Connection connection, String sql, Binder binder) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            // Planned afresh with the words and times each run: a generic plan cannot tell a rare word from a
            // common one, nor a narrow window from the whole archive.
            statement.unwrap(org.postgresql.PGStatement.class).setPrepareThreshold(0);
            binder.bind(statement);
            statement.setFetchSize(10_000);
            List<Dated> rows = new ArrayList<>();
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    rows.add(new Dated(
                            result.getLong(1),
                            result.getLong(2),
                            result.getTimestamp(3).toInstant()));
                }
            }
            return rows;
        }
    }

    /** The candidate ids, newest first, one more than the cap when there are more. */
    private List<Long> candidates(Connection connection, Optional<String> prefilter) throws SQLException {
        if (prefilter.isPresent()) {
            return NewestMatches.find(connection, prefilter.get(), maxCandidates + 1);
        }
        try (PreparedStatement statement =
                connection.prepareStatement("select id from article order by fetched_at desc, id desc limit ?")) {
            statement.setInt(1, maxCandidates + 1);
            List<Long> ids = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    ids.add(rows.getLong(1));
                }
            }
            return ids;
        }
    }

    private record Stored(
            long id,
            String title,
            String body,
            String url,
            String source,
            String language,
            long storyId,
            Instant time) {}

    /** The candidates of a batch that still need reading: not decided yet, of a story not matched yet. */
    private static List<Long> toRead(
            List<Dated> batch, Map<Long, Instant> firstMatch, Map<Long, Optional<ArchiveHit>> decided) {
        return batch.stream()
                .filter(candidate ->
                        !firstMatch.containsKey(candidate.storyId()) && !decided.containsKey(candidate.id()))
                .map(Dated::id)
                .toList();
    }

    private static <T> List<List<T>> batches(List<T> all) {
        List<List<T>> batches = new ArrayList<>();
        for (int from = 0; from < all.size(); from += BATCH) {
            batches.add(all.subList(from, Math.min(all.size(), from + BATCH)));
        }
        return batches;
    }

    /**
     * Reads batches of articles on a reader thread with a connection of its own, one batch ahead of the caller. Not
     * thread-safe: one caller submits a batch, then takes it with {@link #next} before submitting the next.
     */
    private final class ReadAhead implements AutoCloseable {
        private Connection connection;
        private Future<Map<Long, Stored>> pending;

        void submit(List<Long> ids) {
            pending = readers.submit(() -> {
                if (ids.isEmpty()) {
                    return Map.of();
                }
                if (connection == null) {
                    connection = dataSource.getConnection();
                    connection.setReadOnly(true);
                }
                return load(connection, ids);
            });
        }

        /** The batch submitted last, by id. */
        Map<Long, Stored> next() throws SQLException {
            try {
                return pending.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while reading the archive", e);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof SQLException sql) {
                    throw sql;
                }
                throw new IllegalStateException("reading the archive failed: " + e.getCause(), e.getCause());
            } finally {
                pending = null;
            }
        }

        @Override
        public void close() throws SQLException {
            if (pending != null) {
                // Let a read still running finish before its connection goes back to the pool.
                try {
                    pending.get();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (ExecutionException e) {
                    // The read's failure was not asked for; nothing waits on it.
                }
            }
            if (connection != null) {
                connection.close();
            }
        }
    }

    /** The loaded articles of these ids, in the order of the ids (an id deleted meanwhile is left out). */
    private static List<Stored> inOrder(List<Long> ids, Map<Long, Stored> byId) {
        List<Stored> ordered = new ArrayList<>(ids.size());
        for (Long id : ids) {
            Stored article = byId.get(id);
            if (article != null) {
                ordered.add(article);
            }
        }
        return ordered;
    }

    /** The articles of these ids, by id. */
    private static Map<Long, Stored> load(Connection connection, List<Long> ids) throws SQLException {
        Map<Long, Stored> byId = new HashMap<>();
        try (PreparedStatement statement = connection.prepareStatement(
                "select id, title, body, url, source_name, language, story_id, coalesce(published_at, fetched_at)"
                        + " from article where id = any(?)")) {
            Array array = connection.createArrayOf("bigint", ids.toArray());
            statement.setArray(1, array);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    Stored article = new Stored(
                            rows.getLong(1),
                            rows.getString(2),
                            rows.getString(3),
                            rows.getString(4),
                            rows.getString(5),
                            rows.getString(6),
                            rows.getLong(7),
                            rows.getTimestamp(8).toInstant());
                    byId.put(article.id(), article);
                }
            }
            array.free();
        }
        return byId;
    }

    /** Matches a batch on all cores, keeping its order; snippets for the first {@code withSnippets} hits. */
    private List<ArchiveHit> match(
            CompiledRule rule,
            List<Stored> articles,
            Map<Long, Map<FeatureKey<?>, Object>> stored,
            Map<Long, MatchInput> computed,
            int withSnippets) {
        int slice = Math.max(1, (articles.size() + threads - 1) / threads);
        List<Future<List<ArchiveHit>>> parts = new ArrayList<>();
        for (int from = 0; from < articles.size(); from += slice) {
            List<Stored> part = articles.subList(from, Math.min(articles.size(), from + slice));
            parts.add(workers.submit(() -> matchInOrder(rule, part, stored, computed, withSnippets)));
        }
        List<ArchiveHit> hits = new ArrayList<>();
        try {
            for (Future<List<ArchiveHit>> part : parts) {
                hits.addAll(part.get());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while matching the archive", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("matching the archive failed: " + e.getCause(), e.getCause());
        }
        // Snippets were computed for up to withSnippets hits of each part; keep them only on the first ones overall.
        for (int i = withSnippets; i < hits.size(); i++) {
            ArchiveHit hit = hits.get(i);
            if (!hit.snippets().isEmpty()) {
                hits.set(
                        i,
                        new ArchiveHit(
                                hit.articleId(),
                                hit.title(),
                                hit.url(),
                                hit.source(),
                                hit.time(),
                                hit.storyId(),
                                hit.match(),
                                List.of()));
            }
        }
        return hits;
    }

    private List<ArchiveHit> matchInOrder(
            CompiledRule rule,
            List<Stored> articles,
            Map<Long, Map<FeatureKey<?>, Object>> stored,
            Map<Long, MatchInput> computed,
            int withSnippets) {
        List<ArchiveHit> hits = new ArrayList<>();
        Set<FeatureKey<?>> keys = rule.features();
        for (Stored article : articles) {
            MatchInput input =
                    rules.analyzer().analyze(article.title(), article.body(), article.source(), article.language());
            Map<FeatureKey<?>, Object> known = stored.get(article.id());
            ArticleFeatures.preset(input, known);
            if (!keys.isEmpty() && (known == null || known.size() < keys.size())) {
                computed.put(article.id(), input);
            }
            Optional<RuleMatch> match;
            try {
                match = rule.match(input);
            } catch (RuntimeException e) {
                // As in live matching, a rule that throws on one article does not match it.
                continue;
            }
            if (match.isPresent()) {
                List<Snippet> snippets = hits.size() < withSnippets
                        ? Snippets.of(input, match.get().highlights(), LiveMatching.SNIPPETS_PER_MATCH)
                        : List.of();
                hits.add(new ArchiveHit(
                        article.id(),
                        article.title(),
                        article.url(),
                        article.source(),
                        article.time(),
                        article.storyId(),
                        match.get(),
                        snippets));
            }
        }
        return hits;
    }
}
