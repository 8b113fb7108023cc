package io.vigil.web.security;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Named;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The request's anti-forgery token (double-submit): a random value kept in the {@value #COOKIE} cookie, which every
 * state-changing form repeats in its {@value #FIELD} field (htmx requests in the {@value #HEADER} header). A forged
 * cross-site request carries the cookie at most, never the value, because other sites cannot read it.
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

    private String value;
    private boolean issued;

    void load(String fromCookie) {
        if (fromCookie != null && fromCookie.length() >= 32) {
            value = fromCookie;
        }
    }

    /** The token, made now if the browser had none. */
    public String value() {
        if (value == null) {
            byte[] random = new byte[32];
            RANDOM.nextBytes(random);
            value = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
            issued = true;
        }
        return value;
    }

    /** Whether {@code sent} is this request's token (compared in constant time). */
    boolean matches(String sent) {
        return sent != null
                && value != null
                && MessageDigest.isEqual(value.getBytes(StandardCharsets.UTF_8), sent.getBytes(StandardCharsets.UTF_8));
    }

    /** Whether the token was made in this request, so the response must set the cookie. */
    boolean issued() {
        return issued;
    }
}
