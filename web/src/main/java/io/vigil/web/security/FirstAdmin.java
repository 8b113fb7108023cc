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
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import javax.sql.DataSource;
import org.jboss.logging.Logger;

/**
 * Creates the first admin from {@code VIGIL_ADMIN_USER} / {@code VIGIL_ADMIN_PASSWORD} when the users table is empty,
 * and refuses to start outside dev and test mode when that password is missing or weak and there is nobody yet who
 * could sign in. Once users exist the variables change nothing, so Vigil starts without them and says so.
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

    @Inject
    DataSource database;

    private volatile boolean checked;

    void onStart(@Observes StartupEvent event) {
        if (LaunchMode.current().isDevOrTest()) {
            return;
        }
        String user = admin.user();
        Optional<String> problem =
                AdminPasswordPolicy.problem(user, admin.password().orElse(null));
        if (problem.isEmpty()) {
            return;
        }
        switch (existingUsers()) {
            case SOME ->
                LOG.info(
                        admin.password().isPresent()
                                ? "Users exist already: VIGIL_ADMIN_PASSWORD is not used (it changes nobody's password)"
                                : "Users exist already: starting without VIGIL_ADMIN_PASSWORD, which only the first start needs");
            case NONE -> {
                LOG.error("Vigil does not start: " + problem.get());
                throw new ConfigurationException("Vigil does not start: " + problem.get());
            }
            case UNKNOWN ->
                // PostgreSQL is not up yet (ArchiveMigrations keeps trying): refusing now would stop an install whose
                // admin exists. ensureCreated() applies the policy before it creates anyone.
                LOG.warnf(
                        "Starting without knowing whether users exist (PostgreSQL does not answer yet); if there are"
                                + " none, the first admin is not created: %s",
                        problem.get());
        }
    }

    private enum ExistingUsers {
        SOME,
        NONE,
        UNKNOWN
    }

    /** Whether the archive holds users, asked of the database directly: the schema may not be migrated yet. */
    private ExistingUsers existingUsers() {
        try (Connection connection = database.getConnection();
                Statement statement = connection.createStatement()) {
            ResultSet table = statement.executeQuery("select to_regclass('users') is not null");
            if (!table.next() || !table.getBoolean(1)) {
                return ExistingUsers.NONE; // a fresh database: the schema comes with the first migration
            }
            ResultSet any = statement.executeQuery("select exists (select 1 from users)");
            return any.next() && any.getBoolean(1) ? ExistingUsers.SOME : ExistingUsers.NONE;
        } catch (SQLException | RuntimeException e) {
            return ExistingUsers.UNKNOWN;
        }
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
                Optional<String> weak = LaunchMode.current().isDevOrTest()
                        ? Optional.empty()
                        : AdminPasswordPolicy.problem(admin.user(), password);
                if (weak.isPresent()) {
                    // Reached only when the start-up check could not ask PostgreSQL whether users exist.
                    LOG.error("No users yet and the first admin is not created: " + weak.get() + "; then restart");
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
