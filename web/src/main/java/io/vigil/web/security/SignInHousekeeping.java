package io.vigil.web.security;

import io.quarkus.scheduler.Scheduled;
import io.vigil.engine.archive.ArchiveMigrations;
import io.vigil.engine.input.LoggedText;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

/**
 * Deletes what sign-in no longer needs: ended sessions, expired password verifications and old failed sign-ins. Ended
 * rows already sign nobody in (every read checks the times); this only keeps the tables small. Harmless to run on
 * several instances at once.
 */
@ApplicationScoped
public class SignInHousekeeping {

    private static final Logger LOG = Logger.getLogger(SignInHousekeeping.class);

    @Inject
    Sessions sessions;

    @Inject
    VerifiedPasswords verifiedPasswords;

    @Inject
    LoginThrottle throttle;

    @Inject
    ArchiveMigrations archive;

    @Scheduled(every = "10m", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void deleteEnded() {
        if (!archive.isReady()) {
            return;
        }
        try {
            int ended = sessions.deleteEnded() + verifiedPasswords.deleteExpired() + throttle.forgetOld();
            if (ended > 0) {
                LOG.debugf("deleted %d ended sign-in records", ended);
            }
        } catch (RuntimeException e) {
            LOG.warnf("could not delete ended sign-in records: %s", LoggedText.of(e.getMessage()));
        }
    }
}
