package io.vigil.web.security;

import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.ext.web.RoutingContext;

/**
 * The names and attributes of Vigil's cookies, in one place: Path=/, HttpOnly, SameSite=Strict, and Secure when the
 * request came over HTTPS (directly, or through a proxy that says so and is trusted: {@code quarkus.http.proxy.*}). No
 * Max-Age: the cookie ends with the browser, the session on the server ends by itself ({@link Sessions}).
 *
 * <p>Over HTTPS each cookie's name carries the {@value #HOST_PREFIX} prefix, and only the prefixed cookie is read: a
 * browser takes a {@code __Host-} cookie only when it is Secure, has Path=/ and no Domain, and was set by this very
 * host, so a page on a sibling host ({@code intranet.example.org} beside {@code vigil.example.org}), which may set
 * cookies for the whole domain, cannot plant one — neither a session id of the attacker's own (which would sign the
 * browser in to the attacker's account) nor the login form's anti-forgery pair. Over plain HTTP no prefix can be
 * had, and the plain names are read (docs/security.md, "Browser protections", says what is left there).
 */
public final class SessionCookies {

    /** The prefix a browser honours only on a Secure, host-only, Path=/ cookie set by the host itself. */
    static final String HOST_PREFIX = "__Host-";

    private SessionCookies() {}

    /** The name of the cookie {@code base} ({@link Sessions#COOKIE}, {@link CsrfToken#COOKIE}) for such a request. */
    public static String name(String base, boolean secure) {
        return secure ? HOST_PREFIX + base : base;
    }

    /** The value of this request's cookie {@code base} under the name its scheme reads, or null. */
    static String read(RoutingContext context, String base) {
        Cookie cookie = context.request().getCookie(name(base, secure(context)));
        return cookie == null ? null : cookie.getValue();
    }

    /** Whether the request came over HTTPS, as the client saw it. */
    public static boolean secure(RoutingContext context) {
        return "https".equalsIgnoreCase(context.request().scheme())
                || context.request().isSSL();
    }

    /**
     * Gives the browser a new session's id with the response to this request. Set in the response's cookie jar, where
     * it replaces the drop {@link SessionAuthenticationMechanism} queued for a dead cookie the request carried: set as
     * a header beside it, the drop came last and the browser forgot the session it had just been given (a sign-in
     * with a stale cookie signed no one in).
     */
    public static void openOn(RoutingContext context, String secret) {
        context.response().addCookie(session(secret, secure(context)));
    }

    private static Cookie session(String secret, boolean secure) {
        return Cookie.cookie(name(Sessions.COOKIE, secure), secret)
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
