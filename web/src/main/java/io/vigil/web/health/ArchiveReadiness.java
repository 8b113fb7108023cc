package io.vigil.web.health;

import io.vigil.engine.archive.ArchiveMigrations;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready once the archive's schema is migrated; until then, why not (usually: PostgreSQL is down) goes to the log. */
@Readiness
@ApplicationScoped
public class ArchiveReadiness implements HealthCheck {

    @Inject
    ArchiveMigrations archive;

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.named("archive");
        return archive.isReady()
                ? response.up().build()
                : response.down()
                        .withData("problem", String.valueOf(archive.problem()))
                        .build();
    }
}
