package io.vigil.engine.watch;

import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.ShutdownEvent;
import io.vigil.engine.archive.ArchiveReady;
import io.vigil.engine.input.LoggedText;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashSet;
import java.util.Set;
import org.jboss.logging.Logger;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * Brings a rule change made on any instance sharing the database into this instance's {@link RuleBook} as soon as it
 * commits: a trigger on {@code rule} (migration V75) sends the rule's id on the {@code vigil_rule_changed} channel, and
 * a daemon thread here listens on its own connection and patches the book. PostgreSQL delivers a notification at
 * commit, so the change is live here within the listener's wait (at most {@link #WAIT_MILLIS}) plus one recompile.
 *
 * <p>When the connection is lost, notifications sent meanwhile are lost too: after reconnecting the book is
 * re-synchronised whole. The periodic re-check of {@link RuleBook} stays as the last safety net.
 */
@ApplicationScoped
public class RuleChangeListener {

    private static final Logger LOG = Logger.getLogger(RuleChangeListener.class);

    static final String CHANNEL = "vigil_rule_changed";
    static final int WAIT_MILLIS = 250;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    RuleBook rules;

    private volatile boolean running;
    private Thread thread;

    synchronized void onArchiveReady(@Observes ArchiveReady ready) {
        if (thread != null) {
            return;
        }
        running = true;
        thread = Thread.ofPlatform().daemon().name("vigil-rule-changes").start(this::listen);
    }

    synchronized void onShutdown(@Observes ShutdownEvent event) {
        running = false;
        if (thread != null) {
            thread.interrupt();
        }
    }

    private void listen() {
        boolean resynchronize = false;
        while (running) {
            try (Connection connection = dataSource.getConnection()) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("listen " + CHANNEL);
                }
                if (resynchronize) {
                    // Changes committed while nobody listened reached no one.
                    rules.synchronize();
                }
                resynchronize = true;
                PGConnection listening = connection.unwrap(PGConnection.class);
                while (running) {
                    PGNotification[] notices = listening.getNotifications(WAIT_MILLIS);
                    if (notices == null || notices.length == 0) {
                        continue;
                    }
                    Set<Long> changed = new LinkedHashSet<>();
                    for (PGNotification notice : notices) {
                        try {
                            changed.add(Long.parseLong(notice.getParameter()));
                        } catch (NumberFormatException e) {
                            LOG.warnf(
                                    "ignoring a rule notice that names no rule: '%s'",
                                    LoggedText.of(notice.getParameter()));
                        }
                    }
                    if (changed.size() == 1) {
                        rules.refresh(changed.iterator().next());
                    } else if (!changed.isEmpty()) {
                        // Patching rebuilds the matcher once per rule: 1,000 rules saved in one statement arrive as
                        // 1,000 notices, and one re-read that recompiles only the rules whose version moved is
                        // one rebuild instead of a thousand.
                        rules.synchronize();
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (!running) {
                    return;
                }
                LOG.warnf(
                        "listening for rule changes failed (%s); trying again in a second",
                        LoggedText.of(e.getMessage()));
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException interrupted) {
                    return;
                }
            }
        }
    }
}
