package io.vigil.web.security;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.HostAndPort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * Sends every redirect to a page of Vigil as a path ({@code Location: /users}), never as an absolute URL. JAX-RS makes
 * {@code seeOther("/users")} absolute with the host the request named — its {@code Host} header, or a trusted proxy's
 * {@code X-Forwarded-Host} — so a request that named another host ({@code Host: evil.example}) was sent to
 * {@code http://evil.example/users}, and a cache or proxy in front of Vigil that keys on the path alone could hand that
 * redirect to everyone. A path needs no host: the browser stays where it is. Redirects to other sites (an identity
 * provider's sign-in) are left as they are.
 */
@ApplicationScoped
public class LocalRedirects {

    void register(@Observes Filters filters) {
        filters.register(
                context -> {
                    context.addHeadersEndHandler(end -> {
                        var response = context.response();
                        String location = response.headers().get(HttpHeaders.LOCATION);
                        if (location != null) {
                            String local = local(location, context.request());
                            if (local != null) {
                                response.putHeader(HttpHeaders.LOCATION, local);
                            }
                        }
                    });
                    context.next();
                },
                100);
    }

    /** The path, query and fragment of {@code location} when it names the request's own host; null otherwise. */
    static String local(String location, HttpServerRequest request) {
        URI uri;
        try {
            uri = new URI(location);
        } catch (URISyntaxException notAUri) {
            return null;
        }
        HostAndPort asked = request.authority();
        if (!uri.isAbsolute() || uri.getHost() == null || asked == null) {
            return null;
        }
        if (!uri.getHost().toLowerCase(Locale.ROOT).equals(asked.host().toLowerCase(Locale.ROOT))) {
            return null;
        }
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        // "//evil.example" as a path would leave the site again.
        if (path.startsWith("//")) {
            return null;
        }
        return path
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery())
                + (uri.getRawFragment() == null ? "" : "#" + uri.getRawFragment());
    }
}
