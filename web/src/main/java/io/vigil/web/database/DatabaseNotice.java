package io.vigil.web.database;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/**
 * Says in one log line at start-up that Vigil runs on its embedded PostgreSQL (a warning outside dev mode: it is meant
 * for a first run, not for production), or why the embedded server could not start.
 */
@ApplicationScoped
public class DatabaseNotice {

    private static final Logger LOG = Logger.getLogger(DatabaseNotice.class);

    void onStart(@Observes StartupEvent event) {
        EmbeddedDatabaseConfig.startup().ifPresent(startup -> {
            startup.failure()
                    .ifPresent(failure -> LOG.errorf(
                            "The embedded PostgreSQL could not start (%s): %s",
                            startup.choice().reason(), failure));
            startup.embedded().ifPresent(server -> {
                String line = String.format(
                        "Using the embedded PostgreSQL on 127.0.0.1:%d with its data in %s (%s); for production,"
                                + " configure a PostgreSQL server with QUARKUS_DATASOURCE_JDBC_URL (docs/operations.md)",
                        server.port(), server.dataDirectory(), startup.choice().reason());
                if (LaunchMode.current() == LaunchMode.NORMAL) {
                    LOG.warn(line);
                } else {
                    LOG.info(line);
                }
            });
        });
    }
}
