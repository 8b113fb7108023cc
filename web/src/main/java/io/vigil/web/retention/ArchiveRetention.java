package io.vigil.web.retention;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.vigil.engine.alert.Alerts;
import io.vigil.engine.archive.ArchiveMigrations;
import io.vigil.engine.input.LoggedText;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
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
 * <p>The archive is partitioned by month (migration V100). A month that ends before the period's start is retired
 * whole: its keys ({@code article_key}) are deleted in batches, skipping what is kept, then in one short transaction
 * the month is detached, the rows whose keys are left (the kept ones) are moved to {@code article_kept}, and the month
 * is dropped, so its bodies and full-text index go without a row delete each. What is left past the period in other
 * partitions (the month the period starts in, kept rows whose alert is gone, rows stored later than fetched) is
 * deleted row by row in batches, as before partitioning.
 *
 * <p>Bounded batches, each its own short transaction, so no lock is held for long and ingest goes on meanwhile. Each
 * batch first takes a transaction-scoped advisory lock: when another instance holds it, this one stops, so only one
 * instance deletes at a time and none waits. A batch that collides with a concurrent store (a new copy placed in a
 * story being emptied) fails on the foreign key and is rolled back whole; the next run takes it again. Dropping a
 * month waits at most {@code vigil.archive.drop-lock-timeout} for the table lock; when it times out, the next run
 * tries again.
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

    @ConfigProperty(name = "vigil.archive.drop-lock-timeout", defaultValue = "PT2S")
    java.time.Duration dropLockTimeout;

    /** The shelf of rows kept past their month (migration V100: the article_kept partition). */
    static final LocalDate KEPT_SHELF = LocalDate.of(1, 1, 1);

    private Counter deletedArticles;
    private Counter deletedStories;

    /**
     * What one run deleted; {@code months} are the partitions it dropped whole, {@code claimed} is false when another
     * instance held the claim.
     */
    public record Outcome(long articles, long stories, int batches, boolean claimed, List<LocalDate> months) {
        public Outcome {
            months = List.copyOf(months);
        }

        public Outcome(long articles, long stories, int batches, boolean claimed) {
            this(articles, stories, batches, claimed, List.of());
        }
    }

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
            LOG.warnf("archive retention stopped: %s", LoggedText.of(e.getMessage()));
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
        List<LocalDate> months = new ArrayList<>();
        for (LocalDate month : monthsEndingBefore(before)) {
            Optional<long[]> retired = retireMonth(month, before);
            if (retired.isEmpty()) {
                LOG.infof("archive retention: month %s not retired now; another instance holds the claim", month);
                return new Outcome(articles, stories, batches, false, months);
            }
            articles += retired.get()[0];
            stories += retired.get()[1];
            batches += (int) retired.get()[2];
            months.add(month);
        }
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
                    "archive retention (keep %s, before %s): deleted %d articles and %d empty stories in %d batches,"
                            + " months dropped %s%s",
                    keep.get(),
                    before,
                    articles,
                    stories,
                    batches,
                    months,
                    claimed ? "" : "; another instance holds the claim");
        }
        return new Outcome(articles, stories, batches, claimed, months);
    }

    /** The archive's monthly partitions that end before {@code before}, oldest first. */
    private List<LocalDate> monthsEndingBefore(OffsetDateTime before) throws SQLException {
        LocalDate startOfPeriodMonth = before.toLocalDate().withDayOfMonth(1);
        List<LocalDate> months = new ArrayList<>();
        try (Connection connection = dataSource.getConnection()) {
            for (ArchivePartitions.Shelf shelf : ArchivePartitions.shelves(connection)) {
                shelf.month()
                        .filter(month -> month.isBefore(startOfPeriodMonth))
                        .ifPresent(months::add);
            }
        }
        months.sort(null);
        return months;
    }

    /**
     * Retires one month whole: {articles deleted, stories deleted, batches}, or empty when another instance holds the
     * claim. Its keys go first, in batches (what is pinned, referred to by an alert or fetched within the period
     * stays); then the month is detached, the rows whose keys are left move to article_kept, and it is dropped.
     */
    private Optional<long[]> retireMonth(LocalDate month, OffsetDateTime before) throws SQLException {
        long articles = 0;
        int batches = 0;
        while (true) {
            Optional<Integer> deleted = transaction(connection -> deleteKeys(connection, month, before));
            if (deleted.isEmpty()) {
                return Optional.empty();
            }
            batches++;
            articles += deleted.get();
            if (deleted.get() < batchSize) {
                break;
            }
        }
        // The stories of the rows about to go (their counts are down already): read outside the drop's lock.
        List<Long> touched;
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(
                        """
                        select distinct a.story_id from article a
                        where a.shelf = ? and not exists (select 1 from article_key k where k.id = a.id)
                        """)) {
            statement.setObject(1, month);
            touched = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    touched.add(rows.getLong(1));
                }
            }
        }
        Optional<Long> kept = transaction(connection -> dropMonth(connection, month));
        if (kept.isEmpty()) {
            return Optional.empty();
        }
        long stories = 0;
        for (int from = 0; from < touched.size(); from += batchSize) {
            List<Long> some = touched.subList(from, Math.min(touched.size(), from + batchSize));
            Optional<Long> deleted = transaction(connection -> deleteEmptyStories(connection, some));
            if (deleted.isEmpty()) {
                return Optional.empty();
            }
            stories += deleted.get();
        }
        LOG.infof("archive retention: month %s dropped, %d articles kept past it", month, kept.get());
        return Optional.of(new long[] {articles, stories, batches});
    }

    /** Deletes up to one batch of the month's keys that retention does not keep, counting their stories down. */
    private int deleteKeys(Connection connection, LocalDate month, OffsetDateTime before) throws SQLException {
        String sql =
                """
                with doomed as (
                    select k.id from article_key k join article a on a.id = k.id and a.shelf = k.shelf
                    where k.shelf = ? and a.fetched_at < ? and a.pinned_at is null
                      and %s
                    limit ?
                    for update of k skip locked
                ), gone as (
                    delete from article_key k using doomed d where k.id = d.id returning k.story_id
                ), counted as (
                    select story_id, count(*) as n from gone group by story_id
                ), recounted as (
                    update story s set article_count = greatest(0, s.article_count - c.n)
                    from counted c where s.id = c.story_id
                )
                select count(*) from gone
                """
                        .formatted(Alerts.noAlertRefersToArticle("k.id"));
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setObject(1, month);
            statement.setObject(2, before);
            statement.setInt(3, batchSize);
            try (ResultSet row = statement.executeQuery()) {
                row.next();
                return row.getInt(1);
            }
        }
    }

    /**
     * Detaches the month, moves the rows whose keys are left to article_kept (a detached table has no copy of the key
     * trigger, and the insert through article finds the key), and drops the month; answers the rows kept.
     */
    private long dropMonth(Connection connection, LocalDate month) throws SQLException {
        String partition = ArchivePartitions.name(month);
        try (Statement statement = connection.createStatement()) {
            statement.execute("set local lock_timeout = '%dms'".formatted(dropLockTimeout.toMillis()));
            statement.execute("alter table article detach partition " + partition);
        }
        String columns = ArchivePartitions.COLUMNS.replace(", shelf", "");
        long kept;
        try (PreparedStatement move = connection.prepareStatement(
                """
                with moved as (update article_key k set shelf = ? where k.shelf = ? returning k.id)
                insert into article (%s, shelf) select %s, ? from %s where id in (select m.id from moved m)
                """
                        .formatted(columns, columns, partition))) {
            move.setObject(1, KEPT_SHELF);
            move.setObject(2, month);
            move.setObject(3, KEPT_SHELF);
            kept = move.executeUpdate();
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute("drop table " + partition);
        }
        return kept;
    }

    /** Work in one transaction that first claims retention; empty when another instance holds the claim. */
    private <T> Optional<T> transaction(Work<T> work) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                if (!claim(connection)) {
                    connection.rollback();
                    return Optional.empty();
                }
                T result = work.run(connection);
                connection.commit();
                return Optional.of(result);
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        }
    }

    @FunctionalInterface
    private interface Work<T> {
        T run(Connection connection) throws SQLException;
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
