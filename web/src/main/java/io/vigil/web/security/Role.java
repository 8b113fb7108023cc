package io.vigil.web.security;

import java.util.Locale;
import java.util.Set;

/**
 * What a user may do. Each role includes the ones below it: an admin may do what an analyst may, an analyst what a
 * viewer may.
 */
public enum Role {
    /** Reads everything, changes nothing. */
    VIEWER,
    /** Writes rules, handles alerts and silences, pushes articles. */
    ANALYST,
    /** Manages users, sources and channels. */
    ADMIN;

    /** The name stored in the database and used as the security role: {@code admin}, {@code analyst}, {@code viewer}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The security roles a user with this role holds: this one and every role below it. */
    public Set<String> grants() {
        return switch (this) {
            case VIEWER -> Set.of("viewer");
            case ANALYST -> Set.of("viewer", "analyst");
            case ADMIN -> Set.of("viewer", "analyst", "admin");
        };
    }

    /** The role named {@code id}; throws {@link IllegalArgumentException} for an unknown name. */
    public static Role of(String id) {
        for (Role role : values()) {
            if (role.id().equals(id)) {
                return role;
            }
        }
        throw new IllegalArgumentException("no role " + id + " (admin, analyst or viewer)");
    }
}
