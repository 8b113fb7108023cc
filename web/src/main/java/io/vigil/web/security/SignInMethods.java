package io.vigil.web.security;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Which ways of signing in are open: local users' passwords, the organisation's identity provider (OIDC), or both.
 *
 * <p>OIDC is open when {@code vigil.oidc.enabled} is set and the provider is named ({@code quarkus.oidc.auth-server-url}
 * and {@code quarkus.oidc.client-id}); a half-configured provider is reported in one log line at start and stays closed.
 * Local passwords close only when OIDC is open: {@code vigil.auth.local.enabled=false} without a working provider would
 * lock everyone out, so it is reported and ignored, and the first admin can still sign in.
 */
@ApplicationScoped
public class SignInMethods {

    private static final Logger LOG = Logger.getLogger(SignInMethods.class);

    @Inject
    SecuritySettings.Oidc oidc;

    @Inject
    SecuritySettings.Local local;

    @ConfigProperty(name = "quarkus.oidc.auth-server-url")
    Optional<String> authServerUrl;

    @ConfigProperty(name = "quarkus.oidc.client-id")
    Optional<String> clientId;

    void onStart(@Observes StartupEvent event) {
        problem().ifPresent(problem -> LOG.error("OIDC sign-in is off: " + problem));
        if (!local.enabled() && !oidcOpen()) {
            LOG.error("vigil.auth.local.enabled=false is ignored: OIDC sign-in is not on, and local users would be the"
                    + " only way in");
        }
    }

    /** Whether the login page offers the identity provider. */
    public boolean oidcOpen() {
        return oidc.enabled() && problem().isEmpty();
    }

    /** Whether local users may sign in with their password. */
    public boolean localOpen() {
        return local.enabled() || !oidcOpen();
    }

    /** The provider's name for the login page. */
    public String providerName() {
        return oidc.providerName();
    }

    private Optional<String> problem() {
        if (!oidc.enabled()) {
            return Optional.empty();
        }
        if (authServerUrl.filter(url -> !url.isBlank()).isEmpty()) {
            return Optional.of("vigil.oidc.enabled is set but quarkus.oidc.auth-server-url is not");
        }
        if (clientId.filter(id -> !id.isBlank()).isEmpty()) {
            return Optional.of("vigil.oidc.enabled is set but quarkus.oidc.client-id is not");
        }
        if (oidc.adminGroups().isEmpty()
                && oidc.analystGroups().isEmpty()
                && oidc.viewerGroups().isEmpty()) {
            return Optional.of("no group is given a role (vigil.oidc.admin-groups, analyst-groups, viewer-groups)");
        }
        return Optional.empty();
    }
}
