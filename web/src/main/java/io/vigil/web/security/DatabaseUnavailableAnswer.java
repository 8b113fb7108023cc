package io.vigil.web.security;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vigil.web.http.DatabaseUnavailableException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Answers 503 when a request's credentials could not be checked because PostgreSQL does not answer — the sign-in layer
 * runs before any endpoint, so its failures never reach the endpoints' problem mappers. Without this a caller would see
 * a bare 500 and could not tell a passing outage from a bug.
 */
@ApplicationScoped
public class DatabaseUnavailableAnswer {

    void register(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE + 100).failureHandler(DatabaseUnavailableAnswer::answer);
    }

    static void answer(RoutingContext context) {
        if (!causedByOutage(context.failure()) || context.response().headWritten()) {
            context.next();
            return;
        }
        context.response()
                .setStatusCode(503)
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/problem+json")
                .putHeader("Retry-After", "5")
                .end(new JsonObject()
                        .put("type", "about:blank")
                        .put("title", "Service Unavailable")
                        .put("status", 503)
                        .put("detail", "sign-in cannot be checked now: the database does not answer; try again shortly")
                        .encode());
    }

    private static boolean causedByOutage(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof DatabaseUnavailableException) {
                return true;
            }
        }
        return false;
    }
}
