package io.vigil.engine.watch;

import io.agroal.api.AgroalDataSource;
import io.vigil.engine.rule.Snippet;
import io.vigil.engine.rule.Snippets;
import io.vigil.engine.rule.query.QueryRule;
import io.vigil.spi.rule.CompiledRule;
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
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Runs one compiled rule over the stored articles with the semantics of live matching: candidates come from
 * PostgreSQL's full-text search with the rule's prefilter ({@link QueryRule#postgresPrefilter()}, newest first by
 * {@link NewestMatches}), every candidate is analysed like a new article and the real rule decides. A rule without a
 * prefilter (a pure negation, a regex) scans the archive instead. Either way, at most {@code vigil.rules.preview-candidates} articles, the newest first, are
 * examined, and the answer says when that cap cut the scan short.
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

    @Inject
    AgroalDataSource dataSource;

    @Inject
    RuleBook rules;

    @ConfigProperty(name = "vigil.rules.preview-candidates", defaultValue = "2000")
    int maxCandidates;

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
     * (one per story, on the day its first matching article appeared), oldest day first.
     */
    public record Preview(Scan scan, List<DailyAlerts> alertsPerDay, double averageAlertsPerDay) {}

    @PreDestroy
    void stop() {
        workers.shutdownNow();
    }

    /** The articles the rule matches, newest first, with snippets for the first {@code withSnippets} of them. */
    public Scan scan(CompiledRule rule, int withSnippets) {
        Optional<String> prefilter = rule instanceof QueryRule query ? query.postgresPrefilter() : Optional.empty();
        try (Connection connection = dataSource.getConnection()) {
            connection.setReadOnly(true);
            List<Long> candidates = candidates(connection, prefilter);
            boolean truncated = candidates.size() > maxCandidates;
            if (truncated) {
                candidates = candidates.subList(0, maxCandidates);
            }
            List<ArchiveHit> hits = new ArrayList<>();
            for (int from = 0; from < candidates.size(); from += BATCH) {
                List<Long> batch = candidates.subList(from, Math.min(candidates.size(), from + BATCH));
                hits.addAll(match(rule, load(connection, batch), Math.max(0, withSnippets - hits.size())));
            }
            return new Scan(hits, candidates.size(), truncated, prefilter.isPresent());
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the archive: " + e.getMessage(), e);
        }
    }

    /** The rule's preview as of {@code today} (UTC): its matches and its alert history over the last 30 days. */
    public Preview preview(CompiledRule rule, int withSnippets, LocalDate today) {
        Scan scan = scan(rule, withSnippets);
        // A story alerts once, when its first matching article arrives.
        Map<Long, Instant> firstMatchOfStory = new HashMap<>();
        for (ArchiveHit hit : scan.hits()) {
            firstMatchOfStory.merge(hit.storyId(), hit.time(), (a, b) -> a.isBefore(b) ? a : b);
        }
        LocalDate first = today.minusDays(HISTORY_DAYS - 1);
        int[] perDay = new int[HISTORY_DAYS];
        for (Instant time : firstMatchOfStory.values()) {
            LocalDate day = LocalDate.ofInstant(time, ZoneOffset.UTC);
            if (!day.isBefore(first) && !day.isAfter(today)) {
                perDay[(int) (day.toEpochDay() - first.toEpochDay())]++;
            }
        }
        List<DailyAlerts> days = new ArrayList<>();
        int sum = 0;
        for (int i = 0; i < HISTORY_DAYS; i++) {
            days.add(new DailyAlerts(first.plusDays(i), perDay[i]));
            sum += perDay[i];
        }
        return new Preview(scan, days, Math.round(sum * 100.0 / HISTORY_DAYS) / 100.0);
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

    /** The articles of these ids, in the order of the ids. */
    private static List<Stored> load(Connection connection, List<Long> ids) throws SQLException {
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
        List<Stored> ordered = new ArrayList<>(ids.size());
        for (Long id : ids) {
            Stored article = byId.get(id);
            if (article != null) {
                ordered.add(article);
            }
        }
        return ordered;
    }

    /** Matches a batch on all cores, keeping its order; snippets for the first {@code withSnippets} hits. */
    private List<ArchiveHit> match(CompiledRule rule, List<Stored> articles, int withSnippets) {
        int slice = Math.max(1, (articles.size() + threads - 1) / threads);
        List<Future<List<ArchiveHit>>> parts = new ArrayList<>();
        for (int from = 0; from < articles.size(); from += slice) {
            List<Stored> part = articles.subList(from, Math.min(articles.size(), from + slice));
            parts.add(workers.submit(() -> matchInOrder(rule, part, withSnippets)));
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

    private List<ArchiveHit> matchInOrder(CompiledRule rule, List<Stored> articles, int withSnippets) {
        List<ArchiveHit> hits = new ArrayList<>();
        for (Stored article : articles) {
            MatchInput input =
                    rules.analyzer().analyze(article.title(), article.body(), article.source(), article.language());
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
