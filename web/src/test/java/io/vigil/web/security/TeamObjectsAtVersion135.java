package io.vigil.web.security;

import io.vigil.web.testing.DatabaseAtVersion;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Test support: the test database as an archive from before creators were recorded, at version 135, filled with what
 * the team had then: three rules, a silence in force, a channel and a source, none of which records a maker.
 */
public class TeamObjectsAtVersion135 extends DatabaseAtVersion {

    /** The rules the archive holds before the migration. */
    static final int OLD_RULES = 3;

    public TeamObjectsAtVersion135() {
        super("135");
    }

    @Override
    protected void fill(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("insert into rule (name, query) select 'old rule ' || g, 'old' || g"
                    + " from generate_series(1, " + OLD_RULES + ") g");
            statement.execute("insert into silence (query, until, comment)"
                    + " values ('old', now() + interval '30 days', 'from before')");
            statement.execute("insert into channel (type, name, config)"
                    + " values ('webhook', 'old channel', '{\"url\": \"https://a.example.org/old\"}')");
            statement.execute("insert into source (type, name, config, enabled)"
                    + " values ('rss', 'old source', '{\"url\": \"https://a.example.org/old.xml\"}', false)");
        }
    }
}
