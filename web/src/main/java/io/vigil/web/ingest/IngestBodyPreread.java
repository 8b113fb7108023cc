package io.vigil.web.ingest;

import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vigil.web.security.SignedIn;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Reads the body of an authorised single push on the event loop, before {@code POST /api/ingest} runs on its worker
 * thread. The REST layer reads the body of a blocking endpoint from the worker through a blocking stream: the worker
 * waits, the event loop hands it each chunk and the end, and every hand-over wakes a thread (docs/benchmarks.md,
 * "Scale"). A body already read is handed to the endpoint from memory instead.
 *
 * <p>Only over HTTP/1.x, only for callers who may push (an analyst or a source's push token, as {@link
 * IngestResource#ingest} allows) and only for a body that says its length and is at most {@value #MAX_BYTES} bytes: nobody else can make Vigil hold a
 * body in memory before the endpoint's checks, and a bigger or chunked body takes the streaming path as before. Either
 * way the endpoint gets the same bytes and applies the same limits and answers (413 over {@code
 * vigil.ingest.max-document-bytes}). Changes no decision: who may push is still decided at the endpoint.
 */
@ApplicationScoped
public class IngestBodyPreread {

    /** The largest body read ahead: a single article is a few kilobytes; a big batch streams as before. */
    static final int MAX_BYTES = 1 << 20;

    /** After authentication (priority 200) and the HTTP permission checks (100), before routing. */
    static final int PRIORITY = 50;

    private static final String PATH = "/api/ingest";

    private final BodyHandler bodies =
            BodyHandler.create(false).setBodyLimit(MAX_BYTES).setPreallocateBodyBuffer(true);

    void register(@Observes Filters filters) {
        filters.register(
                context -> {
                    if (readsAhead(context)) {
                        bodies.handle(context); // goes on to the next handler once the body is in
                    } else {
                        context.next();
                    }
                },
                PRIORITY);
    }

    static boolean readsAhead(RoutingContext context) {
        var request = context.request();
        if (request.method() != HttpMethod.POST || !PATH.equals(request.path())) {
            return false;
        }
        // The REST layer pauses the request when it takes it over, and an HTTP/2 stream whose body has been read
        // refuses that ("Request has already been read"): HTTP/2 pushes stream as before.
        if (request.version() != HttpVersion.HTTP_1_1 && request.version() != HttpVersion.HTTP_1_0) {
            return false;
        }
        String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length == null || request.getHeader(HttpHeaders.TRANSFER_ENCODING) != null) {
            return false;
        }
        long bytes;
        try {
            bytes = Long.parseLong(length.strip());
        } catch (NumberFormatException notANumber) {
            return false;
        }
        return bytes > 0 && bytes <= MAX_BYTES && mayPush(context);
    }

    private static boolean mayPush(RoutingContext context) {
        if (!(context.user() instanceof QuarkusHttpUser user)) {
            return false;
        }
        SecurityIdentity identity = user.getSecurityIdentity();
        return identity != null
                && !identity.isAnonymous()
                && (identity.hasRole("analyst") || identity.hasRole(SignedIn.SOURCE_PUSH))
                && !Boolean.TRUE.equals(identity.getAttribute(SignedIn.READ_ONLY));
    }
}
