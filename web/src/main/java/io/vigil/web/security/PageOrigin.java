package io.vigil.web.security;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.HostAndPort;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Decides, in one place, whether a state-changing request that relies on a cookie came from a Vigil page, from what the
 * browser says about who made it: {@code Sec-Fetch-Site} (Fetch Metadata, every current browser) and {@code Origin},
 * which every browser sends on a cross-origin POST, those from before Fetch Metadata too. Either naming another origin
 * refuses the request; a browser that sends neither is judged by the anti-forgery token alone ({@link CsrfFilters}).
 *
 * <p>Vigil's own origin is the one the request was addressed to, as Vert.x resolves it: scheme, host and port, from a
 * trusted proxy's forwarded headers when the operator turned them on ({@code quarkus.http.proxy.*}); and the origin of
 * {@code vigil.base-url}, the public address links in notifications point to, so a proxy that does not forward the
 * public host or scheme does not lock out Vigil's own pages.
 */
@ApplicationScoped
public class PageOrigin {

    /** The Fetch Metadata header in which a browser says which site made the request. */
    static final String FETCH_SITE = "Sec-Fetch-Site";

    static final String ORIGIN = "Origin";

    private final Optional<Origin> publicOrigin;

    PageOrigin(@ConfigProperty(name = "vigil.base-url", defaultValue = "http://localhost:8080") String baseUrl) {
        this.publicOrigin = Origin.ofUrl(baseUrl);
    }

    /**
     * Why the request is taken to come from another origin's page, or empty when it came from a Vigil page, from the
     * user's own doing (the address bar, a bookmark), or from a browser that does not say.
     */
    Optional<String> foreignPage(RoutingContext context) {
        HttpServerRequest request = context.request();
        if (fromAnotherSite(request.getHeader(FETCH_SITE))) {
            return Optional.of("this request came from another site's page (Sec-Fetch-Site), not from a Vigil page:"
                    + " open Vigil itself and try again");
        }
        String origin = request.getHeader(ORIGIN);
        if (origin == null) {
            return Optional.empty();
        }
        Optional<Origin> sent = Origin.parse(origin);
        if (sent.isEmpty()) {
            // "null": a sandboxed frame, a data: page, a form redirected here from another origin; or no origin at all
            return Optional.of("this request came from a page without an origin (Origin: null), not from a Vigil page:"
                    + " open Vigil itself and try again");
        }
        Optional<Origin> addressed = Origin.addressed(request);
        if (sent.equals(addressed) || sent.equals(publicOrigin)) {
            return Optional.empty();
        }
        return Optional.of("this request came from a page of " + sent.get() + ", not from a Vigil page ("
                + addressed.map(Origin::toString).orElse("no host named")
                + publicOrigin
                        .filter(own -> !own.equals(addressed.orElse(null)))
                        .map(own -> " or " + own)
                        .orElse("")
                + "): open Vigil itself and try again; behind a reverse proxy, set vigil.base-url to Vigil's public"
                + " address");
    }

    /**
     * Whether the browser says the request was made by a page of another origin. {@code same-origin} is Vigil's own
     * page and {@code none} the user's own doing; a value no browser sends is taken as another origin.
     */
    static boolean fromAnotherSite(String fetchSite) {
        return fetchSite != null && !fetchSite.equalsIgnoreCase("same-origin") && !fetchSite.equalsIgnoreCase("none");
    }

    /** A web origin (RFC 6454): scheme, host and port, the port given even where it is the scheme's default. */
    record Origin(String scheme, String host, int port) {

        /** The origin a browser sent, serialised as {@code scheme://host[:port]} and nothing more; empty for "null". */
        static Optional<Origin> parse(String serialized) {
            try {
                URI uri = new URI(serialized.strip());
                if (uri.getRawUserInfo() != null
                        || !(uri.getRawPath() == null || uri.getRawPath().isEmpty())
                        || uri.getRawQuery() != null
                        || uri.getRawFragment() != null) {
                    return Optional.empty();
                }
                return of(uri.getScheme(), uri.getHost(), uri.getPort());
            } catch (URISyntaxException malformed) {
                return Optional.empty();
            }
        }

        /** The origin of a configured URL such as {@code vigil.base-url} (its path is no part of it). */
        static Optional<Origin> ofUrl(String url) {
            try {
                URI uri = new URI(url.strip());
                return of(uri.getScheme(), uri.getHost(), uri.getPort());
            } catch (URISyntaxException malformed) {
                return Optional.empty();
            }
        }

        /** The origin the request was addressed to, forwarded headers applied by Vert.x as configured. */
        static Optional<Origin> addressed(HttpServerRequest request) {
            HostAndPort authority = request.authority();
            return authority == null ? Optional.empty() : of(request.scheme(), authority.host(), authority.port());
        }

        private static Optional<Origin> of(String scheme, String host, int port) {
            if (scheme == null || host == null || host.isEmpty()) {
                return Optional.empty();
            }
            String lowerScheme = scheme.toLowerCase(Locale.ROOT);
            int defaultPort =
                    switch (lowerScheme) {
                        case "http" -> 80;
                        case "https" -> 443;
                        default -> -1;
                    };
            if (defaultPort < 0) {
                return Optional.empty();
            }
            String bareHost = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
            return Optional.of(
                    new Origin(lowerScheme, bareHost.toLowerCase(Locale.ROOT), port < 0 ? defaultPort : port));
        }

        @Override
        public String toString() {
            String shownHost = host.contains(":") ? "[" + host + "]" : host;
            boolean defaultPort = (scheme.equals("http") && port == 80) || (scheme.equals("https") && port == 443);
            return scheme + "://" + shownHost + (defaultPort ? "" : ":" + port);
        }
    }
}
