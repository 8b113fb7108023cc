package io.vigil.web.security;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Named;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The request's anti-forgery token, which every state-changing form repeats in its {@value #FIELD} field (htmx
 * requests in the {@value #HEADER} header).
 *
 * <p>A browser signed in by its session cookie has its session's token ({@link #forSession}): an HMAC of a fixed label
 * keyed with the session's secret, which only the holder of that {@code HttpOnly} cookie and Vigil can compute, the
 * same on every instance and for the session's whole life. A page on a sibling host, which can set cookies for the
 * parent domain but not read Vigil's, cannot plant a pair it knows: the {@value #COOKIE} cookie is not consulted for
 * a signed-in request. A browser not signed in (the login form) gets a random value in the {@value #COOKIE} cookie
 * (double-submit), since it has no session yet.
 *
 * <p>Templates read it as {@code {inject:csrf.value}}. Request-scoped; {@link CsrfFilters} loads it from the cookie and
 * sets the cookie when it had to make a new one.
 */
@RequestScoped
@Named("csrf")
public class CsrfToken {

    public static final String COOKIE = "vigil-csrf";
    public static final String FIELD = "_csrf";
    public static final String HEADER = "X-CSRF-Token";

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final byte[] LABEL = "vigil anti-forgery token".getBytes(StandardCharsets.UTF_8);

    private String value;
    private String session;
    private boolean issued;

    /**
     * The anti-forgery token of the session whose cookie holds {@code sessionSecret}. Keyed with the secret, not made
     * from the table's SHA-256 of it, so a copy of {@code user_session} gives no session's token.
     */
    static String forSession(String sessionSecret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(sessionSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(LABEL));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    /**
     * Loads the request's token: the session's ({@link SignedIn#SESSION_CSRF}) when it was signed in by a session
     * cookie, else the {@value #COOKIE} cookie's.
     */
    void load(String fromCookie, String sessionToken) {
        session = sessionToken;
        if (fromCookie != null && fromCookie.length() >= 32) {
            value = fromCookie;
        }
    }

    /**
     * Makes the session this request opened the one whose token the answer's forms carry: the page answering a
     * password change, which gives the browser a new session, must not carry the ended one's.
     */
    public void sessionOpened(String sessionSecret) {
        session = forSession(sessionSecret);
    }

    /** The token, made now (with its cookie) if the browser has neither a session nor a token. */
    public String value() {
        if (session != null) {
            return session;
        }
        if (value == null) {
            byte[] random = new byte[32];
            RANDOM.nextBytes(random);
            value = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
            issued = true;
        }
        return value;
    }

    /**
     * Whether {@code sent} is this request's token (compared in constant time): the session's for a request signed in
     * by its session, whatever {@value #COOKIE} cookie it carries.
     */
    boolean matches(String sent) {
        String expected = session != null ? session : value;
        return sent != null
                && expected != null
                && MessageDigest.isEqual(
                        expected.getBytes(StandardCharsets.UTF_8), sent.getBytes(StandardCharsets.UTF_8));
    }

    /** Whether the token was made in this request, so the response must set the cookie. */
    boolean issued() {
        return issued;
    }
}
