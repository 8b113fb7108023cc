package io.vigil.web.security;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.oidc.IdTokenCredential;
import io.quarkus.oidc.OidcSession;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vigil.web.audit.AuditLog;
import io.vigil.web.audit.AuditTarget;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.Base64;
import java.util.Optional;

/**
 * Sign-in with the organisation's identity provider ({@code GET /login/oidc}): Quarkus OIDC runs the authorization-code
 * flow on this one path ({@code quarkus.http.auth.permission.oidc-sign-in}, code mechanism only), and once the provider
 * has signed the user in, this maps the ID token's groups to a role ({@link OidcRoles}), finds or creates the Vigil user
 * linked by the provider's subject, and opens an ordinary Vigil session ({@link Sessions}) — so signing out, session
 * lists, revocation and role changes work exactly as for local users. The provider's own session cookie is dropped at
 * once: from here on Vigil's session is the only one.
 *
 * <p>The role is the provider's at each sign-in: a user moved to another group gets the new role the next time, and
 * their older sessions end, as with any role change. A user none of whose groups is mapped is refused with a page that
 * says why and stored nowhere.
 */
@Path("/login/oidc")
public class OidcSignIn {

    @Inject
    SignInMethods methods;

    @Inject
    SecuritySettings.Oidc settings;

    @Inject
    SecurityIdentity identity;

    @Inject
    OidcSession oidcSession;

    @Inject
    Sessions sessions;

    @Inject
    AuditLog audit;

    @Inject
    CurrentVertxRequest request;

    @Inject
    AccountChanges changes;

    @CheckedTemplate
    static class Templates {
        /** Carries on to {@code next} from a page of our own, so the SameSite=Strict session cookie goes with it. */
        static native TemplateInstance signedIn(String next, String username);

        static native TemplateInstance refused(String provider, String username, String groups, String claim);
    }

    /**
     * Open to everyone on purpose: when OIDC is on, the code mechanism has signed the caller in before this runs (or sent
     * them to the provider); when it is off, or nobody came through the provider, this only sends them to the login form.
     */
    @GET
    @Produces(MediaType.TEXT_HTML)
    @PermitAll
    public Response signIn(@QueryParam("next") String next) {
        String target = ReturnTo.safe(next);
        IdTokenCredential token = identity.isAnonymous() ? null : identity.getCredential(IdTokenCredential.class);
        if (!methods.oidcOpen() || token == null) {
            return Response.seeOther(URI.create("/login")).build();
        }
        JsonObject claims = claims(token.getToken());
        String subject = claims.getString("sub");
        String wanted = Optional.ofNullable(claims.getValue(settings.usernameClaim()))
                .map(Object::toString)
                .filter(name -> !name.isBlank())
                .orElse(subject);
        OidcRoles.Mapped mapped = OidcRoles.from(settings).map(claims);
        RoutingContext routing = request.getCurrent();
        String address = PasswordIdentityProvider.clientAddress(routing);
        oidcSession.logout().await().indefinitely();
        if (mapped.role().isEmpty()) {
            QuarkusTransaction.requiringNew().run(() -> {
                // A user the provider made before keeps no way in: their sessions, API tokens and feed URLs act
                // without the provider, so they end here, when the provider first says the user has no role.
                Optional<User> known = User.find("oidcSubject", subject).firstResultOptional();
                String withdrawn = known.map(user -> "; " + user.username + "'s sessions ended, "
                                + changes.withdraw(user).describe())
                        .orElse("");
                audit.record(
                        AuditLog.Actor.anonymous(Sessions.truncate(wanted, PasswordCheck.MAX_USERNAME), address),
                        "session.sign-in-failed",
                        AuditTarget.user(known.map(user -> user.id).orElse(null), wanted),
                        "no role for the identity provider's groups " + mapped.groups() + " (oidc)" + withdrawn);
            });
            return Response.status(Response.Status.FORBIDDEN)
                    .entity(Templates.refused(
                            settings.providerName(),
                            wanted,
                            mapped.groups().isEmpty() ? "none" : String.join(", ", mapped.groups()),
                            settings.roleClaim()))
                    .header(HttpHeaders.CACHE_CONTROL, "no-store")
                    .build();
        }
        Account account = linked(subject, wanted, mapped.role().get(), address);
        // the provider's session id, so its back-channel logout of that session ends this one (OidcBackChannelLogout)
        String providerSession = claims.getValue("sid") instanceof String sid && !sid.isBlank() ? sid : null;
        Sessions.Opened opened = sessions.openForProvider(
                account.id(),
                address,
                routing.request().getHeader(HttpHeaders.USER_AGENT),
                settings.sessionMax(),
                providerSession);
        audit.record(
                new AuditLog.Actor(account.username(), account.id(), address),
                "session.sign-in",
                AuditTarget.user(account.id(), account.username()),
                "oidc");
        SessionCookies.openOn(routing, opened.secret());
        return Response.ok(Templates.signedIn(target, account.username()))
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .build();
    }

    /**
     * The user linked to the subject, created on first sign-in and given the role the provider's groups come to now. A
     * username a local user already holds, in any case, is not taken over: the new user's name gets the subject's
     * start appended.
     */
    private Account linked(String subject, String wanted, Role role, String address) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Optional<User> known = User.find("oidcSubject", subject).firstResultOptional();
            if (known.isPresent()) {
                User user = known.get();
                if (user.role() != role) {
                    String before = user.role;
                    user.role = role.id();
                    sessions.endAllOf(user.id);
                    audit.record(
                            new AuditLog.Actor(user.username, user.id, address),
                            "user.role",
                            AuditTarget.user(user.id, user.username),
                            before + " → " + role.id() + " (identity provider groups)");
                }
                return new Account(user.id, user.username, role);
            }
            String username = usernameFor(wanted, subject);
            // a password nobody knows: the account signs in only through the provider
            User user = User.create(username, TokenSecrets.generate("oidc-"), role);
            user.oidcSubject = subject;
            user.persist();
            audit.record(
                    new AuditLog.Actor(username, user.id, address),
                    "user.create",
                    AuditTarget.user(user.id, username),
                    "role " + role.id() + ", signed in by the identity provider");
            return new Account(user.id, username, role);
        });
    }

    /**
     * The username a new provider user gets: the provider's name made into one a local user could have
     * ({@link User#USERNAME}) — accents dropped, compatibility forms folded ({@code ｊｏｅ} is {@code joe}), every run of
     * other characters (spaces, Cyrillic or Greek look-alikes, invisible ones) one dash — with the subject's start
     * appended when that name is taken in any case or too short to be one.
     */
    static String usernameFor(String wanted, String subject) {
        String suffix = "-" + TokenSecrets.hash(subject).substring(0, 8);
        String folded = Normalizer.normalize(
                        Sessions.truncate(wanted, PasswordCheck.MAX_USERNAME), Normalizer.Form.NFKD)
                .replaceAll("\\p{M}+", "");
        String name = folded.replaceAll("[^A-Za-z0-9._@-]+", "-").replaceAll("^-+|-+$", "");
        name = name.substring(0, Math.min(name.length(), 64 - suffix.length()));
        if (name.length() < 2) {
            return "user" + suffix;
        }
        return User.namedInAnyCase(name).isPresent() ? name + suffix : name;
    }

    /** The claims of an ID token Quarkus OIDC has already verified (signature, issuer, audience, expiry, nonce). */
    static JsonObject claims(String idToken) {
        String[] parts = idToken.split("\\.");
        return new JsonObject(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
    }
}
