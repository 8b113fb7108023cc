package io.vigil.engine.net;

import io.vigil.spi.http.OutboundHttp;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * Makes the platform's one {@link OutboundHttp} a bean: a {@link GuardedHttpClient} with the policy from
 * {@link NetSettings}, shared by sources and notifiers and closed when Vigil stops.
 *
 * <p>Every plugin gets this same instance, so the address, redirect, size and time rules hold for every outbound
 * request Vigil makes; thread-safe.
 */
@ApplicationScoped
class OutboundHttpProducer {

    @Produces
    @Singleton
    OutboundHttp outboundHttp(NetSettings settings) {
        return new GuardedHttpClient(HttpPolicy.defaults()
                .withAllowPrivate(settings.allowPrivate())
                .withTimeouts(settings.connectTimeout(), settings.requestTimeout()));
    }

    void close(@Disposes OutboundHttp http) {
        if (http instanceof GuardedHttpClient client) {
            client.close();
        }
    }
}
