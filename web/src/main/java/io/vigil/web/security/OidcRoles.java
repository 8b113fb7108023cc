package io.vigil.web.security;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Maps the groups or roles an identity provider lists in its ID token to a Vigil {@link Role}, by configuration
 * ({@code vigil.oidc.role-claim}, {@code vigil.oidc.admin-groups}, {@code analyst-groups}, {@code viewer-groups}). The
 * highest role any of the user's groups is given wins; a user none of whose groups is mapped gets none, and is refused.
 *
 * <p>The claim may be nested ({@code realm_access/roles} in Keycloak) and may be a list or a single string. Plain Java,
 * no state: built from the settings, it maps any number of tokens.
 */
public record OidcRoles(String claimPath, Set<String> admins, Set<String> analysts, Set<String> viewers) {

    /** A user's groups and the role they come to, if any. */
    public record Mapped(List<String> groups, Optional<Role> role) {}

    static OidcRoles from(SecuritySettings.Oidc settings) {
        return new OidcRoles(
                settings.roleClaim(),
                Set.copyOf(settings.adminGroups().orElse(List.of())),
                Set.copyOf(settings.analystGroups().orElse(List.of())),
                Set.copyOf(settings.viewerGroups().orElse(List.of())));
    }

    /** The role the token's claims come to. */
    public Mapped map(JsonObject claims) {
        List<String> groups = groups(claims);
        Optional<Role> role = groups.stream().anyMatch(admins::contains)
                ? Optional.of(Role.ADMIN)
                : groups.stream().anyMatch(analysts::contains)
                        ? Optional.of(Role.ANALYST)
                        : groups.stream().anyMatch(viewers::contains) ? Optional.of(Role.VIEWER) : Optional.empty();
        return new Mapped(groups, role);
    }

    /** The values of the role claim: a list, one string, or nothing when the claim is missing. */
    List<String> groups(JsonObject claims) {
        Object value = claims;
        for (String step : claimPath.split("/")) {
            if (!(value instanceof JsonObject object)) {
                return List.of();
            }
            value = object.getValue(step);
        }
        List<String> groups = new ArrayList<>();
        if (value instanceof JsonArray array) {
            array.forEach(item -> {
                if (item instanceof String group) {
                    groups.add(group);
                }
            });
        } else if (value instanceof String group) {
            groups.add(group);
        }
        return groups;
    }
}
