package io.vigil.web.rule;

import io.vigil.web.testing.DatabaseAtVersion;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Test support: the test database as a Vigil before rule names were unique (version 150), holding three rules named
 * {@code border} (ids in order of making), one named {@code border (2)} already and one named {@code other}.
 */
public class RulesAtVersion150 extends DatabaseAtVersion {

    public RulesAtVersion150() {
        super("150");
    }

    @Override
    protected void fill(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("insert into rule (name, query) values ('border', 'border'), ('border (2)', 'wall'),"
                    + " ('border', 'border fence'), ('other', 'other'), ('border', 'border wall')");
        }
    }
}
