package io.vigil.web.security;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.time.Duration;
import java.util.Optional;

/** How hard guessing passwords is made: login rate limiting, per username and client address. */
@ConfigMapping(prefix = "vigil.login")
public interface SecuritySettings {

    /** Failed logins in a row after which further attempts are refused for a while. */
    @WithName("max-failures")
    @WithDefault("5")
    int maxFailures();

    /** How long logins are refused after too many failures. */
    @WithDefault("PT1M")
    Duration lockout();

    /** The first admin, created when the users table is empty ({@code VIGIL_ADMIN_USER}, {@code VIGIL_ADMIN_PASSWORD}). */
    @ConfigMapping(prefix = "vigil.admin")
    interface Admin {
        /** The first admin's username. */
        @WithDefault("admin")
        String user();

        /** The first admin's password; required, and strong, outside dev and test mode. */
        Optional<String> password();
    }
}
