package io.vigil.web.testing;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

/**
 * Gives the tests a PostgreSQL database of their own, created afresh for each test run, so they never touch the
 * database a running Vigil uses and always start from an empty archive.
 *
 * <p>The server is the one Vigil's defaults name (localhost:5432, user postgres); override with the system properties
 * {@code vigil.test.database} (the name, default {@code vigil_test}) and {@code vigil.test.server}
 * ({@code host:port}).
 */
@QuarkusTestResource(value = TestDatabase.class, restrictToAnnotatedClass = false)
public class TestDatabase implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        String server = System.getProperty("vigil.test.server", "localhost:5432");
        String name = System.getProperty("vigil.test.database", "vigil_test");
        if (!name.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("vigil.test.database must be a plain lowercase name, not " + name);
        }
        try (Connection admin =
                        DriverManager.getConnection("jdbc:postgresql://" + server + "/postgres", "postgres", "");
                Statement statement = admin.createStatement()) {
            statement.execute("drop database if exists " + name + " with (force)");
            statement.execute("create database " + name);
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "the tests need PostgreSQL at " + server + " (user postgres, no password): " + e.getMessage(), e);
        }
        return Map.of("quarkus.datasource.jdbc.url", "jdbc:postgresql://" + server + "/" + name);
    }

    @Override
    public void stop() {
        // The database stays for inspection after a run; the next run drops it.
    }
}
