package io.vigil.web.security;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpHeaders;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Sends {@code Cache-Control: no-store} on every answer that does not say how it may be cached: pages and API answers
 * hold what one signed-in user may see (the audit log, users, the configuration export, article text), which neither
 * a shared cache nor the browser's disk, nor its back button after signing out, may keep. Answers that choose
 * themselves keep their choice: static files ({@code public, immutable}), the Atom feed ({@code private, no-cache}
 * with an ETag), health ({@code no-store}).
 */
@ApplicationScoped
public class NoStore {

    static final String HEADER_VALUE = "no-store";

    void register(@Observes Filters filters) {
        filters.register(
                context -> {
                    // The routing context's list, not the response's one slot, which the router itself uses.
                    context.addHeadersEndHandler(end -> {
                        var response = context.response();
                        if (!response.headers().contains(HttpHeaders.CACHE_CONTROL)) {
                            response.putHeader(HttpHeaders.CACHE_CONTROL, HEADER_VALUE);
                        }
                    });
                    context.next();
                },
                100);
    }
}
