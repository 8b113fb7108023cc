package io.vigil.web.backup;

import java.io.IOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collections;
import java.util.Optional;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.flywaydb.core.api.MigrationVersion;

/** The Flyway schema versions a backup compares: the one a database is at, and the newest this Vigil ships. */
final class SchemaVersions {

    private static final Pattern MIGRATION = Pattern.compile("(?:.*/)?V([0-9][0-9._]*)__[^/]*\\.sql");

    private SchemaVersions() {}

    /** The version of the last successful migration in {@code connection}'s database, if it holds Vigil's schema. */
    static Optional<MigrationVersion> of(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            ResultSet exists = statement.executeQuery("select to_regclass('public.flyway_schema_history') is not null");
            exists.next();
            if (!exists.getBoolean(1)) {
                return Optional.empty();
            }
            ResultSet rows = statement.executeQuery(
                    "select version from public.flyway_schema_history where success and version is not null");
            MigrationVersion newest = null;
            while (rows.next()) {
                MigrationVersion version = MigrationVersion.fromVersion(rows.getString(1));
                if (newest == null || version.isNewerThan(newest)) {
                    newest = version;
                }
            }
            return Optional.ofNullable(newest);
        }
    }

    /** The newest migration on the class path ({@code db/migration/V…__….sql}): the schema this Vigil brings. */
    static MigrationVersion newestKnown() throws IOException {
        MigrationVersion newest = MigrationVersion.EMPTY;
        for (URL folder : Collections.list(SchemaVersions.class.getClassLoader().getResources("db/migration"))) {
            for (String name : names(folder)) {
                Matcher matcher = MIGRATION.matcher(name);
                if (matcher.matches()) {
                    MigrationVersion version =
                            MigrationVersion.fromVersion(matcher.group(1).replace('_', '.'));
                    if (version.isNewerThan(newest)) {
                        newest = version;
                    }
                }
            }
        }
        if (newest == MigrationVersion.EMPTY) {
            throw new IOException("this Vigil's schema migrations (db/migration) are not on the class path");
        }
        return newest;
    }

    private static Iterable<String> names(URL folder) throws IOException {
        if (folder.getProtocol().equals("jar")) {
            JarURLConnection connection = (JarURLConnection) folder.openConnection();
            connection.setUseCaches(false);
            try (JarFile jar = connection.getJarFile()) {
                return jar.stream()
                        .map(java.util.zip.ZipEntry::getName)
                        .filter(name -> name.startsWith("db/migration/"))
                        .toList();
            }
        }
        try (Stream<Path> files = Files.list(Path.of(folder.toURI()))) {
            return files.map(path -> path.getFileName().toString()).toList();
        } catch (URISyntaxException e) {
            throw new IOException(e);
        }
    }
}
