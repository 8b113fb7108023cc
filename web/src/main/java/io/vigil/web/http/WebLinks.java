package io.vigil.web.http;

import java.net.URI;

/** Which addresses Vigil's own pages and feeds link to: an article's URL comes from a source, so it is checked. */
public final class WebLinks {

    private WebLinks() {}

    /** An http(s) URL with a host as it is (stripped); anything else (javascript:, data:, a bare path) as null. */
    public static String webUrl(String url) {
        if (url == null) {
            return null;
        }
        try {
            URI uri = new URI(url.strip());
            String scheme = uri.getScheme();
            boolean web = scheme != null && (scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"));
            return web && uri.getHost() != null ? uri.toString() : null;
        } catch (Exception e) {
            return null;
        }
    }
}
