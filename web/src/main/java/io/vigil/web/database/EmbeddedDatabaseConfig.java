package io.vigil.web.database;

import io.quarkus.runtime.Application;
import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Decides which PostgreSQL Vigil uses ({@link DatabaseChoice}) while Quarkus reads its configuration, before the
 * datasource exists, and starts the {@link EmbeddedPostgres} when that is the choice: the datasource URL, user and
 * password it answers then name the embedded server. This runs in Vigil's JVM rather than in the {@code vigil} script so
 * that every way of starting Vigil (the script, {@code java -jar}, the container, the tests' packaged app) behaves the
 * same, the decision reads the very configuration Quarkus then uses, and the server stops with the JVM.
 *
 * <p>Quarkus also reads the configuration while it builds the application: nothing is started then (there is no
 * {@link Application} yet). A failure to start the embedded server is kept for {@link DatabaseNotice} to report, and
 * Vigil goes on as without it (waiting for a server at the default address).
 */
public class EmbeddedDatabaseConfig implements ConfigSourceFactory {

    /** Above the application's own application.properties (250), below every source a person configures. */
    static final int ORDINAL = 255;

    private static final int APPLICATION_PROPERTIES = 250;
    private static volatile DatabaseStartup startup;

    /** What was decided at start-up, with the embedded server or why it did not start. */
    public record DatabaseStartup(
            DatabaseChoice choice, Optional<EmbeddedPostgres.Server> embedded, Optional<String> failure) {}

    /** What this JVM's start-up decided, if Vigil started (not in a build or a plain test). */
    public static Optional<DatabaseStartup> startup() {
        return Optional.ofNullable(startup);
    }

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        if (Application.currentApplication() == null) {
            return List.of();
        }
        ConfigValue url = context.getValue("quarkus.datasource.jdbc.url");
        boolean configured =
                url != null && url.getValue() != null && url.getConfigSourceOrdinal() > APPLICATION_PROPERTIES;
        DatabaseChoice.Mode mode = DatabaseChoice.Mode.parse(value(context, "vigil.database.embedded"));
        if (context.getProfiles().contains("test") && value(context, "vigil.database.embedded") == null) {
            mode = DatabaseChoice.Mode.NEVER;
        }
        Path state =
                Path.of(Optional.ofNullable(value(context, "vigil.state-dir")).orElse(".vigil"));
        DefaultAddress address = DefaultAddress.of(value(context, "PGHOST"), value(context, "PGPORT"));
        DatabaseChoice choice = DatabaseChoice.decide(
                configured,
                mode,
                EmbeddedPostgres.hasData(state),
                address.toString(),
                () -> address.answers(Duration.ofSeconds(2)));
        return switch (choice.kind()) {
            case CONFIGURED -> {
                startup = new DatabaseStartup(choice, Optional.empty(), Optional.empty());
                yield List.of();
            }
            case DEFAULT_SERVER -> {
                startup = new DatabaseStartup(choice, Optional.empty(), Optional.empty());
                yield List.of(source(Map.of("quarkus.datasource.jdbc.url", address.jdbcUrl())));
            }
            case EMBEDDED -> {
                try {
                    EmbeddedPostgres.Server server = EmbeddedPostgres.start(state);
                    startup = new DatabaseStartup(choice, Optional.of(server), Optional.empty());
                    yield List.of(source(Map.of(
                            "quarkus.datasource.jdbc.url", server.jdbcUrl(),
                            "quarkus.datasource.username", EmbeddedPostgres.USER,
                            "quarkus.datasource.password", server.password())));
                } catch (Exception e) {
                    startup = new DatabaseStartup(choice, Optional.empty(), Optional.of(e.getMessage()));
                    yield List.of(source(Map.of("quarkus.datasource.jdbc.url", address.jdbcUrl())));
                }
            }
        };
    }

    private static String value(ConfigSourceContext context, String name) {
        ConfigValue value = context.getValue(name);
        return value == null ? null : value.getValue();
    }

    private static ConfigSource source(Map<String, String> properties) {
        return new PropertiesConfigSource(properties, "Vigil database choice", ORDINAL);
    }

    @Override
    public OptionalInt getPriority() {
        return OptionalInt.of(ORDINAL);
    }
}
