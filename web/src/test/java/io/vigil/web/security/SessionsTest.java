package io.vigil.web.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.not;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.vigil.web.testing.Archive;
import io.vigil.web.testing.BrowserSession;
import io.vigil.web.testing.Users;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Sessions live on the server: signing out, changing or resetting a password, a role change and deleting the user end
 * them at once; they also end by themselves (idle, absolute); the cookie carries only a random id; and signing in
 * returns to the page that was asked for.
 */
@QuarkusTest
class SessionsTest {

    private static final String NEW_PASSWORD = "Quiet-Lantern-Harbour-7";

    @Inject
    DataSource database;

    @BeforeEach
    void archiveIsReady() {
        Archive.awaitReady();
    }

    private static long idOf(String username) {
        return QuarkusTransaction.requiringNew().call(() -> User.named(username).orElseThrow().id);
    }

    private int execute(String sql, Object... parameters) throws Exception {
        try (var connection = database.getConnection();
                var statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            return statement.executeUpdate();
        }
    }

    private long count(String sql, Object... parameters) throws Exception {
        try (var connection = database.getConnection();
                var statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            try (var row = statement.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }

    @Test
    void aSignedOutCookieNoLongerSignsAnyoneInAndTheTableKeepsOnlyItsHash() throws Exception {
        String analyst = Users.create("leaver", Role.ANALYST);
        BrowserSession browser = BrowserSession.signIn(analyst, Users.PASSWORD);
        assertThat(browser.session()).startsWith("vss_").hasSize(4 + 43);
        assertThat(count("select count(*) from user_session where id_hash = ?", browser.session()))
                .as("the id itself is not stored")
                .isZero();
        assertThat(count("select count(*) from user_session where user_id = ?", idOf(analyst)))
                .isEqualTo(1);
        assertThat(browser.signedIn()).isTrue();

        browser.post("/logout").then().statusCode(303).header("Set-Cookie", containsString("Max-Age=0"));

        assertThat(browser.signedIn()).as("the old cookie, replayed").isFalse();
        browser.get("/api/articles").then().statusCode(401);
        assertThat(count("select count(*) from user_session where user_id = ?", idOf(analyst)))
                .isZero();
    }

    @Test
    void signingInWithADeadSessionCookieLeavesTheBrowserSignedIn() {
        // A tab still holding the cookie of a session that ended (signed out elsewhere, reset, expired) signs in again:
        // the answer drops the dead cookie and gives the new one, and the browser keeps whichever comes last.
        String analyst = Users.create("returning", Role.ANALYST);
        BrowserSession old = BrowserSession.signIn(analyst, Users.PASSWORD);
        old.post("/logout").then().statusCode(303);
        String csrf = given().noFilters().get("/login").cookie("vigil-csrf");

        Response signIn = given().noFilters()
                .redirects()
                .follow(false)
                .cookie("vigil-session", old.session())
                .cookie("vigil-csrf", csrf)
                .formParam("_csrf", csrf)
                .formParam("username", analyst)
                .formParam("password", Users.PASSWORD)
                .post("/login");

        assertThat(signIn.statusCode()).isEqualTo(303);
        java.util.List<String> sessionCookies = signIn.headers().getValues("Set-Cookie").stream()
                .filter(header -> header.startsWith("vigil-session="))
                .toList();
        assertThat(sessionCookies)
                .as("the last session cookie is the one the browser keeps")
                .last()
                .asString()
                .startsWith("vigil-session=vss_")
                .doesNotContain("Max-Age=0");
        String kept =
                sessionCookies.getLast().substring("vigil-session=".length()).split(";", 2)[0];
        assertThat(kept).isNotEqualTo(old.session());
        given().noFilters()
                .cookie("vigil-session", kept)
                .get("/api/articles")
                .then()
                .statusCode(200);
    }

    @Test
    void theSessionCookieIsHttpOnlyStrictAndSecureOnlyOverHttps() {
        String viewer = Users.create("cookie", Role.VIEWER);
        BrowserSession.Login plain = BrowserSession.postLogin(viewer, Users.PASSWORD, null);
        String cookie = plain.response().header("Set-Cookie");
        assertThat(cookie)
                .startsWith("vigil-session=vss_")
                .containsIgnoringCase("HttpOnly")
                .contains("SameSite=Strict")
                .contains("Path=/")
                .doesNotContain("Secure")
                .doesNotContain("Max-Age");
        assertThat(plain.response().header("Strict-Transport-Security")).isNull();

        // behind a trusted proxy that says the client came over HTTPS (the test profile trusts 127.0.0.1)
        String csrf = given().noFilters()
                .header("X-Forwarded-Proto", "https")
                .get("/login")
                .cookie("__Host-vigil-csrf");
        Response secure = given().noFilters()
                .redirects()
                .follow(false)
                .header("X-Forwarded-Proto", "https")
                .cookie("__Host-vigil-csrf", csrf)
                .formParam("_csrf", csrf)
                .formParam("username", viewer)
                .formParam("password", Users.PASSWORD)
                .post("/login");
        assertThat(secure.statusCode()).isEqualTo(303);
        assertThat(secure.header("Set-Cookie"))
                .startsWith("__Host-vigil-session=vss_")
                .contains("Secure")
                .containsIgnoringCase("HttpOnly")
                .contains("SameSite=Strict");
        assertThat(secure.header("Strict-Transport-Security")).isEqualTo("max-age=31536000");
        given().noFilters()
                .header("X-Forwarded-Proto", "https")
                .get("/login")
                .then()
                .header("Strict-Transport-Security", "max-age=31536000")
                .header("Set-Cookie", containsString("Secure"));
    }

    @Test
    void changingOnesPasswordEndsEveryOtherSessionAndKeepsThisBrowserSignedIn() {
        String analyst = Users.create("rotator", Role.ANALYST);
        BrowserSession laptop = BrowserSession.signIn(analyst, Users.PASSWORD);
        BrowserSession phone = BrowserSession.signIn(analyst, Users.PASSWORD);

        Response changed = laptop.post(
                "/account/password", "current", Users.PASSWORD, "password", NEW_PASSWORD, "repeat", NEW_PASSWORD);
        changed.then().statusCode(200).body(containsString("Password changed"));
        String renewed = changed.cookie("vigil-session");

        assertThat(phone.signedIn()).as("the other device").isFalse();
        assertThat(laptop.signedIn()).as("the old cookie of this browser").isFalse();
        assertThat(renewed).isNotBlank().isNotEqualTo(laptop.session());
        assertThat(new BrowserSession(renewed, laptop.csrf()).signedIn())
                .as("this browser, with the cookie it was given")
                .isTrue();
    }

    @Test
    void anAdminsResetEndsTheUsersSessionsAndMayRevokeTheirTokensAndFeeds() {
        String forgetful = Users.create("reset", Role.ANALYST);
        long id = idOf(forgetful);
        BrowserSession browser = BrowserSession.signIn(forgetful, Users.PASSWORD);
        String kept = issueToken(forgetful, "kept");
        String revoked = issueToken(forgetful, "revoked");
        String feed = issueFeed(forgetful);

        given().redirects()
                .follow(false)
                .formParam("password", NEW_PASSWORD)
                .post("/users/" + id + "/password")
                .then()
                .statusCode(303);
        assertThat(browser.signedIn()).isFalse();
        given().noFilters()
                .header("Authorization", "Bearer " + kept)
                .get("/api/articles")
                .then()
                .statusCode(200); // without the box ticked, tokens keep working
        given().noFilters().get(feed).then().statusCode(200); // and feeds

        BrowserSession again = BrowserSession.signIn(forgetful, NEW_PASSWORD);
        given().redirects()
                .follow(false)
                .formParam("password", "Another-Fresh-Password-8")
                .formParam("revokeTokens", "true")
                .post("/users/" + id + "/password")
                .then()
                .statusCode(303)
                .header("Location", containsString("revoked=2"))
                .header("Location", containsString("feeds=1"));
        assertThat(again.signedIn()).isFalse();
        given().noFilters()
                .get(feed)
                .then()
                .statusCode(404); // a feed URL reads every alert without signing in: it goes with the tokens
        for (String token : new String[] {kept, revoked}) {
            given().noFilters()
                    .header("Authorization", "Bearer " + token)
                    .get("/api/articles")
                    .then()
                    .statusCode(401);
        }
        given().get("/audit?action=user.password-reset")
                .then()
                .statusCode(200)
                .body(containsString(forgetful))
                .body(containsString("2 API token(s) revoked, 1 Atom feed URL(s) revoked"));
    }

    @Test
    void aRoleChangeAndDeletingTheUserEndTheirSessionsAtOnce() {
        String demoted = Users.create("demoted", Role.ANALYST);
        BrowserSession session = BrowserSession.signIn(demoted, Users.PASSWORD);
        given().redirects()
                .follow(false)
                .formParam("role", "viewer")
                .post("/users/" + idOf(demoted) + "/role")
                .then()
                .statusCode(303);
        assertThat(session.signedIn()).isFalse();
        BrowserSession asViewer = BrowserSession.signIn(demoted, Users.PASSWORD);
        asViewer.post("/rules", "name", "not mine to make", "query", "harbour")
                .then()
                .statusCode(403);

        String removed = Users.create("removed", Role.VIEWER);
        BrowserSession doomed = BrowserSession.signIn(removed, Users.PASSWORD);
        given().redirects()
                .follow(false)
                .formParam("_csrf", "x")
                .post("/users/" + idOf(removed) + "/delete")
                .then()
                .statusCode(303);
        assertThat(doomed.signedIn()).isFalse();
    }

    @Test
    void signingOutEverywhereEndsEverySessionOfTheUserAndNoOneElses() {
        String traveller = Users.create("traveller", Role.VIEWER);
        String bystander = Users.create("bystander", Role.VIEWER);
        BrowserSession desk = BrowserSession.signIn(traveller, Users.PASSWORD);
        BrowserSession hotel = BrowserSession.signIn(traveller, Users.PASSWORD);
        BrowserSession other = BrowserSession.signIn(bystander, Users.PASSWORD);

        desk.get("/account").then().statusCode(200).body(containsString("this browser"));
        desk.post("/account/sign-out-everywhere").then().statusCode(303).header("Location", endsWith("/login"));

        assertThat(desk.signedIn()).isFalse();
        assertThat(hotel.signedIn()).isFalse();
        assertThat(other.signedIn()).isTrue();
    }

    @Test
    void aSessionEndsByItselfWhenIdleTooLongOrPastItsAbsoluteEnd() throws Exception {
        String sleeper = Users.create("sleeper", Role.VIEWER);
        BrowserSession idle = BrowserSession.signIn(sleeper, Users.PASSWORD);
        BrowserSession old = BrowserSession.signIn(sleeper, Users.PASSWORD);
        assertThat(idle.signedIn()).isTrue();

        // explicit time: the idle timeout is 8 hours, the absolute lifetime 7 days (vigil.session.*)
        execute(
                "update user_session set last_seen_at = now() - interval '8 hours 1 minute' where id_hash = ?",
                TokenSecrets.hash(idle.session()));
        execute(
                "update user_session set expires_at = now() - interval '1 second' where id_hash = ?",
                TokenSecrets.hash(old.session()));

        assertThat(idle.signedIn()).isFalse();
        assertThat(old.signedIn()).isFalse();
        idle.get("/alerts").then().statusCode(302).header("Set-Cookie", containsString("Max-Age=0"));
    }

    @Test
    void signingInReturnsToThePageThatWasAskedForAndNeverToAnotherSite() {
        String reader = Users.create("linked", Role.VIEWER);
        String page = "/articles?q=" + URLEncoder.encode("border wall", StandardCharsets.UTF_8);

        Response asked = given().noFilters()
                .urlEncodingEnabled(false)
                .redirects()
                .follow(false)
                .get(page);
        assertThat(asked.statusCode()).isEqualTo(302);
        String login = asked.header("Location");
        assertThat(login).contains("/login?next=" + URLEncoder.encode(page, StandardCharsets.UTF_8));
        String next = java.net.URLDecoder.decode(login.substring(login.indexOf("next=") + 5), StandardCharsets.UTF_8);

        given().noFilters()
                .urlEncodingEnabled(false)
                .get("/login?next=" + URLEncoder.encode(next, StandardCharsets.UTF_8))
                .then()
                .statusCode(200)
                .body(containsString("value=\"" + page.replace("&", "&amp;") + "\""));
        BrowserSession.Login signedIn = BrowserSession.postLogin(reader, Users.PASSWORD, next);
        assertThat(signedIn.succeeded()).isTrue();
        assertThat(signedIn.response().header("Location")).endsWith(page);

        for (String elsewhere :
                new String[] {"//evil.example/x", "https://evil.example/", "/\\evil.example", "javascript:alert(1)"}) {
            BrowserSession.Login away = BrowserSession.postLogin(reader, Users.PASSWORD, elsewhere);
            assertThat(away.succeeded()).isTrue();
            assertThat(away.response().header("Location"))
                    .as("next=%s", elsewhere)
                    .doesNotContain("evil")
                    .doesNotContain("javascript")
                    .endsWith("/");
        }
    }

    @Test
    void aWrongPasswordOnTheFormOpensNoSessionAndSaysWhy() throws Exception {
        String user = Users.create("typo", Role.VIEWER);
        long before = count("select count(*) from user_session where user_id = ?", idOf(user));
        BrowserSession.Login wrong = BrowserSession.postLogin(user, "not-the-password", "/alerts");
        assertThat(wrong.succeeded()).isFalse();
        assertThat(wrong.response().header("Location"))
                .contains("/login?error=wrong")
                .contains("next=%2Falerts");
        assertThat(wrong.response().header("Set-Cookie")).isNull();
        assertThat(count("select count(*) from user_session where user_id = ?", idOf(user)))
                .isEqualTo(before);
        given().noFilters()
                .get("/login?error=wrong")
                .then()
                .body(containsString("Wrong username or password."))
                .body(not(containsString("<script")));

        // the login form carries its own anti-forgery token: a post from elsewhere is refused
        given().noFilters()
                .redirects()
                .follow(false)
                .formParam("username", user)
                .formParam("password", Users.PASSWORD)
                .post("/login")
                .then()
                .statusCode(403);
    }

    /** A new Atom feed of the user's, by the path of its URL (which carries its token). */
    private static String issueFeed(String username) {
        String url = given().noFilters()
                .auth()
                .preemptive()
                .basic(username, Users.PASSWORD)
                .contentType(ContentType.JSON)
                .body(Map.of("name", "reader"))
                .post("/api/feeds")
                .then()
                .statusCode(201)
                .extract()
                .path("url");
        return URI.create(url).getPath();
    }

    private static String issueToken(String username, String name) {
        return Users.as(username)
                .contentType(ContentType.JSON)
                .body(Map.of("name", name))
                .post("/api/tokens")
                .then()
                .statusCode(201)
                .extract()
                .path("token");
    }
}
