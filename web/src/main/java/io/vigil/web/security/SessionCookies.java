package io.vigil.web.security;

import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.ext.web.RoutingContext;

/**
 * The attributes of the session cookie, in one place: Path=/, HttpOnly, SameSite=Strict, and Secure when the request
 * came over HTTPS (directly, or through a proxy that says so and is trusted: {@code quarkus.http.proxy.*}). No Max-Age:
 * the cookie ends with the browser, the session on the server ends by itself ({@link Sessions}).
 */
public final class SessionCookies {

    private SessionCookies() {}

    /** Whether the request came over HTTPS, as the client saw it. */
    public static boolean secure(RoutingContext context) {
        return "https".equalsIgnoreCase(context.request().scheme())
                || context.request().isSSL();
    }

    /** The cookie that carries a new session's id. */
    public static Cookie session(String secret, boolean secure) {
        return Cookie.cookie(Sessions.COOKIE, secret)
                .setPath("/")
                .setHttpOnly(true)
                .setSecure(secure)
                .setSameSite(CookieSameSite.STRICT);
    }

    /** The cookie that makes the browser forget its session id. */
    public static Cookie dropped(boolean secure) {
        return session("", secure).setMaxAge(0);
    }

    /** Drops the session cookie with the response to this request. */
    static void dropOn(RoutingContext context) {
        context.response().addCookie(dropped(secure(context)));
    }
}
