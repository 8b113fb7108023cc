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
}
