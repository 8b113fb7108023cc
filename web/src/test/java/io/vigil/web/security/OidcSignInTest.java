package io.vigil.web.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vigil.web.testing.Archive;
import io.vigil.web.testing.BrowserSession;
import io.vigil.web.testing.OidcTestProvider;
import io.vigil.web.testing.OidcTestProvider.Person;
import io.vigil.web.testing.Users;
import jakarta.inject.Inject;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Sign-in with an identity provider, end to end: an HTTP client that follows redirects as a browser does goes from
 * Vigil's login page to the provider ({@link OidcTestProvider}, a real OIDC code flow with signed ID tokens) and back,
 * and ends up with an ordinary Vigil session whose role the provider's groups decide.
 */
@QuarkusTest
@QuarkusTestResource(value = OidcTestProvider.Resource.class, restrictToAnnotatedClass = true)
class OidcSignInTest {

    private static final Pattern REFRESH = Pattern.compile("content=\"0;url=([^\"]+)\"");

    @TestHTTPResource("/")
    URI base;

    @Inject
    DataSource database;

    /** The test provider's address, as Vigil was given it (read here: the other test classes run without it). */
    private String issuer;

    @BeforeEach
    void archiveIsReady() {
        Archive.awaitReady();
        issuer = ConfigProvider.getConfig().getValue("quarkus.oidc.auth-server-url", String.class);
    }

    /** A browser: its own cookies, following redirects across hosts. */
    private record Browser(HttpClient client, CookieManager cookies) {
        static Browser fresh() {
            CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
            return new Browser(
                    HttpClient.newBuilder()
                            .cookieHandler(cookies)
                            .followRedirects(HttpClient.Redirect.ALWAYS)
                            .build(),
                    cookies);
        }

        HttpResponse<String> get(URI uri) throws Exception {
            return client.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
        }

        /** A JSON post as the pages' scripts send it: the session cookie and the anti-forgery header a page holds. */
        HttpResponse<String> postJson(URI uri, String json) throws Exception {
            String csrf = BrowserSession.tokenIn(get(uri.resolve("/account")).body());
            return client.send(
                    HttpRequest.newBuilder(uri)
                            .header("Content-Type", "application/json")
                            .header(CsrfToken.HEADER, csrf)
                            .POST(HttpRequest.BodyPublishers.ofString(json))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        }

        List<String> cookieNames() {
            return cookies.getCookieStore().getCookies().stream()
                    .map(HttpCookie::getName)
                    .toList();
        }
    }

    /** Follows the login page's "Sign in with" link to the end; answers the last page and the browser. */
    private HttpResponse<String> signInThroughProvider(Browser browser, String next) throws Exception {
        HttpResponse<String> login = browser.get(base.resolve("/login?next=" + next));
        assertThat(login.statusCode()).isEqualTo(200);
        Matcher link = Pattern.compile("id=\"oidc-sign-in\" href=\"([^\"]+)\"").matcher(login.body());
        assertThat(link.find())
                .as("the login page offers the provider: %s", login.body())
                .isTrue();
        assertThat(login.body()).contains("Sign in with Test IdP");
        return browser.get(base.resolve(link.group(1).replace("&amp;", "&")));
    }

    private static String subject() {
        return "subject-" + UUID.randomUUID();
    }

    @Test
    void aProviderUserInAMappedGroupGetsAVigilSessionWithThatRoleAndLandsWhereTheyWereGoing() throws Exception {
        String subject = subject();
        String name = "carol-" + subject.substring(8, 16);
        OidcTestProvider.signInNext(issuer, new Person(subject, name, List.of("staff", "vigil-admins")));
        Browser browser = Browser.fresh();

        HttpResponse<String> landed = signInThroughProvider(browser, "/account");

        assertThat(landed.statusCode()).isEqualTo(200);
        assertThat(landed.uri().getPath()).isEqualTo("/login/oidc");
        Matcher refresh = REFRESH.matcher(landed.body());
        assertThat(refresh.find()).as(landed.body()).isTrue();
        assertThat(refresh.group(1)).isEqualTo("/account");
        assertThat(browser.cookieNames())
                .as("Vigil's session, and no longer the provider's")
                .contains(Sessions.COOKIE)
                .noneMatch(cookie -> cookie.startsWith("q_session"));
        HttpResponse<String> account = browser.get(base.resolve(refresh.group(1)));
        assertThat(account.statusCode()).isEqualTo(200);
        assertThat(account.body()).contains("Signed in as <strong>" + name + "</strong> (admin)");

        long userId = QuarkusTransaction.requiringNew()
                .call(() -> User.<User>find("oidcSubject", subject).firstResult().id);
        assertThat(QuarkusTransaction.requiringNew().call(() -> User.<User>findById(userId).username))
                .isEqualTo(name);

        // signing in again links the same user, not a new one
        Browser second = Browser.fresh();
        signInThroughProvider(second, "/");
        assertThat(QuarkusTransaction.requiringNew().call(() -> User.count("oidcSubject", subject)))
                .isEqualTo(1);
    }

    @Test
    void theRoleFollowsTheProviderGroupsAtEachSignInAndTheOlderSessionsEnd() throws Exception {
        String subject = subject();
        String name = "dan-" + subject.substring(8, 16);
        OidcTestProvider.signInNext(issuer, new Person(subject, name, List.of("news-desk")));
        Browser first = Browser.fresh();
        signInThroughProvider(first, "/account");
        assertThat(first.get(base.resolve("/account")).body()).contains("(analyst)");

        OidcTestProvider.signInNext(issuer, new Person(subject, name, List.of("vigil-admins")));
        Browser second = Browser.fresh();
        signInThroughProvider(second, "/account");
        assertThat(second.get(base.resolve("/account")).body()).contains("(admin)");

        HttpResponse<String> stale = first.get(base.resolve("/account"));
        assertThat(stale.uri().getPath())
                .as("a role change ends the older sessions, as for local users")
                .isEqualTo("/login");
    }

    @Test
    void aProviderSessionEndsByTheOidcSessionMaximumSoADroppedUserIsOutWithinIt() throws Exception {
        String subject = subject();
        String name = "erin-" + subject.substring(8, 16);
        OidcTestProvider.signInNext(issuer, new Person(subject, name, List.of("news-desk")));
        signInThroughProvider(Browser.fresh(), "/account");
        String local = Users.create("localbound", Role.ANALYST);
        BrowserSession.signIn(local, Users.PASSWORD);

        // the test provider sets vigil.oidc.session-max=PT3H; vigil.session.max-age stays P7D for local sign-ins
        assertThat(lifetimeOfSessionsOf(name)).containsExactly(Duration.ofHours(3));
        assertThat(lifetimeOfSessionsOf(local)).containsExactly(Duration.ofDays(7));
    }

    /** How long after sign-in each of the user's sessions ends, as stored. */
    private List<Duration> lifetimeOfSessionsOf(String username) throws Exception {
        try (var connection = database.getConnection();
                var query = connection.prepareStatement(
                        """
                        select extract(epoch from s.expires_at - s.created_at)::bigint
                        from user_session s join users u on u.id = s.user_id where u.username = ?
                        """)) {
            query.setString(1, username);
            try (var rows = query.executeQuery()) {
                List<Duration> lifetimes = new java.util.ArrayList<>();
                while (rows.next()) {
                    lifetimes.add(Duration.ofSeconds(rows.getLong(1)));
                }
                return lifetimes;
            }
        }
    }

    @Test
    void aProviderUserWithNoMappedGroupIsRefusedWithAPageThatSaysWhyAndNothingIsStored() throws Exception {
        String subject = subject();
        OidcTestProvider.signInNext(
                issuer, new Person(subject, "eve-" + subject.substring(8, 16), List.of("contractors")));
        Browser browser = Browser.fresh();

        HttpResponse<String> refused = signInThroughProvider(browser, "/");

        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body())
                .contains("No access to Vigil")
                .contains("contractors")
                .contains("vigil.oidc.admin-groups");
        assertThat(browser.cookieNames()).doesNotContain(Sessions.COOKIE);
        assertThat(QuarkusTransaction.requiringNew().call(() -> User.count("oidcSubject", subject)))
                .isZero();
        assertThat(browser.get(base.resolve("/account")).uri().getPath()).isEqualTo("/login");
    }

    @Test
    void aKnownUserWhoseGroupsTheProviderWithdrewIsRefusedAndTheirSessionsTokensAndFeedsEnd() throws Exception {
        String subject = subject();
        String name = "ivan-" + subject.substring(8, 16);
        OidcTestProvider.signInNext(issuer, new Person(subject, name, List.of("news-desk")));
        Browser signedIn = Browser.fresh();
        signInThroughProvider(signedIn, "/tokens");
        assertThat(signedIn.get(base.resolve("/tokens")).statusCode()).isEqualTo(200);
        HttpResponse<String> token = signedIn.postJson(base.resolve("/api/tokens"), "{\"name\":\"script\"}");
        assertThat(token.statusCode()).as(token.body()).isEqualTo(201);
        String apiToken = new io.vertx.core.json.JsonObject(token.body()).getString("token");
        HttpResponse<String> feed = signedIn.postJson(base.resolve("/api/feeds"), "{\"name\":\"reader\"}");
        assertThat(feed.statusCode()).as(feed.body()).isEqualTo(201);
        URI feedUrl = base.resolve(URI.create(new io.vertx.core.json.JsonObject(feed.body()).getString("url"))
                .getPath());
        HttpClient anyone = HttpClient.newHttpClient();
        HttpRequest withToken = HttpRequest.newBuilder(base.resolve("/api/articles"))
                .header("Authorization", "Bearer " + apiToken)
                .build();
        assertThat(anyone.send(withToken, HttpResponse.BodyHandlers.discarding())
                        .statusCode())
                .isEqualTo(200);
        assertThat(anyone.send(HttpRequest.newBuilder(feedUrl).build(), HttpResponse.BodyHandlers.discarding())
                        .statusCode())
                .isEqualTo(200);

        // the organisation takes the user out of every group Vigil maps
        OidcTestProvider.signInNext(issuer, new Person(subject, name, List.of("contractors")));
        HttpResponse<String> refused = signInThroughProvider(Browser.fresh(), "/");

        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(signedIn.get(base.resolve("/account")).uri().getPath())
                .as("the session opened while the provider still gave a role")
                .isEqualTo("/login");
        assertThat(anyone.send(withToken, HttpResponse.BodyHandlers.discarding())
                        .statusCode())
                .as("an API token acts without the provider")
                .isEqualTo(401);
        assertThat(anyone.send(HttpRequest.newBuilder(feedUrl).build(), HttpResponse.BodyHandlers.discarding())
                        .statusCode())
                .as("a feed URL reads alerts without the provider")
                .isEqualTo(404);
    }

    @Test
    void aTakenLocalUsernameIsNotTakenOverAndLocalUsersStillSignInAlongside() throws Exception {
        String local = Users.create("frank", Role.VIEWER);
        String subject = subject();
        OidcTestProvider.signInNext(issuer, new Person(subject, local, List.of("vigil-admins")));
        Browser browser = Browser.fresh();
        signInThroughProvider(browser, "/");

        User linked = QuarkusTransaction.requiringNew()
                .call(() -> User.<User>find("oidcSubject", subject).firstResult());
        assertThat(linked.username).startsWith(local + "-").isNotEqualTo(local);
        assertThat(QuarkusTransaction.requiringNew()
                        .call(() -> User.named(local).orElseThrow().role))
                .isEqualTo("viewer");
        assertThat(io.vigil.web.testing.BrowserSession.postLogin(local, Users.PASSWORD, null)
                        .succeeded())
                .as("local sign-in is on alongside OIDC by default")
                .isTrue();
    }

    @Test
    void aLocalUsernameInAnotherCaseIsNotTakenEither() throws Exception {
        String local = Users.create("grace", Role.VIEWER);
        String shouted = local.toUpperCase(java.util.Locale.ROOT);
        String subject = subject();
        OidcTestProvider.signInNext(issuer, new Person(subject, shouted, List.of("vigil-admins")));
        signInThroughProvider(Browser.fresh(), "/");

        User linked = QuarkusTransaction.requiringNew()
                .call(() -> User.<User>find("oidcSubject", subject).firstResult());
        assertThat(linked.username)
                .as("an account that would read as %s in the audit log and on alerts", local)
                .startsWith(shouted + "-");
    }

    @Test
    void aProviderNameOutsideTheLocalPatternIsMadeIntoOneThatFitsIt() throws Exception {
        String run = Long.toString(System.nanoTime() % 1_000_000); // names stay new across runs on one database
        Map<String, String> expected = new java.util.LinkedHashMap<>();
        expected.put("\u0430dmin" + run, "dmin" + run); // a Cyrillic first letter: it reads as "admin…"
        expected.put("Jane Q. Smith" + run, "Jane-Q.-Smith" + run);
        expected.put("zo\u200be" + run, "zo-e" + run); // a zero-width space
        expected.put("\uff4a\uff4f\uff53\u00e9" + run, "jose" + run); // full-width letters and an accent, folded
        Map<String, String> derived = new java.util.LinkedHashMap<>();
        for (String wanted : List.of(List.copyOf(expected.keySet()), List.of("\u0430\u0434")).stream()
                .flatMap(List::stream)
                .toList()) {
            String subject = subject();
            OidcTestProvider.signInNext(issuer, new Person(subject, wanted, List.of("vigil-analysts")));
            signInThroughProvider(Browser.fresh(), "/");
            derived.put(wanted, QuarkusTransaction.requiringNew().call(() -> User.<User>find("oidcSubject", subject)
                    .firstResult()
                    .username));
        }

        assertThat(derived.values())
                .allMatch(name -> User.USERNAME.matcher(name).matches(), "fits " + User.USERNAME);
        expected.forEach((wanted, name) -> assertThat(derived.get(wanted)).isEqualTo(name));
        assertThat(derived.get("\u0430\u0434")).as("nothing left to keep").matches("user-[0-9a-f]{8}");
    }

    /** Where the provider posts its logout tokens. */
    private static final String BACK_CHANNEL_LOGOUT = "/login/oidc/back-channel-logout";

    /** The claims of a logout token as the provider makes one; {@code change} makes it another. */
    private String logoutClaims(String sid, String subject, java.util.function.Consumer<JwtClaims> change) {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(issuer);
        claims.setAudience(OidcTestProvider.CLIENT_ID);
        claims.setIssuedAtToNow();
        claims.setExpirationTimeMinutesInTheFuture(2);
        claims.setGeneratedJwtId();
        claims.setClaim("events", Map.of(OidcBackChannelLogout.BACK_CHANNEL_LOGOUT_EVENT, Map.of()));
        if (sid != null) {
            claims.setClaim("sid", sid);
        }
        if (subject != null) {
            claims.setSubject(subject);
        }
        change.accept(claims);
        return claims.toJson();
    }

    private String providerSigned(String claims) throws Exception {
        return OidcTestProvider.signedByProvider(issuer, claims);
    }

    /** Posts a logout token as the provider does: from its server, a form, no cookie, no anti-forgery token. */
    private HttpResponse<String> postLogoutToken(String token) throws Exception {
        HttpResponse<String> answer = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(base.resolve(BACK_CHANNEL_LOGOUT))
                                .header("Content-Type", "application/x-www-form-urlencoded")
                                .POST(HttpRequest.BodyPublishers.ofString("logout_token="
                                        + java.net.URLEncoder.encode(token, java.nio.charset.StandardCharsets.UTF_8)))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(answer.headers().firstValue("Cache-Control"))
                .as("every answer to the provider")
                .contains("no-store");
        return answer;
    }

    private boolean signedIn(Browser browser) throws Exception {
        HttpResponse<String> account = browser.get(base.resolve("/account"));
        return account.statusCode() == 200 && account.uri().getPath().equals("/account");
    }

    @Test
    void theProvidersBackChannelLogoutEndsExactlyTheSessionOfItsSid() throws Exception {
        String subject = subject();
        String name = "kim-" + subject.substring(8, 16);
        String sid = "sid-" + UUID.randomUUID();
        OidcTestProvider.signInNext(issuer, new Person(subject, name, List.of("news-desk"), sid));
        Browser named = Browser.fresh();
        signInThroughProvider(named, "/account");
        OidcTestProvider.signInNext(
                issuer, new Person(subject, name, List.of("news-desk"), "sid-" + UUID.randomUUID()));
        Browser elsewhere = Browser.fresh();
        signInThroughProvider(elsewhere, "/account");
        assertThat(signedIn(named)).isTrue();
        assertThat(signedIn(elsewhere)).isTrue();

        HttpResponse<String> another =
                postLogoutToken(providerSigned(logoutClaims("sid-" + UUID.randomUUID(), subject, claims -> {})));
        assertThat(another.statusCode())
                .as("a session Vigil does not have is no error")
                .isEqualTo(200);
        assertThat(signedIn(named))
                .as("a logout token for another sid leaves it")
                .isTrue();

        HttpResponse<String> logout = postLogoutToken(providerSigned(logoutClaims(sid, subject, claims -> {})));

        assertThat(logout.statusCode()).as(logout.body()).isEqualTo(200);
        assertThat(signedIn(named)).as("the session of that sid").isFalse();
        assertThat(signedIn(elsewhere))
                .as("the user's sign-in under another of the provider's sessions")
                .isTrue();
        try (var connection = database.getConnection();
                var query = connection.prepareStatement(
                        "select detail from audit_event where action = 'session.sign-out' and actor = ?")) {
            query.setString(1, name);
            try (var rows = query.executeQuery()) {
                assertThat(rows.next()).as("the sign-out is in the audit log").isTrue();
                assertThat(rows.getString(1)).contains("back-channel logout").contains("1 session ended");
                assertThat(rows.next()).isFalse();
            }
        }
    }

    @Test
    void aLogoutTokenWithoutASidEndsEveryProviderSignInOfItsSubject() throws Exception {
        String subject = subject();
        String name = "lee-" + subject.substring(8, 16);
        List<Browser> browsers = new java.util.ArrayList<>();
        for (int i = 0; i < 2; i++) {
            OidcTestProvider.signInNext(issuer, new Person(subject, name, List.of("news-desk")));
            Browser browser = Browser.fresh();
            signInThroughProvider(browser, "/account");
            browsers.add(browser);
        }
        String otherSubject = subject();
        OidcTestProvider.signInNext(
                issuer, new Person(otherSubject, "max-" + otherSubject.substring(8, 16), List.of("news-desk")));
        Browser otherUser = Browser.fresh();
        signInThroughProvider(otherUser, "/account");

        HttpResponse<String> logout = postLogoutToken(providerSigned(logoutClaims(null, subject, claims -> {})));

        assertThat(logout.statusCode()).as(logout.body()).isEqualTo(200);
        for (Browser browser : browsers) {
            assertThat(signedIn(browser)).isFalse();
        }
        assertThat(signedIn(otherUser)).as("another subject's sign-in").isTrue();
    }

    @Test
    void aLogoutTokenThatIsForgedUnsignedForAnotherAudienceOrExpiredIsRefusedAndEndsNothing() throws Exception {
        String subject = subject();
        String sid = "sid-" + UUID.randomUUID();
        OidcTestProvider.signInNext(
                issuer, new Person(subject, "nia-" + subject.substring(8, 16), List.of("news-desk"), sid));
        Browser browser = Browser.fresh();
        signInThroughProvider(browser, "/account");
        long past = java.time.Instant.now().minusSeconds(900).getEpochSecond();
        String genuine = logoutClaims(sid, subject, claims -> {});

        Map<String, String> refused = new java.util.LinkedHashMap<>();
        refused.put("signed with another key of the same id", forged(genuine));
        refused.put("unsigned", unsigned(genuine));
        refused.put("claiming alg none, with a signature", unsigned(genuine) + "c2lnbmF0dXJl");
        refused.put(
                "with a line break in its header (Quarkus logs a refused token's header)",
                java.util.Base64.getUrlEncoder()
                                .withoutPadding()
                                .encodeToString("{\"alg\":\"RS256\",\n\"kid\":\"test-key\"}"
                                        .getBytes(java.nio.charset.StandardCharsets.UTF_8))
                        + forged(genuine).substring(forged(genuine).indexOf('.')));
        refused.put("for another audience", providerSigned(logoutClaims(sid, subject, c -> c.setAudience("other"))));
        refused.put("expired", providerSigned(logoutClaims(sid, subject, c -> {
            c.setIssuedAt(NumericDate.fromSeconds(past));
            c.setExpirationTime(NumericDate.fromSeconds(past + 120));
        })));
        refused.put(
                "from another issuer",
                providerSigned(logoutClaims(sid, subject, c -> c.setIssuer("http://127.0.0.1:1/realm"))));
        refused.put("with no iat", providerSigned(logoutClaims(sid, subject, c -> c.unsetClaim("iat"))));
        refused.put(
                "issued in an hour",
                providerSigned(logoutClaims(
                        sid,
                        subject,
                        c -> c.setIssuedAt(NumericDate.fromSeconds(
                                java.time.Instant.now().plusSeconds(3600).getEpochSecond())))));
        refused.put(
                "without the events claim", providerSigned(logoutClaims(sid, subject, c -> c.unsetClaim("events"))));
        refused.put(
                "with another event",
                providerSigned(logoutClaims(
                        sid, subject, c -> c.setClaim("events", Map.of("http://example.org/other", Map.of())))));
        refused.put(
                "with a nonce (an ID token)",
                providerSigned(logoutClaims(sid, subject, c -> c.setClaim("nonce", "n"))));
        refused.put("naming neither sid nor sub", providerSigned(logoutClaims(null, null, c -> {})));
        refused.put("not a JWT", "not-a-jwt");

        for (Map.Entry<String, String> token : refused.entrySet()) {
            HttpResponse<String> answer = postLogoutToken(token.getValue());
            assertThat(answer.statusCode())
                    .as("a logout token %s", token.getKey())
                    .isEqualTo(400);
            assertThat(new io.vertx.core.json.JsonObject(answer.body()).getString("error"))
                    .isEqualTo("invalid_request");
            assertThat(signedIn(browser))
                    .as("still signed in after a logout token %s", token.getKey())
                    .isTrue();
        }

        assertThat(postLogoutToken(providerSigned(genuine)).statusCode())
                .as("the same claims, signed by the provider")
                .isEqualTo(200);
        assertThat(signedIn(browser)).isFalse();
    }

    /** The claims signed as the provider would, but with a key of the attacker's that claims the provider's key id. */
    private static String forged(String claims) throws Exception {
        RsaJsonWebKey key = RsaJwkGenerator.generateJwk(2048);
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims);
        jws.setKey(key.getPrivateKey());
        jws.setKeyIdHeaderValue("test-key");
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        return jws.getCompactSerialization();
    }

    /** The claims with {@code "alg": "none"} and no signature. */
    private static String unsigned(String claims) {
        java.util.Base64.Encoder base64 = java.util.Base64.getUrlEncoder().withoutPadding();
        return base64.encodeToString(
                        "{\"alg\":\"none\",\"kid\":\"test-key\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8))
                + "." + base64.encodeToString(claims.getBytes(java.nio.charset.StandardCharsets.UTF_8)) + ".";
    }
}
