package io.vigil.web.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows password guessing: after {@code vigil.login.max-failures} failed logins in a row for one username from one
 * client address, that pair is refused — right password or not — until {@code vigil.login.lockout} has passed.
 *
 * <p>Kept in memory: each instance counts its own failures, which still bounds guessing to a few attempts a minute per
 * instance. Thread-safe.
 */
@ApplicationScoped
public class LoginThrottle {

    /** Beyond this many tracked pairs the oldest lockouts are forgotten, so a flood of names cannot fill the heap. */
    static final int MAX_TRACKED = 10_000;

    private record Failures(int count, Instant lockedUntil) {}

    @Inject
    SecuritySettings settings;

    Clock clock = Clock.systemUTC();

    private final Map<String, Failures> failures = new ConcurrentHashMap<>();

    /** Whether a login for {@code username} from {@code address} may be tried now. */
    public boolean allows(String username, String address) {
        Failures state = failures.get(key(username, address));
        return state == null || state.lockedUntil() == null || clock.instant().isAfter(state.lockedUntil());
    }

    /** Records a failed login; the pair is locked out once it reached the limit. */
    public void failed(String username, String address) {
        if (failures.size() >= MAX_TRACKED) {
            Instant now = clock.instant();
            failures.values()
                    .removeIf(f -> f.lockedUntil() == null || f.lockedUntil().isBefore(now));
        }
        failures.compute(key(username, address), (key, previous) -> {
            int count = (previous == null || previous.lockedUntil() != null ? 0 : previous.count()) + 1;
            Instant lockedUntil =
                    count >= settings.maxFailures() ? clock.instant().plus(settings.lockout()) : null;
            return new Failures(count, lockedUntil);
        });
    }

    /** Forgets the failures of a pair after a successful login. */
    public void succeeded(String username, String address) {
        failures.remove(key(username, address));
    }

    private static String key(String username, String address) {
        return username.toLowerCase(Locale.ROOT) + "\u0000" + address;
    }
}
