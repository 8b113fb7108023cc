package io.vigil.web.security;

import java.util.Objects;

/**
 * A user as the security layer sees them on one request: read afresh with the credential, so a changed role or a
 * deleted user takes effect on the next request. Not the {@link User} entity, which lives in a persistence context.
 */
public record Account(long id, String username, Role role) {
    public Account {
        Objects.requireNonNull(username, "username is null");
        Objects.requireNonNull(role, "role is null");
    }
}
