package io.vigil.web.retention;

import io.quarkus.scheduler.Scheduled;
import io.vigil.engine.archive.ArchiveMigrations;
import io.vigil.engine.archive.ArchiveReady;
import io.vigil.engine.input.LoggedText;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import javax.sql.DataSource;
import org.jboss.logging.Logger;

/**
 * Makes the archive's monthly partitions ahead of time (migration V100): the current month and the three after it, at
 * start-up and daily. A row stored while its month had no partition lands in {@code article_default}; when its month
 * is made, it moves there (PostgreSQL refuses to create a month while DEFAULT holds rows of it, so DEFAULT is detached
 * for the move and attached again).
 *
 * <p>One instance works at a time: a run takes a transaction-scoped advisory lock and leaves the work to whoever
 * holds it. The whole run is one transaction, so a failure leaves the partitions as they were.
 */
@ApplicationScoped
public class ArchivePartitions {

    private static final Logger LOG = Logger.getLogger(ArchivePartitions.class);
    /** The advisory lock that claims a run, one key across instances. */
    static final long LOCK_KEY = 0x76696769_6c6d6f6eL; // "vigilmon"
    /** Months made ahead of the current one. */
    static final int MONTHS_AHEAD = 3;

    private static final DateTimeFormatter NAME = DateTimeFormatter.ofPattern("'article_'yyyy_MM");

    static final String COLUMNS = "id, source_id, source_name, external_id, url, title, body, published_at,"
            + " fetched_at, language, content_hash, minhash, sketch_bands, story_id, metadata, pinned_at, pinned_by,"
            + " shelf";

    @Inject
    DataSource dataSource;

    @Inject
    ArchiveMigrations archive;

    /** What a run did: the months it made and the rows it moved out of DEFAULT; {@code claimed} false when skipped. */
    public record Outcome(List<LocalDate> made, long movedFromDefault, boolean claimed) {
        public Outcome {
            made = List.copyOf(made);
        }
    }

    void onArchiveReady(@Observes ArchiveReady ready) {
        scheduled();
    }

    @Scheduled(
            every = "${vigil.archive.partitions-every:24h}",
            delayed = "1h",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        if (!archive.isReady()) {
            return;
        }
        try {
            ensure(LocalDate.now(ZoneOffset.UTC));
        } catch (SQLException | RuntimeException e) {
            LOG.warnf("archive partitions not made: %s", LoggedText.of(e.getMessage()));
        }
    }

    /** Makes the month of {@code today} and the {@link #MONTHS_AHEAD} after it, and every month DEFAULT holds rows of. */
    public Outcome ensure(LocalDate today) throws SQLException {
        // Moving rows out of DEFAULT takes table locks while articles are being stored; PostgreSQL breaks a deadlock
        // by failing one side, and when that is this transaction (it rolled back whole), trying again is safe.
        for (int attempt = 1; ; attempt++) {
            try {
                return ensureOnce(today);
            } catch (SQLException e) {
                if (!DEADLOCK_DETECTED.equals(e.getSQLState()) || attempt == ATTEMPTS) {
                    throw e;
                }
                LOG.debugf("archive partitions: deadlock with a concurrent writer, trying again (%d)", attempt);
            }
        }
    }

    private static final String DEADLOCK_DETECTED = "40P01";

    private static final int ATTEMPTS = 3;

    private Outcome ensureOnce(LocalDate today) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                if (!claim(connection)) {
                    connection.rollback();
                    return new Outcome(List.of(), 0, false);
                }
                TreeSet<LocalDate> months = new TreeSet<>();
                LocalDate current = today.withDayOfMonth(1);
                for (int ahead = 0; ahead <= MONTHS_AHEAD; ahead++) {
                    months.add(current.plusMonths(ahead));
                }
                months.addAll(monthsInDefault(connection));
                List<LocalDate> made = new ArrayList<>();
                long moved = 0;
                for (LocalDate month : months) {
                    if (exists(connection, name(month))) {
                        continue;
                    }
                    moved += make(connection, month);
                    made.add(month);
                }
                connection.commit();
                if (!made.isEmpty()) {
                    LOG.infof("archive partitions made for %s; %d rows moved out of article_default", made, moved);
                }
                return new Outcome(made, moved, true);
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        }
    }

    /** The partition's name for a month: {@code article_2026_12}. */
    public static String name(LocalDate month) {
        return NAME.format(month);
    }

    private static long make(Connection connection, LocalDate month) throws SQLException {
        LocalDate next = month.plusMonths(1);
        String create = "create table %s partition of article for values from ('%s') to ('%s')"
                .formatted(name(month), month, next);
        long waiting;
        try (PreparedStatement count =
                connection.prepareStatement("select count(*) from article_default where shelf >= ? and shelf < ?")) {
            count.setObject(1, month);
            count.setObject(2, next);
            try (ResultSet row = count.executeQuery()) {
                row.next();
                waiting = row.getLong(1);
            }
        }
        try (Statement statement = connection.createStatement()) {
            if (waiting == 0) {
                statement.execute(create);
                return 0;
            }
            // A detached table has no copy of article's key trigger, so deleting the moved rows from it leaves their
            // keys (and what refers to them) alone; inserting them through article finds their keys (on conflict).
            statement.execute("set local lock_timeout = '5s'");
            statement.execute("alter table article detach partition article_default");
            statement.execute(create);
            String range = "shelf >= '%s' and shelf < '%s'".formatted(month, next);
            statement.executeUpdate("insert into article (%s) select %s from article_default where %s"
                    .formatted(COLUMNS, COLUMNS, range));
            long moved = statement.executeUpdate("delete from article_default where " + range);
            statement.execute("alter table article attach partition article_default default");
            return moved;
        }
    }

    private static List<LocalDate> monthsInDefault(Connection connection) throws SQLException {
        List<LocalDate> months = new ArrayList<>();
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(
                        "select distinct date_trunc('month', shelf)::date from article_default where shelf >= '1000-01-01'")) {
            while (rows.next()) {
                months.add(rows.getObject(1, LocalDate.class));
            }
        }
        return months;
    }

    private static boolean exists(Connection connection, String table) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "select 1 from pg_inherits where inhparent = 'article'::regclass and inhrelid = to_regclass(?)")) {
            statement.setString(1, table);
            try (ResultSet row = statement.executeQuery()) {
                return row.next();
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

    /** The archive's partitions, oldest month first, then the kept and default ones, with their size on disk. */
    public static List<Shelf> shelves(Connection connection) throws SQLException {
        List<Shelf> shelves = new ArrayList<>();
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(
                        """
                        select c.relname, pg_total_relation_size(t.relid), coalesce(c.reltuples, 0)::bigint
                          from pg_partition_tree('article') t join pg_class c on c.oid = t.relid
                         where t.isleaf
                         order by c.relname = 'article_default', c.relname = 'article_kept', c.relname
                        """)) {
            while (rows.next()) {
                shelves.add(new Shelf(rows.getString(1), rows.getLong(2), Math.max(0, rows.getLong(3))));
            }
        }
        return shelves;
    }

    /** One partition of the archive: its name, bytes on disk (indexes included) and estimated rows. */
    public record Shelf(String name, long bytes, long estimatedRows) {
        /** The month it holds, or empty for article_kept and article_default. */
        public Optional<LocalDate> month() {
            if (!name.matches("article_\\d{4}_\\d{2}")) {
                return Optional.empty();
            }
            return Optional.of(
                    LocalDate.of(Integer.parseInt(name.substring(8, 12)), Integer.parseInt(name.substring(13, 15)), 1));
        }
    }
}
