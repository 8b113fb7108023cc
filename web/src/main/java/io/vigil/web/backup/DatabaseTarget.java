package io.vigil.web.backup;

import io.vigil.web.database.DatabaseChoice;
import io.vigil.web.database.DefaultAddress;
import io.vigil.web.database.EmbeddedPostgres;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/**
 * The database a backup reads or a restore writes, chosen by the rule Vigil itself starts with
 * ({@link DatabaseChoice}) from the same environment: {@code QUARKUS_DATASOURCE_JDBC_URL} (with {@code _USERNAME},
 * {@code _PASSWORD}), else the server at {@code PGHOST}:{@code PGPORT}, else the embedded PostgreSQL of the state
 * folder — the running one, or one started for the job.
 */
record DatabaseTarget(String jdbcUrl, String user, String password, String description, boolean embedded) {

    /** The database, with the embedded one started if it must be ({@code mayCreate}: also when it has no data yet). */
    static DatabaseTarget resolve(Map<String, String> environment, Path state, boolean mayCreate) throws IOException {
        String url = environment.get("QUARKUS_DATASOURCE_JDBC_URL");
        String user = environment.getOrDefault("QUARKUS_DATASOURCE_USERNAME", "postgres");
        String password = environment.getOrDefault("QUARKUS_DATASOURCE_PASSWORD", "");
        DefaultAddress address = DefaultAddress.of(environment.get("PGHOST"), environment.get("PGPORT"));
        DatabaseChoice choice = DatabaseChoice.decide(
                url != null && !url.isBlank(),
                DatabaseChoice.Mode.parse(environment.get("VIGIL_DATABASE_EMBEDDED")),
                EmbeddedPostgres.hasData(state),
                address.toString(),
                () -> address.answers(Duration.ofSeconds(2)));
        return switch (choice.kind()) {
            case CONFIGURED -> new DatabaseTarget(url, user, password, "the configured database " + url, false);
            case DEFAULT_SERVER ->
                new DatabaseTarget(address.jdbcUrl(), user, password, "PostgreSQL at " + address, false);
            case EMBEDDED -> {
                if (!mayCreate && !EmbeddedPostgres.hasData(state)) {
                    throw new IOException("There is no archive to back up: QUARKUS_DATASOURCE_JDBC_URL is not set, no"
                            + " PostgreSQL answers at " + address + ", and " + EmbeddedPostgres.dataDirectory(state)
                            + " holds no embedded database.");
                }
                EmbeddedPostgres.Server server = EmbeddedPostgres.attachOrStart(state);
                yield new DatabaseTarget(
                        server.jdbcUrl(),
                        EmbeddedPostgres.USER,
                        server.password(),
                        "the embedded PostgreSQL in " + server.dataDirectory(),
                        true);
            }
        };
    }

    Connection connect() throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", user);
        properties.setProperty("password", password);
        properties.setProperty("ApplicationName", "vigil-backup");
        return DriverManager.getConnection(jdbcUrl, properties);
    }

    /** Connection arguments for pg_dump and pg_restore, and the environment that carries the password. */
    record ClientArguments(java.util.List<String> arguments, Map<String, String> environment) {}

    ClientArguments clientArguments() throws IOException {
        if (!jdbcUrl.startsWith("jdbc:postgresql://")) {
            throw new IOException("cannot back up " + jdbcUrl + ": only jdbc:postgresql://host:port/database URLs");
        }
        URI uri = URI.create(jdbcUrl.substring("jdbc:".length()));
        if (uri.getHost() == null || uri.getPath() == null || uri.getPath().length() < 2) {
            throw new IOException("cannot back up " + jdbcUrl
                    + ": the URL must name one host and a database (jdbc:postgresql://host:port/database)");
        }
        Map<String, String> env = new HashMap<>();
        env.put("PGPASSWORD", password);
        env.put("PGAPPNAME", "vigil-backup");
        if (uri.getQuery() != null) {
            for (String parameter : uri.getQuery().split("&")) {
                String[] pair = parameter.split("=", 2);
                if (pair.length == 2 && pair[0].equalsIgnoreCase("sslmode")) {
                    env.put("PGSSLMODE", pair[1]);
                }
            }
        }
        return new ClientArguments(
                java.util.List.of(
                        "--host",
                        uri.getHost(),
                        "--port",
                        Integer.toString(uri.getPort() < 0 ? 5432 : uri.getPort()),
                        "--username",
                        user,
                        "--dbname",
                        uri.getPath().substring(1)),
                env);
    }
}
