package io.vigil.web.security;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import org.flywaydb.core.Flyway;

/**
 * Test support: the test database as an archive from before creators were recorded. Runs after {@code TestDatabase}
 * made the database afresh (a higher order), migrates it with Flyway up to version 135 only, and fills it with what
 * the team had then: three rules, a silence in force, a channel and a source, none of which records a maker.
 */
public class TeamObjectsAtVersion135 implements QuarkusTestResourceLifecycleManager {

    /** The rules the archive holds before the migration. */
    static final int OLD_RULES = 3;

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
                .target("135")
                .load()
                .migrate();
        try (Connection connection = DriverManager.getConnection(url, "postgres", "");
                Statement statement = connection.createStatement()) {
            statement.execute("insert into rule (name, query) select 'old rule ' || g, 'old' || g"
                    + " from generate_series(1, " + OLD_RULES + ") g");
            statement.execute("insert into silence (query, until, comment)"
                    + " values ('old', now() + interval '30 days', 'from before')");
            statement.execute("insert into channel (type, name, config)"
                    + " values ('webhook', 'old channel', '{\"url\": \"https://a.example.org/old\"}')");
            statement.execute("insert into source (type, name, config, enabled)"
                    + " values ('rss', 'old source', '{\"url\": \"https://a.example.org/old.xml\"}', false)");
        } catch (SQLException e) {
            throw new IllegalStateException("the archive at version 135 could not be filled: " + e.getMessage(), e);
        }
        return Map.of();
    }

    @Override
    public void stop() {
        // The database stays for inspection after a run; the next run drops it.
    }
}
