package io.vigil.web.retention;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.vigil.engine.alert.Alerts;
import io.vigil.engine.archive.ArchiveMigrations;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Deletes articles older than {@code vigil.archive.keep} (an ISO-8601 period such as {@code P18M}; unset keeps
 * everything), except those an alert refers to (its first article or one of its articles: the alert, its feedback and
 * its page keep their evidence) and those an analyst pinned. Their match rows and features go with them (foreign keys
 * cascade), their stories' counts drop, and stories left without articles and alerts are deleted.
 *
 * <p>Bounded batches, each its own short transaction, so no lock is held for long and ingest goes on meanwhile. Each
 * batch first takes a transaction-scoped advisory lock: when another instance holds it, this one stops, so only one
 * instance deletes at a time and none waits. A batch that collides with a concurrent store (a new copy placed in a
 * story being emptied) fails on the foreign key and is rolled back whole; the next run takes it again.
 */
@ApplicationScoped
public class ArchiveRetention {

    private static final Logger LOG = Logger.getLogger(ArchiveRetention.class);
    /** The advisory lock that claims a batch, one key across instances. */
    static final long LOCK_KEY = 0x76696769_6c6b6565L; // "vigilkee"

    @Inject
    DataSource dataSource;

    @Inject
    ArchiveMigrations archive;

    @Inject
    MeterRegistry meters;

    @ConfigProperty(name = "vigil.archive.keep")
    Optional<Period> keep;

    @ConfigProperty(name = "vigil.archive.retention-batch", defaultValue = "1000")
    int batchSize;

    private Counter deletedArticles;
    private Counter deletedStories;

    /** What one run deleted; {@code claimed} is false when another instance held the claim. */
    public record Outcome(long articles, long stories, int batches, boolean claimed) {}

    void registerCounters(@Observes StartupEvent event) {
        deletedArticles = Counter.builder("vigil.archive.retention.deleted.articles")
                .description("Articles deleted because they were older than vigil.archive.keep")
                .register(meters);
        deletedStories = Counter.builder("vigil.archive.retention.deleted.stories")
                .description("Stories deleted because retention left them without articles")
                .register(meters);
    }

    /** The configured period, if any: unset keeps the archive forever. */
    public Optional<Period> keep() {
        return keep;
    }

    @Scheduled(
            every = "${vigil.archive.retention-every:1h}",
            delayed = "2m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        if (keep.isEmpty() || !archive.isReady()) {
            return;
        }
        try {
            apply();
        } catch (SQLException | RuntimeException e) {
            LOG.warnf("archive retention stopped: %s", e.getMessage());
        }
    }

    /** Deletes, batch by batch, what the period no longer keeps; nothing when no period is set. */
    public Outcome apply() throws SQLException {
        if (keep.isEmpty()) {
            return new Outcome(0, 0, 0, true);
        }
        OffsetDateTime before = OffsetDateTime.now(ZoneOffset.UTC).minus(keep.get());
        long articles = 0;
        long stories = 0;
        int batches = 0;
        boolean claimed = true;
        while (true) {
            Optional<long[]> batch = batch(before);
            if (batch.isEmpty()) {
                claimed = batches > 0;
                break;
            }
            batches++;
            articles += batch.get()[0];
            stories += batch.get()[1];
            if (batch.get()[0] < batchSize) {
                break;
            }
        }
        if (deletedArticles != null) {
            deletedArticles.increment(articles);
            deletedStories.increment(stories);
        }
        if (articles > 0 || !claimed) {
            LOG.infof(
                    "archive retention (keep %s, before %s): deleted %d articles and %d empty stories in %d batches%s",
                    keep.get(),
                    before,
                    articles,
                    stories,
                    batches,
                    claimed ? "" : "; another instance holds the claim");
        }
        return new Outcome(articles, stories, batches, claimed);
    }

    /** One batch in one transaction: {articles, stories} deleted, or empty when another instance holds the claim. */
    private Optional<long[]> batch(OffsetDateTime before) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                if (!claim(connection)) {
                    connection.rollback();
                    return Optional.empty();
                }
                List<Long> touched = deleteArticles(connection, before);
                long stories = deleteEmptyStories(connection, touched);
                connection.commit();
                return Optional.of(new long[] {touched.size(), stories});
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        }
    }

    private static boolean claim(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("select pg_try_advisory_xact_lock(?)")) {
            statement.setLong(1, LOCK_KEY);
            try (ResultSet row = statement.executeQuery()) {
                row.next();
                return row.getBoolean(1);
            }
        }
    }

    /** Deletes up to one batch of old, unreferenced articles; answers their stories, one entry per article. */
    private List<Long> deleteArticles(Connection connection, OffsetDateTime before) throws SQLException {
        String sql =
                """
                with doomed as (
                    select a.id from article a
                    where a.fetched_at < ? and a.pinned_at is null
                      and %s
                    order by a.fetched_at, a.id
                    limit ?
                    for update of a skip locked
                ), gone as (
                    delete from article a using doomed d where a.id = d.id returning a.story_id
                ), counted as (
                    select story_id, count(*) as n from gone group by story_id
                ), recounted as (
                    update story s set article_count = greatest(0, s.article_count - c.n)
                    from counted c where s.id = c.story_id
                )
                select story_id from gone
                """
                        .formatted(Alerts.noAlertRefersToArticle("a.id"));
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setObject(1, before);
            statement.setInt(2, batchSize);
            List<Long> stories = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    stories.add(rows.getLong(1));
                }
            }
            return stories;
        }
    }

    /** Deletes the stories among {@code touched} that have neither articles nor alerts left. */
    private static long deleteEmptyStories(Connection connection, List<Long> touched) throws SQLException {
        if (touched.isEmpty()) {
            return 0;
        }
        Array ids =
                connection.createArrayOf("bigint", touched.stream().distinct().toArray(Long[]::new));
        try (PreparedStatement statement = connection.prepareStatement(
                """
                delete from story s where s.id = any(?)
                  and not exists (select 1 from article a where a.story_id = s.id)
                  and %s
                """
                        .formatted(Alerts.noAlertRefersToStory("s.id")))) {
            statement.setArray(1, ids);
            return statement.executeUpdate();
        }
    }
}
