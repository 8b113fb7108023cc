package io.vigil.web.security;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.ConfigurationException;
import io.vigil.engine.archive.ArchiveMigrations;
import io.vigil.engine.archive.ArchiveReady;
import io.vigil.engine.input.LoggedText;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

/**
 * Creates the first admin from {@code VIGIL_ADMIN_USER} / {@code VIGIL_ADMIN_PASSWORD} when the users table is empty,
 * and refuses to start outside dev and test mode when that password is missing or weak.
 *
 * <p>The check runs at start-up; the admin is created once the archive is migrated, which may be later (PostgreSQL
 * down at start). A login that arrives in between asks {@link #ensureCreated()} itself. Thread-safe.
 */
@ApplicationScoped
public class FirstAdmin {

    private static final Logger LOG = Logger.getLogger(FirstAdmin.class);

    @Inject
    SecuritySettings.Admin admin;

    @Inject
    ArchiveMigrations archive;

    private volatile boolean checked;

    void onStart(@Observes StartupEvent event) {
        if (LaunchMode.current().isDevOrTest()) {
            return;
        }
        String user = admin.user();
        AdminPasswordPolicy.problem(user, admin.password().orElse(null)).ifPresent(problem -> {
            LOG.error("Vigil does not start: " + problem);
            throw new ConfigurationException("Vigil does not start: " + problem);
        });
    }

    void onArchiveReady(@Observes ArchiveReady ready) {
        try {
            ensureCreated();
        } catch (RuntimeException e) {
            // never fail the archive's start-up: the first login tries again
            LOG.errorf("Could not create the first admin yet: %s", LoggedText.of(e.getMessage()));
        }
    }

    /** Creates the first admin if the archive is ready and has no user yet; does nothing after the first success. */
    public void ensureCreated() {
        if (checked || !archive.isReady()) {
            return;
        }
        synchronized (this) {
            if (checked) {
                return;
            }
            QuarkusTransaction.requiringNew().run(() -> {
                if (User.count() > 0) {
                    return;
                }
                String password = admin.password().orElse(null);
                if (password == null || password.isBlank()) {
                    LOG.warn("No users yet and VIGIL_ADMIN_PASSWORD is not set: nobody can log in");
                    return;
                }
                if (PasswordRules.tooLong(password)) {
                    // Checked here, not at start: once the first admin exists the variable changes nothing, and an
                    // install whose variable is long must keep starting.
                    LOG.error("No users yet and VIGIL_ADMIN_PASSWORD is too long, " + PasswordRules.TOO_LONG
                            + ": the first admin is not created; shorten it and restart");
                    return;
                }
                User.create(admin.user(), password, Role.ADMIN).persist();
                LOG.infof("Created the first admin, %s", admin.user());
            });
            checked = true;
        }
    }
}
