package io.vigil.web.security;

import io.quarkus.vertx.http.runtime.filters.Filters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Sends {@code Strict-Transport-Security} on every answer to a request that came over HTTPS — directly, or through a
 * proxy that says so and is trusted ({@code quarkus.http.proxy.*}, docs/security.md) — so a browser that once reached
 * Vigil securely never falls back to plain HTTP. Not sent over plain HTTP, where it would mean nothing and could lock
 * out a Vigil that has no certificate.
 */
@ApplicationScoped
public class StrictTransport {

    /** One year, without includeSubDomains: Vigil cannot know what else runs under its domain. */
    static final String HEADER_VALUE = "max-age=31536000";

    void register(@Observes Filters filters) {
        filters.register(
                context -> {
                    if (SessionCookies.secure(context)) {
                        context.response().putHeader("Strict-Transport-Security", HEADER_VALUE);
                    }
                    context.next();
                },
                100);
    }
}
