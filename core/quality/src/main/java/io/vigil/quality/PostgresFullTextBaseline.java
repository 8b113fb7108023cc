package io.vigil.quality;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The baseline PostgreSQL gives for free: {@code to_tsvector('english', title || ' ' || body) @@
 * websearch_to_tsquery('english', rule)}, the rule text passed unchanged, on a real server in a database of the
 * benchmark's own that is created afresh for each run (user {@code postgres} without a password, as Vigil's defaults
 * assume).
 */
public final class PostgresFullTextBaseline implements MatchingSystem {

    private final String server;
    private final String database;
    private final Map<String, String> problems = new LinkedHashMap<>();

    /**
     * @param server {@code host:port}
     * @param database a plain lowercase name; the database is dropped and created again
     */
    public PostgresFullTextBaseline(String server, String database) {
        if (!database.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("the database name must be plain lowercase, not " + database);
        }
        this.server = server;
        this.database = database;
    }

    @Override
    public String name() {
        return "PostgreSQL websearch";
    }

    @Override
    public Map<String, Set<String>> match(LabelledSet set) throws SQLException {
        problems.clear();
        try (Connection admin = connect("postgres");
                Statement statement = admin.createStatement()) {
            statement.execute("drop database if exists " + database + " with (force)");
            statement.execute("create database " + database);
        }
        Map<String, Set<String>> matches = new LinkedHashMap<>();
        try (Connection connection = connect(database)) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("create table item (id text primary key, title text not null, body text not null)");
            }
            try (PreparedStatement insert = connection.prepareStatement("insert into item values (?, ?, ?)")) {
                for (LabelledItem item : set.items()) {
                    insert.setString(1, item.id());
                    insert.setString(2, item.title());
                    insert.setString(3, item.body());
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            try (PreparedStatement select =
                    connection.prepareStatement("select id from item where to_tsvector('english', title || ' ' || body)"
                            + " @@ websearch_to_tsquery('english', ?)")) {
                for (LabelledRule rule : set.rules()) {
                    Set<String> matched = new TreeSet<>();
                    matches.put(rule.id(), matched);
                    select.setString(1, rule.query());
                    try (ResultSet rows = select.executeQuery()) {
                        while (rows.next()) {
                            matched.add(rows.getString(1));
                        }
                    }
                }
            }
        }
        return matches;
    }

    @Override
    public Map<String, String> problems() {
        return Map.copyOf(problems);
    }

    private Connection connect(String name) throws SQLException {
        try {
            return DriverManager.getConnection("jdbc:postgresql://" + server + "/" + name, "postgres", "");
        } catch (SQLException e) {
            throw new SQLException(
                    "the PostgreSQL baseline needs PostgreSQL at " + server + " (user postgres, no password): "
                            + e.getMessage(),
                    e);
        }
    }
}
