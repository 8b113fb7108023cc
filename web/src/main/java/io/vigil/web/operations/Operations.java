package io.vigil.web.operations;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.vigil.engine.archive.ArchiveMigrations;
import io.vigil.engine.input.LoggedText;
import io.vigil.web.database.EmbeddedDatabaseConfig;
import io.vigil.web.retention.ArchivePartitions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToDoubleFunction;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * How this Vigil is doing as a service: its version, its database (embedded or a server, and its size), the archive's
 * growth, and the outbox's backlog with the oldest notification not yet delivered. The dashboard reads it fresh; the
 * {@code vigil_outbox_*}, {@code vigil_archive_*} and {@code vigil_database_*} gauges of {@code /q/metrics} read the
 * figures measured every {@code vigil.operations.measure-every} (30 s), so a scrape never waits for the database.
 */
@ApplicationScoped
public class Operations {

    static final int DAYS_SHOWN = 14;
    private static final Logger LOG = Logger.getLogger(Operations.class);

    @Inject
    DataSource dataSource;

    @Inject
    ArchiveMigrations archive;

    @Inject
    MeterRegistry meters;

    @Inject
    io.vigil.web.retention.ArchiveRetention retention;

    /**
     * The archive's tables: articles (every partition: pg_total_relation_size is 0 on the partitioned table itself) and
     * their keys, their stories, why rules matched them and their features.
     */
    static final String ARCHIVE_BYTES =
            "select (select coalesce(sum(pg_total_relation_size(relid)), 0) from pg_partition_tree('article'))"
                    + " + pg_total_relation_size('article_key') + pg_total_relation_size('story')"
                    + " + pg_total_relation_size('article_match') + pg_total_relation_size('article_feature')";

    @ConfigProperty(name = "quarkus.application.version", defaultValue = "unknown")
    String version;

    @ConfigProperty(name = "quarkus.datasource.jdbc.url", defaultValue = "")
    String databaseUrl;

    private volatile Status measured;

    /** The database Vigil runs on, as a person should see it. */
    public record DatabaseLine(boolean embedded, String where, String serverVersion, long sizeBytes) {}

    /** Articles fetched on one day (UTC). */
    public record DayCount(LocalDate day, long articles) {}

    /** Everything the operations panel shows. */
    public record Status(
            String version,
            DatabaseLine database,
            long articles,
            long archiveBytes,
            List<ArchivePartitions.Shelf> shelves,
            String keep,
            List<DayCount> perDay,
            long pending,
            long dead,
            Instant oldestPending) {

        public Status {
            perDay = List.copyOf(perDay);
            shelves = List.copyOf(shelves);
        }

        /** How long the oldest notification not yet delivered has waited, in seconds (0 when none waits). */
        public long oldestPendingAgeSeconds(Instant now) {
            return oldestPending == null
                    ? 0
                    : Math.max(0, Duration.between(oldestPending, now).toSeconds());
        }

        public long busiestDay() {
            return perDay.stream().mapToLong(DayCount::articles).max().orElse(0);
        }
    }

    void registerGauges(@Observes StartupEvent event) {
        gauge("vigil.outbox.pending", "Notifications waiting to be delivered (or retried)", "", s -> s.pending());
        gauge("vigil.outbox.dead", "Notifications that gave up, waiting for a retry by hand", "", s -> s.dead());
        gauge(
                "vigil.outbox.oldest.pending.age",
                "How long the oldest notification not yet delivered has waited",
                "seconds",
                s -> s.oldestPendingAgeSeconds(Instant.now()));
        gauge("vigil.archive.articles", "Articles in the archive", "", s -> s.articles());
        gauge(
                "vigil.archive.size",
                "Disk used by the archive's tables (articles, stories, matches, features) and their indexes",
                "bytes",
                s -> s.archiveBytes());
        gauge("vigil.database.size", "Disk used by Vigil's database", "bytes", s -> s.database()
                .sizeBytes());
        gauge(
                "vigil.database.embedded",
                "1 when Vigil runs on its embedded PostgreSQL",
                "",
                s -> s.database().embedded() ? 1 : 0);
    }

    private void gauge(String name, String description, String unit, ToDoubleFunction<Status> value) {
        Gauge.Builder<Operations> builder = Gauge.builder(name, this, operations -> {
                    Status status = operations.measured;
                    return status == null ? Double.NaN : value.applyAsDouble(status);
                })
                .description(description);
        if (!unit.isEmpty()) {
            builder.baseUnit(unit);
        }
        builder.register(meters);
    }

    @Scheduled(every = "${vigil.operations.measure-every:30s}", delayed = "5s")
    void measure() {
        if (!archive.isReady()) {
            return;
        }
        try {
            measured = status();
        } catch (SQLException e) {
            LOG.debugf("operations figures not measured: %s", LoggedText.of(e.getMessage()));
        }
    }

    /** The figures now, read from the database (a few index-only queries). */
    public Status status() throws SQLException {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement()) {
            long databaseBytes = single(statement, "select pg_database_size(current_database())");
            String serverVersion = text(statement, "show server_version").split(" ")[0];
            long articles = single(statement, "select count(*) from article");
            long archiveBytes = single(statement, ARCHIVE_BYTES);
            List<ArchivePartitions.Shelf> shelves = ArchivePartitions.shelves(connection);
            Map<LocalDate, Long> days = new HashMap<>();
            LocalDate today = LocalDate.now(ZoneOffset.UTC);
            try (ResultSet rows = statement.executeQuery(
                    "select (fetched_at at time zone 'UTC')::date, count(*) from article where fetched_at >= "
                            + "(current_date - " + (DAYS_SHOWN - 1) + ")::timestamp at time zone 'UTC' group by 1")) {
                while (rows.next()) {
                    days.put(rows.getObject(1, LocalDate.class), rows.getLong(2));
                }
            }
            List<DayCount> perDay = new ArrayList<>();
            for (int back = DAYS_SHOWN - 1; back >= 0; back--) {
                LocalDate day = today.minusDays(back);
                perDay.add(new DayCount(day, days.getOrDefault(day, 0L)));
            }
            long pending;
            Instant oldest;
            try (ResultSet row =
                    statement.executeQuery("select count(*), min(created_at) from outbox where status = 'pending'")) {
                row.next();
                pending = row.getLong(1);
                var created = row.getObject(2, java.time.OffsetDateTime.class);
                oldest = created == null ? null : created.toInstant();
            }
            long dead = single(statement, "select count(*) from outbox where status = 'dead'");
            return new Status(
                    version,
                    database(serverVersion, databaseBytes),
                    articles,
                    archiveBytes,
                    shelves,
                    retention.keep().map(Object::toString).orElse(null),
                    perDay,
                    pending,
                    dead,
                    oldest);
        }
    }

    private DatabaseLine database(String serverVersion, long sizeBytes) {
        Optional<EmbeddedDatabaseConfig.DatabaseStartup> startup = EmbeddedDatabaseConfig.startup();
        Optional<String> embeddedData = startup.flatMap(EmbeddedDatabaseConfig.DatabaseStartup::embedded)
                .map(server -> server.dataDirectory().toString());
        if (embeddedData.isPresent()) {
            return new DatabaseLine(true, embeddedData.get(), serverVersion, sizeBytes);
        }
        // the URL without its parameters, which may carry credentials
        String where = databaseUrl.replaceFirst("^jdbc:postgresql://", "").replaceFirst("\\?.*$", "");
        return new DatabaseLine(false, where, serverVersion, sizeBytes);
    }

    private static long single(Statement statement, String sql) throws SQLException {
        try (ResultSet row = statement.executeQuery(sql)) {
            row.next();
            return row.getLong(1);
        }
    }

    private static String text(Statement statement, String sql) throws SQLException {
        try (ResultSet row = statement.executeQuery(sql)) {
            row.next();
            return row.getString(1);
        }
    }
}
