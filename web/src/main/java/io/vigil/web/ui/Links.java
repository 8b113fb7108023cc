package io.vigil.web.ui;

import io.quarkus.qute.TemplateExtension;
import java.net.URI;

/**
 * The only addresses a page links to from data that came from outside (an article's, a dry run's item's): absolute
 * http(s) URLs. Anything else — {@code javascript:}, {@code data:}, {@code file:}, a bare path — is no link, whichever
 * source plugin handed it over; the Content-Security-Policy would block a script link, and this keeps the page from
 * offering one. In a template, {@code {article.url.webLink}} (on a value that is there).
 */
@TemplateExtension
public final class Links {

    private Links() {}

    /** {@code url} when it is an absolute http(s) URL with a host, else {@code null}. */
    public static String webLink(String url) {
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
