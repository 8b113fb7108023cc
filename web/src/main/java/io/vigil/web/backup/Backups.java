package io.vigil.web.backup;

import io.vigil.web.database.EmbeddedPostgres;
import io.vigil.web.database.SystemCommand;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.flywaydb.core.api.MigrationVersion;

/**
 * {@code ./vigil backup [FILE]} and {@code ./vigil restore FILE [--replace]}: the archive as {@code pg_dump} writes it
 * plus the secrets key file, and back. A restore checks before it writes anything: the backup's schema must not be
 * newer than this Vigil's, no Vigil may be connected to the target, and the target must be empty unless
 * {@code --replace} is given — and then the database it replaces is backed up first. The restore runs in one
 * transaction: it lands whole or not at all.
 */
public final class Backups {

    private static final Duration DUMP_LIMIT = Duration.ofHours(6);
    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    private final Map<String, String> environment;
    private final Path state;
    private final PrintStream out;

    /** Thrown for a backup or restore refused or failed, with the sentence to show. */
    public static final class Refused extends Exception {
        Refused(String message) {
            super(message);
        }
    }

    public Backups(Map<String, String> environment, Path state, PrintStream out) {
        this.environment = Map.copyOf(environment);
        this.state = state;
        this.out = out;
    }

    /** The default backup file for now: {@code backups/vigil-<UTC time>.tar}. */
    public static Path defaultFile(Instant now) {
        return Path.of("backups", "vigil-" + STAMP.format(now) + ".tar");
    }

    /** Backs the archive (and the secrets key file, if there is one) up into {@code target}. */
    public void backup(Path target) throws Refused, IOException {
        DatabaseTarget database = DatabaseTarget.resolve(environment, state, false);
        try {
            backup(database, target);
        } finally {
            EmbeddedPostgres.stop();
        }
    }

    private Properties backup(DatabaseTarget database, Path target) throws Refused, IOException {
        Properties manifest = new Properties();
        int serverMajor;
        try (Connection connection = database.connect()) {
            MigrationVersion schema = SchemaVersions.of(connection)
                    .orElseThrow(() -> new Refused(capitalized(database.description())
                            + " holds no Vigil archive (no Flyway" + " schema history): nothing to back up."));
            serverMajor = serverMajor(connection);
            manifest.setProperty("format", BackupFile.FORMAT);
            manifest.setProperty("schemaVersion", schema.getVersion());
            manifest.setProperty("createdAt", Instant.now().toString());
            manifest.setProperty("database", database.embedded() ? "embedded" : "server");
            manifest.setProperty("postgresVersion", serverVersion(connection));
        } catch (SQLException e) {
            throw new Refused("Cannot read " + database.description() + ": " + e.getMessage());
        }
        PostgresClient client = PostgresClient.find(serverMajor);
        Path secretsKey = state.resolve("secrets-key");
        boolean withKey = Files.isRegularFile(secretsKey);
        boolean keyInEnvironment = environment.containsKey("VIGIL_SECRETS_KEY");
        manifest.setProperty("secretsKey", withKey ? "included" : keyInEnvironment ? "environment" : "none");
        Path work = Files.createTempDirectory("vigil-backup-");
        try {
            Path dump = work.resolve(BackupFile.DUMP);
            DatabaseTarget.ClientArguments connection = database.clientArguments();
            List<String> command = new ArrayList<>(List.of(
                    client.pgDump().toString(),
                    "--format=custom",
                    "--no-owner",
                    "--no-privileges",
                    "--file",
                    dump.toString()));
            command.addAll(connection.arguments());
            SystemCommand.Result result = new SystemCommand(command, connection.environment()).run(DUMP_LIMIT);
            if (!result.succeeded()) {
                throw new Refused("pg_dump failed: " + result.tail());
            }
            BackupFile.write(target, manifest, dump, withKey ? Optional.of(secretsKey) : Optional.empty());
            out.printf(
                    "Backed up %s (schema version %s, %s) to %s%n",
                    database.description(),
                    manifest.getProperty("schemaVersion"),
                    megabytes(Files.size(target)),
                    target);
            if (withKey) {
                out.println("The backup holds the secrets key (" + secretsKey + "): keep it as safe as the key.");
            } else if (keyInEnvironment) {
                out.println("The secrets key comes from VIGIL_SECRETS_KEY and is not in the backup: keep it with the"
                        + " backup, or the channel secrets in it cannot be read.");
            }
            return manifest;
        } finally {
            deleteTree(work);
        }
    }

    /** Restores {@code source} into the target database, refusing a newer schema and, without replace, a used database. */
    public void restore(Path source, boolean replace) throws Refused, IOException {
        if (!Files.isRegularFile(source)) {
            throw new Refused("There is no backup file " + source);
        }
        Path work = Files.createTempDirectory("vigil-restore-");
        try {
            BackupFile.Contents contents = BackupFile.read(source, work);
            Properties manifest = contents.manifest();
            if (!BackupFile.FORMAT.equals(manifest.getProperty("format"))) {
                throw new Refused(source + " is a backup of format " + manifest.getProperty("format")
                        + ", and this Vigil reads format " + BackupFile.FORMAT + ": restore it with a newer Vigil.");
            }
            MigrationVersion backupSchema = MigrationVersion.fromVersion(manifest.getProperty("schemaVersion"));
            MigrationVersion known = SchemaVersions.newestKnown();
            if (backupSchema.isNewerThan(known)) {
                throw new Refused("The backup's schema is version " + backupSchema + " and this Vigil knows versions"
                        + " up to " + known + ": restore it with a Vigil at least as new as the one that made it.");
            }
            if (EmbeddedPostgres.runningElsewhere(state).isPresent()) {
                throw new Refused("Vigil is running on the embedded PostgreSQL in "
                        + EmbeddedPostgres.dataDirectory(state) + ": stop it before restoring.");
            }
            DatabaseTarget database = DatabaseTarget.resolve(environment, state, true);
            try {
                restore(database, contents, replace);
            } finally {
                EmbeddedPostgres.stop();
            }
        } finally {
            deleteTree(work);
        }
    }

    private void restore(DatabaseTarget database, BackupFile.Contents contents, boolean replace)
            throws Refused, IOException {
        int serverMajor;
        try (Connection connection = database.connect()) {
            serverMajor = serverMajor(connection);
            int vigils = count(
                    connection,
                    "select count(*) from pg_stat_activity where datname = current_database()"
                            + " and application_name = 'vigil' and pid <> pg_backend_pid()");
            if (vigils > 0) {
                throw new Refused("Vigil is running on " + database.description() + " (" + vigils
                        + " connections): stop it before restoring.");
            }
            int tables = count(
                    connection,
                    "select count(*) from information_schema.tables where table_schema not in ('pg_catalog',"
                            + " 'information_schema')");
            if (tables > 0 && !replace) {
                String schema = SchemaVersions.of(connection)
                        .map(version -> " (a Vigil archive of schema version " + version + ")")
                        .orElse("");
                throw new Refused(
                        capitalized(database.description()) + " is not empty: it holds " + tables + " tables" + schema
                                + ". Restore into an empty database, or add --replace to replace it (what it holds is"
                                + " backed up first).");
            }
            if (tables > 0) {
                if (SchemaVersions.of(connection).isPresent()) {
                    Path safety =
                            state.resolve("backups").resolve("before-restore-" + STAMP.format(Instant.now()) + ".tar");
                    backup(database, safety);
                }
                try (Statement statement = connection.createStatement()) {
                    statement.execute("drop schema public cascade");
                    statement.execute("create schema public");
                }
            }
        } catch (SQLException e) {
            throw new Refused("Cannot prepare " + database.description() + ": " + e.getMessage());
        }
        PostgresClient client = PostgresClient.find(serverMajor);
        DatabaseTarget.ClientArguments connection = database.clientArguments();
        List<String> command = new ArrayList<>(List.of(
                client.pgRestore().toString(),
                "--exit-on-error",
                "--single-transaction",
                "--no-owner",
                "--no-privileges"));
        command.addAll(connection.arguments());
        command.add(contents.dump().toString());
        SystemCommand.Result result = new SystemCommand(command, connection.environment()).run(DUMP_LIMIT);
        if (!result.succeeded()) {
            throw new Refused("pg_restore failed, nothing was restored: " + result.tail());
        }
        if (contents.secretsKey().isPresent()) {
            restoreSecretsKey(contents.secretsKey().get());
        }
        out.printf(
                "Restored the backup (schema version %s, made %s) into %s%n",
                contents.manifest().getProperty("schemaVersion"),
                contents.manifest().getProperty("createdAt"),
                database.description());
    }

    private void restoreSecretsKey(byte[] key) throws IOException {
        Path file = state.resolve("secrets-key");
        Files.createDirectories(state);
        if (Files.isRegularFile(file)) {
            if (Arrays.equals(Files.readAllBytes(file), key)) {
                return;
            }
            Path kept = state.resolve("secrets-key.before-restore-" + STAMP.format(Instant.now()));
            Files.move(file, kept, StandardCopyOption.ATOMIC_MOVE);
            out.println("The secrets key in " + file + " was replaced by the backup's; the old one is in " + kept);
        }
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.write(file, key);
        out.println("Restored the secrets key to " + file);
        if (environment.containsKey("VIGIL_SECRETS_KEY")) {
            out.println("VIGIL_SECRETS_KEY is set and Vigil uses it before " + file + ": the restored channel secrets"
                    + " need the backup's key.");
        }
    }

    private static int serverMajor(Connection connection) throws SQLException {
        return count(connection, "select current_setting('server_version_num')::int / 10000");
    }

    private static String serverVersion(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("show server_version")) {
            row.next();
            return row.getString(1);
        }
    }

    private static int count(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery(sql)) {
            row.next();
            return row.getInt(1);
        }
    }

    private static String capitalized(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    private static String megabytes(long bytes) {
        return String.format("%.1f MB", bytes / 1_000_000.0);
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (var paths = Files.walk(root)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
