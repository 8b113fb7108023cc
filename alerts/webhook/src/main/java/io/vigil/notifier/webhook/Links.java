package io.vigil.notifier.webhook;

import java.net.URI;

/** Links in webhook bodies: the alert engine may hand over paths, receivers need absolute URLs. */
final class Links {

    private Links() {}

    /** The link made absolute against Vigil's base URL when it is a path; {@code null} stays {@code null}. */
    static String absolute(String link, String baseUrl) {
        if (link == null || link.isBlank()) {
            return null;
        }
        return link.startsWith("/") ? baseUrl.replaceAll("/+$", "") + link : link;
    }

    /** Whether a link is an absolute http(s) URL, the only kind worth making clickable in a chat message. */
    static boolean isWeb(String link) {
        if (link == null) {
            return false;
        }
        try {
            URI uri = new URI(link);
            String scheme = uri.getScheme();
            return scheme != null
                    && (scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
                    && uri.getHost() != null;
        } catch (Exception e) {
            return false;
        }
    }
}
