package io.vigil.web.security;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.oidc.runtime.TenantConfigBean;
import io.quarkus.oidc.runtime.TenantConfigContext;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.core.json.JsonObject;
import io.vigil.engine.input.LoggedText;
import io.vigil.web.audit.AuditLog;
import io.vigil.web.audit.AuditTarget;
import jakarta.annotation.security.PermitAll;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;
import org.jose4j.jwt.consumer.InvalidJwtException;

/**
 * The identity provider's back-channel logout (OpenID Connect Back-Channel Logout 1.0): the provider posts a signed
 * {@code logout_token} here when it ends a user's session, and Vigil ends the sessions that sign-in opened — the one of
 * the token's {@code sid} (recorded at sign-in, {@link Sessions#openForProvider}), else every provider sign-in of the
 * token's subject. Without it, a user the provider signs out or drops keeps their Vigil session until
 * {@code vigil.oidc.session-max}.
 *
 * <p>The token is verified by Quarkus OIDC itself ({@code OidcProvider.verifyLogoutJwtToken}, what its own
 * {@code quarkus.oidc.logout.backchannel.path} handler uses): the signature by one of the provider's keys (asymmetric
 * algorithms only), {@code iss}, {@code aud} (the client id), {@code exp} and {@code iat}. This class checks what the
 * specification adds: the {@code events} claim holds the back-channel-logout member, a {@code sid} or {@code sub} is
 * named, there is no {@code nonce}, {@code iat} is not ahead of the clock. Quarkus' own handler is not used: it answers
 * on the event loop before an observer could end a session, without the {@code error} the specification asks for, and
 * refuses a token with a {@code sid} and no {@code sub} unless told which to require.
 *
 * <p>Answers: 200 once the sessions are ended (none is fine: the provider may send for a session Vigil never had),
 * 400 with {@code {"error": "invalid_request", "error_description": …}} for a token that does not pass, each with
 * {@code Cache-Control: no-store}.
 */
@Path("/login/oidc/back-channel-logout")
@CsrfExempt // the provider posts from its server, holding no Vigil session; the signed logout token is its credential
public class OidcBackChannelLogout {

    private static final Logger LOG = Logger.getLogger(OidcBackChannelLogout.class);

    /** The member of the {@code events} claim that makes a JWT a logout token. */
    static final String BACK_CHANNEL_LOGOUT_EVENT = "http://schemas.openid.net/event/backchannel-logout";

    /** A logout token is a few hundred characters; the provider's keys may make it a few thousand. */
    static final int MAX_TOKEN = 16_384;

    private static final Pattern COMPACT_JWS = Pattern.compile("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+");

    /** How far ahead of Vigil's clock a token's {@code iat} may be (clocks differ a little). */
    private static final Duration CLOCK_SKEW = Duration.ofMinutes(1);

    @Inject
    SignInMethods methods;

    @Inject
    Instance<TenantConfigBean> tenants;

    @Inject
    Sessions sessions;

    @Inject
    AuditLog audit;

    @Inject
    CurrentVertxRequest request;

    /**
     * Open to everyone on purpose: the identity provider calls it from its server without a Vigil credential; what
     * proves the call is the logout token, signed by the provider, which is verified before anything ends.
     */
    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.APPLICATION_JSON)
    @PermitAll
    public Response logOut(@FormParam("logout_token") String logoutToken) {
        if (!methods.oidcOpen() || !tenants.isResolvable()) {
            return refused("OIDC sign-in is off");
        }
        if (logoutToken == null || logoutToken.isBlank()) {
            return refused("no logout_token");
        }
        if (!signedJwtShape(logoutToken)) {
            return refused("the logout token is not a signed JWT");
        }
        JsonObject claims;
        try {
            claims = verified(logoutToken);
        } catch (InvalidJwtException | RuntimeException invalid) {
            LOG.debugf("a back-channel logout token was refused: %s", LoggedText.of(invalid.getMessage()));
            return refused("the logout token does not verify: signature, issuer, audience or lifetime");
        }
        Optional<String> wrong = notALogoutToken(claims);
        if (wrong.isPresent()) {
            return refused(wrong.get());
        }
        String sid = text(claims, "sid");
        String subject = text(claims, "sub");
        String address = PasswordIdentityProvider.clientAddress(request.getCurrent());
        QuarkusTransaction.requiringNew().run(() -> end(sid, subject, address));
        return Response.ok("{}")
                .header(HttpHeaders.CACHE_CONTROL, NoStore.HEADER_VALUE)
                .build();
    }

    /**
     * Whether the token has the shape of a signed JWT (three base64url parts, at most {@value #MAX_TOKEN} characters,
     * a header of printable ASCII) — checked before Quarkus OIDC sees it, since it logs a token it refuses, decoded
     * header and all: anyone may post here, and no one may write a log line of their choosing or of any length.
     */
    static boolean signedJwtShape(String token) {
        if (token.length() > MAX_TOKEN || !COMPACT_JWS.matcher(token).matches()) {
            return false;
        }
        try {
            byte[] header = Base64.getUrlDecoder().decode(token.substring(0, token.indexOf('.')));
            for (byte b : header) {
                if (b < 0x20 || b > 0x7e) {
                    return false;
                }
            }
            return true;
        } catch (IllegalArgumentException notBase64) {
            return false;
        }
    }

    /** The claims of a logout token Quarkus OIDC verified with the provider's keys; throws if it does not verify. */
    private JsonObject verified(String logoutToken) throws InvalidJwtException {
        TenantConfigContext tenant = tenants.get().getDefaultTenant();
        if (!tenant.ready()) {
            // the provider did not answer at start: its keys are read now, as the next sign-in would
            tenant = tenant.initialize().await().atMost(Duration.ofSeconds(10));
        }
        return tenant.provider().verifyLogoutJwtToken(logoutToken).localVerificationResult();
    }

    /** What keeps verified claims from being a logout token (Back-Channel Logout 1.0, 2.4 and 2.6), if anything. */
    static Optional<String> notALogoutToken(JsonObject claims) {
        if (!(claims.getValue("events") instanceof JsonObject events)
                || !(events.getValue(BACK_CHANNEL_LOGOUT_EVENT) instanceof JsonObject)) {
            return Optional.of("the token's events claim has no " + BACK_CHANNEL_LOGOUT_EVENT + " member");
        }
        if (claims.containsKey("nonce")) {
            return Optional.of("a logout token carries no nonce");
        }
        if (text(claims, "sid") == null && text(claims, "sub") == null) {
            return Optional.of("the token names neither a session (sid) nor a subject (sub)");
        }
        if (!(claims.getValue("iat") instanceof Number issuedAt)
                || Instant.ofEpochSecond(issuedAt.longValue())
                        .isAfter(Instant.now().plus(CLOCK_SKEW))) {
            return Optional.of("the token's iat is missing or in the future");
        }
        return Optional.empty();
    }

    /**
     * Ends the provider sign-ins the token names: of the session {@code sid} (and of that subject's user, when it names
     * one too), else all of the subject's; records each user's sign-out in the audit log.
     */
    private void end(String sid, String subject, String address) {
        Optional<User> user = subject == null
                ? Optional.empty()
                : User.<User>find("oidcSubject", subject).firstResultOptional();
        if (subject != null && user.isEmpty()) {
            return; // a subject Vigil never signed in: nothing of it to end
        }
        List<Long> ended = sid != null
                ? sessions.endProviderSession(sid, user.map(known -> known.id).orElse(null))
                : sessions.endProviderSessionsOf(user.get().id);
        Map<Long, Integer> perUser = new TreeMap<>();
        ended.forEach(userId -> perUser.merge(userId, 1, Integer::sum));
        perUser.forEach((userId, count) -> {
            User signedOut = User.findById(userId);
            String name = signedOut == null ? "user " + userId : signedOut.username;
            audit.record(
                    new AuditLog.Actor(name, userId, address),
                    "session.sign-out",
                    AuditTarget.user(userId, name),
                    "by the identity provider (back-channel logout" + (sid != null ? " of its session" : " of the user")
                            + "): " + count + (count == 1 ? " session" : " sessions") + " ended");
        });
    }

    private static String text(JsonObject claims, String name) {
        return claims.getValue(name) instanceof String value && !value.isBlank() ? value : null;
    }

    private static Response refused(String why) {
        return Response.status(Response.Status.BAD_REQUEST)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new JsonObject(Map.of("error", "invalid_request", "error_description", why)).encode())
                .header(HttpHeaders.CACHE_CONTROL, NoStore.HEADER_VALUE)
                .build();
    }
}
