package io.vigil.web.security;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.time.Duration;
import java.util.Optional;

/**
 * How hard guessing passwords is made ({@code vigil.login.*}): sign-in throttling per username and address and per
 * username across addresses, and how long a password bcrypt accepted is recognised without it.
 */
@ConfigMapping(prefix = "vigil.login")
public interface SecuritySettings {

    /** Failed sign-ins in a row for one username from one address after which that pair is refused for a while. */
    @WithName("max-failures")
    @WithDefault("5")
    int maxFailures();

    /** Failed sign-ins for one username from any addresses after which that username is refused for a while. */
    @WithName("max-failures-per-user")
    @WithDefault("20")
    int maxFailuresPerUser();

    /** How long sign-ins are refused once a limit is reached. */
    @WithDefault("PT1M")
    Duration lockout();

    /** Failures older than this are forgotten. */
    @WithName("failure-window")
    @WithDefault("PT15M")
    Duration failureWindow();

    /** How long a password bcrypt accepted is recognised by a cheap keyed digest (HTTP Basic on every request). */
    @WithName("verified-password-ttl")
    @WithDefault("PT5M")
    Duration verifiedPasswordTtl();

    /** The first admin, created when the users table is empty ({@code VIGIL_ADMIN_USER}, {@code VIGIL_ADMIN_PASSWORD}). */
    @ConfigMapping(prefix = "vigil.admin")
    interface Admin {
        /** The first admin's username. */
        @WithDefault("admin")
        String user();

        /** The first admin's password; required, and strong, outside dev and test mode. */
        Optional<String> password();
    }

    /** Sign-in sessions ({@code vigil.session.*}; docs/security.md, "Sessions"). */
    @ConfigMapping(prefix = "vigil.session")
    interface Sessions {
        /** A session ends after this long without a request. */
        @WithName("idle-timeout")
        @WithDefault("PT8H")
        Duration idleTimeout();

        /** A session ends this long after sign-in, however active it is. */
        @WithName("max-age")
        @WithDefault("P7D")
        Duration maxAge();

        /**
         * The server's secret for sign-in records ({@code VIGIL_SESSION_KEY}, 16+ characters): it keys the
         * recently-verified-password digests, so every instance on one database needs the same one. Without it each
         * process makes its own, and recognises only the passwords it verified itself.
         */
        Optional<String> key();
    }

    /** Local users: their usernames and passwords ({@code vigil.auth.local.*}). */
    @ConfigMapping(prefix = "vigil.auth.local")
    interface Local {
        /**
         * Whether local users may sign in with a password (the form, HTTP Basic). Turning it off takes effect only when
         * OIDC sign-in is on ({@link SignInMethods}), so nobody is locked out by a typo. API tokens are not affected.
         */
        @WithDefault("true")
        boolean enabled();
    }

    /** Sign-in with the organisation's identity provider ({@code vigil.oidc.*}; docs/security.md, "OIDC"). */
    @ConfigMapping(prefix = "vigil.oidc")
    interface Oidc {
        /** Whether the login page offers the identity provider; {@code quarkus.oidc.*} names the provider. */
        @WithDefault("false")
        boolean enabled();

        /** The provider's name on the login page: "Sign in with …". */
        @WithName("provider-name")
        @WithDefault("your organisation")
        String providerName();

        /** The ID token claim that lists the user's groups or roles; a path for nested ones: {@code realm_access/roles}. */
        @WithName("role-claim")
        @WithDefault("groups")
        String roleClaim();

        /** The claim whose value becomes the Vigil username (the subject when it is missing). */
        @WithName("username-claim")
        @WithDefault("preferred_username")
        String usernameClaim();

        /** Groups (values of the role claim) whose members are admins. */
        @WithName("admin-groups")
        Optional<java.util.List<String>> adminGroups();

        /** Groups whose members are analysts. */
        @WithName("analyst-groups")
        Optional<java.util.List<String>> analystGroups();

        /** Groups whose members are viewers. */
        @WithName("viewer-groups")
        Optional<java.util.List<String>> viewerGroups();

        /**
         * A session opened through the provider ends this long after sign-in (or at {@code vigil.session.max-age}, if
         * sooner), so a user the provider drops or moves is out, or has their new role, within this bound.
         */
        @WithName("session-max")
        @WithDefault("PT12H")
        Duration sessionMax();
    }
}
