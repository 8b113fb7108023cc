package io.vigil.web.security;

import io.quarkus.security.identity.SecurityIdentity;
import io.vigil.web.http.Problem;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import java.util.Set;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.SimpleResourceInfo;

/**
 * Refuses every write to a read-only API token with 403: any POST, PUT, PATCH or DELETE, except endpoints marked
 * {@link ChangesNothing}. Runs after routing, on the matched endpoint, so no spelling of a path changes the answer.
 */
public class ReadOnlyCallers {

    private static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS");

    @Inject
    SecurityIdentity identity;

    @ServerRequestFilter
    public Optional<Response> refuseWrites(ContainerRequestContext request, SimpleResourceInfo endpoint) {
        if (READS.contains(request.getMethod()) || !SignedIn.readOnly(identity)) {
            return Optional.empty();
        }
        if (endpoint != null && changesNothing(endpoint)) {
            return Optional.empty();
        }
        return Optional.of(Problem.of(403, "Forbidden", "this API token is read-only: it may not change anything")
                .withField("Authorization")
                .toResponse());
    }

    private static boolean changesNothing(SimpleResourceInfo endpoint) {
        try {
            return endpoint.getResourceClass()
                    .getMethod(endpoint.getMethodName(), endpoint.parameterTypes())
                    .isAnnotationPresent(ChangesNothing.class);
        } catch (NoSuchMethodException e) {
            return false;
        }
    }
}
