package io.vigil.web.security;

import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;

/** The security identity of a signed-in user: the username as principal, the role and the roles it includes. */
public final class SignedIn {

    /** The identity attribute holding the user's id. */
    public static final String USER_ID = "vigil.user-id";

    /** The identity attribute holding the user's own role (admin, analyst or viewer). */
    public static final String ROLE = "vigil.role";

    private SignedIn() {}

    static SecurityIdentity identity(User user) {
        return QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(user.username))
                .addRoles(user.role().grants())
                .addAttribute(USER_ID, user.id)
                .addAttribute(ROLE, user.role)
                .build();
    }
}
