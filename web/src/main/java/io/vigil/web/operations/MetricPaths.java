package io.vigil.web.operations;

import io.micrometer.core.instrument.config.MeterFilter;
import io.quarkus.micrometer.runtime.binder.vertx.HttpRequestMetric;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * Gives the {@code uri} tag of {@code http_server_requests} only paths Vigil chose: an endpoint's template
 * ({@code /api/rules/{id}}), a fixed route or a static file that answered a read. Every other request — one no endpoint
 * took, such as an {@code OPTIONS} on a made-up path, a method an endpoint does not have ({@code HEAD
 * /rules/123/delete}, 405) or a path that cannot be decoded (400) — is tagged {@value #UNMATCHED}, as a 404 is
 * {@code NOT_FOUND}.
 *
 * <p>Without this, Micrometer tags such a request with the raw path the caller sent, and Quarkus keeps at most 100
 * {@code uri} values ({@code quarkus.micrometer.binder.http-server.max-uri-tags}): a hundred requests by anyone,
 * signed in or not, filled them, and from then on no endpoint not yet seen was measured at all.
 */
@ApplicationScoped
public class MetricPaths {

    /** The tag of a request no endpoint, route or file chose. */
    static final String UNMATCHED = "UNMATCHED";

    void register(@Observes Filters filters) {
        filters.register(
                context -> {
                    context.addHeadersEndHandler(end -> {
                        // An endpoint's template, which the REST layer records when it routes, comes before this.
                        HttpRequestMetric metric = HttpRequestMetric.getRequestMetric(context);
                        if (metric != null && !answeredARead(context)) {
                            metric.setTemplatePath(UNMATCHED);
                        }
                    });
                    context.next();
                },
                100);
    }

    /**
     * A path that cannot be decoded ({@code /%zz}) is refused before routing, so no filter sees it, and its tag would
     * be the raw path. No template, route or file of Vigil's holds a {@code %}. Quarkus writes every template with a
     * leading slash, which the fixed tag drops again.
     */
    @Produces
    @Singleton
    MeterFilter undecodablePathsAreUnmatched() {
        return MeterFilter.replaceTagValues(
                "uri", uri -> uri.indexOf('%') >= 0 || uri.equals("/" + UNMATCHED) ? UNMATCHED : uri);
    }

    /**
     * A successful read that no endpoint template names was answered by a fixed route (health, metrics) or a static
     * file that exists: their paths are a fixed set. Redirects and 404s get Quarkus' own tags.
     */
    private static boolean answeredARead(RoutingContext context) {
        HttpMethod method = context.request().method();
        int status = context.response().getStatusCode();
        boolean read = method == HttpMethod.GET || method == HttpMethod.HEAD;
        return read && ((status >= 200 && status < 300) || status == 304);
    }
}
