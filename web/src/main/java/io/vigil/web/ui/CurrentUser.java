package io.vigil.web.ui;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/**
 * The signed-in user as the page layout shows them — name, role, what they may change — read by templates as
 * {@code {inject:me.name}}. Request-scoped. The buttons it hides are only a courtesy: each endpoint's declared role decides.
 */
@RequestScoped
@Named("me")
public class CurrentUser {

    @Inject
    SecurityIdentity identity;

    public String name() {
        return identity.isAnonymous() ? "" : identity.getPrincipal().getName();
    }

    public String role() {
        return admin() ? "admin" : analyst() ? "analyst" : "viewer";
    }

    /** Whether the user manages users, sources and channels. */
    public boolean admin() {
        return identity.hasRole("admin");
    }

    /** Whether the user writes rules and handles alerts. */
    public boolean analyst() {
        return identity.hasRole("analyst");
    }
}
