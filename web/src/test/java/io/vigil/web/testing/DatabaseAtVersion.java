package io.vigil.web.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import org.flywaydb.core.Flyway;

/**
 * Test support for a migration test: the test database as an older Vigil left it. Runs after {@link TestDatabase} made
 * the database afresh (a higher order), migrates it with Flyway up to {@link #version()} only and lets the subclass
 * {@linkplain #fill(Connection) fill it}; the application's own start-up then runs the migrations after that version
 * on what is there. Used with {@code @QuarkusTestResource(value = …, restrictToAnnotatedClass = true)}.
 */
public abstract class DatabaseAtVersion implements QuarkusTestResourceLifecycleManager {

    private final String version;

    /** @param version the last migration applied before the fill, such as {@code "90"} */
    protected DatabaseAtVersion(String version) {
        this.version = version;
    }

    /** The last migration applied before the fill. */
    public String version() {
        return version;
    }

    /** Writes what the archive held at {@link #version()}, through {@code connection} (auto-commit). */
    protected abstract void fill(Connection connection) throws SQLException;

    @Override
    public int order() {
        return 100;
    }

    @Override
    public Map<String, String> start() {
        String server = System.getProperty("vigil.test.server", "localhost:5432");
        String url = "jdbc:postgresql://" + server + "/" + System.getProperty("vigil.test.database", "vigil_test");
        Flyway.configure()
                .dataSource(url, "postgres", "")
                .locations("classpath:db/migration")
                .target(version)
                .load()
                .migrate();
        try (Connection connection = DriverManager.getConnection(url, "postgres", "")) {
            fill(connection);
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "the archive at version " + version + " could not be filled: " + e.getMessage(), e);
        }
        return Map.of();
    }

    @Override
    public void stop() {
        // The database stays for inspection after a run; the next run drops it.
    }
}
