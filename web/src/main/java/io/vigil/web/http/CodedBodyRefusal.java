package io.vigil.web.http;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Arrays;
import java.util.Locale;

/**
 * Refuses a request body sent with a content coding ({@code Content-Encoding: gzip}, {@code deflate}, {@code br}…)
 * with {@code 415} and {@code Accept-Encoding: identity} (RFC 9110, 15.5.16), before anything reads it. Vigil does not
 * unpack request bodies ({@code quarkus.http.enable-decompression} stays off), so a small gzip body that would unpack
 * to gigabytes is never inflated; without this refusal it reached the endpoints as raw bytes and was answered as if it
 * were bad text ("the body is not UTF-8 text", "Malformed JSON"), which tells a client nothing about what to change.
 * Every endpoint alike: pushes ({@code /api/ingest}), the JSON API, forms, the WebSub callback.
 */
@ApplicationScoped
public class CodedBodyRefusal {

    /** After authentication (200) and the HTTP permission checks (100), before the ingest read-ahead (50). */
    static final int PRIORITY = 60;

    void register(@Observes Filters filters) {
        filters.register(CodedBodyRefusal::filter, PRIORITY);
    }

    static void filter(RoutingContext context) {
        String coding = context.request().getHeader(HttpHeaders.CONTENT_ENCODING);
        if (coding == null || isIdentity(coding)) {
            context.next();
            return;
        }
        context.response()
                .setStatusCode(415)
                .putHeader(HttpHeaders.ACCEPT_ENCODING, "identity")
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                // The body is not read; the connection cannot be reused for a next request.
                .putHeader(HttpHeaders.CONNECTION, "close")
                .end(new JsonObject()
                        .put("type", "about:blank")
                        .put("title", "Unsupported Media Type")
                        .put("status", 415)
                        .put(
                                "detail",
                                "Vigil does not unpack request bodies: send the body without Content-Encoding"
                                        + " (this one says '" + shortened(coding.strip()) + "')")
                        .encode());
    }

    private static String shortened(String coding) {
        return coding.length() <= 64 ? coding : coding.substring(0, 64) + "…";
    }

    private static boolean isIdentity(String coding) {
        return Arrays.stream(coding.split(","))
                .map(part -> part.strip().toLowerCase(Locale.ROOT))
                .allMatch(part -> part.isEmpty() || part.equals("identity"));
    }
}
