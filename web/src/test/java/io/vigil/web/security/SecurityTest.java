package io.vigil.web.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.vigil.web.testing.Archive;
import io.vigil.web.testing.BrowserSession;
import io.vigil.web.testing.SignedInAsAdmin;
import io.vigil.web.testing.Users;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class SecurityTest {

    @BeforeEach
    void archiveIsReady() {
        Archive.awaitReady();
    }

    @Test
    void anAnonymousApiRequestGets401AsAProblemDocument() {
        given().noFilters()
                .get("/api/articles")
                .then()
                .statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", startsWith("Basic"))
                .body("status", equalTo(401));
        given().noFilters().get("/q/openapi").then().statusCode(401);
    }

    @Test
    void healthStaysOpen() {
        given().noFilters().get("/q/health/ready").then().statusCode(200);
    }

    @Test
    void healthAnswersStatusesOnlyNeverACheckDataToAnyone() {
        for (String path : List.of("/q/health", "/q/health/ready", "/q/health/live", "/q/health/started")) {
            Response anonymous = given().noFilters().get(path);
            assertThat(anonymous.statusCode()).as(path).isEqualTo(200);
            assertThat(anonymous.jsonPath().getList("checks.name"))
                    .as(path + " names its checks")
                    .isNotNull();
            assertThat(anonymous.jsonPath().getList("checks", Map.class))
                    .as(path + ": each check is its name and status, nothing a check put in its data")
                    .allSatisfy(check -> assertThat(check.keySet()).containsOnly("name", "status"));
        }
        assertThat(given().noFilters().get("/q/health/ready").jsonPath().getList("checks.name"))
                .contains("Database connections health check", "archive");
        // a signed-in admin gets the same: the data goes to the log
        assertThat(given().auth()
                        .preemptive()
                        .basic(SignedInAsAdmin.USER, SignedInAsAdmin.PASSWORD)
                        .get("/q/health/ready")
                        .asString())
                .doesNotContain("\"data\"");
    }

    @Test
    void anAnonymousPageRequestIsSentToTheLoginForm() {
        given().noFilters()
                .redirects()
                .follow(false)
                .get("/")
                .then()
                .statusCode(302)
                .header("Location", containsString("/login"));
        given().noFilters().get("/login").then().statusCode(200).body(containsString("action=\"/login\""));
    }

    @Test
    void aWrongPasswordIsRefused() {
        String user = Users.create("mistyped", Role.VIEWER);
        given().auth()
                .preemptive()
                .basic(user, "not-the-password")
                .get("/api/articles")
                .then()
                .statusCode(401);
    }

    @Test
    void aViewerReadsButCannotWrite() {
        String viewer = Users.create("viewer", Role.VIEWER);
        Users.as(viewer).get("/api/articles").then().statusCode(200);
        Users.as(viewer)
                .contentType(ContentType.JSON)
                .body(Map.of("title", "A viewer's article", "body", "Viewers only read."))
                .post("/api/ingest")
                .then()
                .statusCode(403);
        Users.as(viewer)
                .contentType(ContentType.JSON)
                .body(Map.of("type", "folder", "name", "viewer's folder", "config", Map.of("path", "/tmp")))
                .post("/api/sources")
                .then()
                .statusCode(403);
    }

    @Test
    void anAnalystWritesRulesButNotSources() {
        String analyst = Users.create("analyst", Role.ANALYST);
        Users.as(analyst)
                .contentType(ContentType.JSON)
                .body(Map.of("name", "analyst's rule", "query", "harbour"))
                .post("/api/rules")
                .then()
                .statusCode(201);
        Users.as(analyst)
                .contentType(ContentType.JSON)
                .body(Map.of("type", "folder", "name", "analyst's folder", "config", Map.of("path", "/tmp")))
                .post("/api/sources")
                .then()
                .statusCode(403);
    }

    @Test
    void anApiTokenSignsInUntilItIsRevoked() {
        String analyst = Users.create("scripter", Role.ANALYST);
        Response issued = Users.as(analyst)
                .contentType(ContentType.JSON)
                .body(Map.of("name", "nightly script"))
                .post("/api/tokens");
        issued.then().statusCode(201).body("token", startsWith("vgl_"));
        String token = issued.path("token");
        long id = issued.<Number>path("id").longValue();

        given().noFilters()
                .header("Authorization", "Bearer " + token)
                .get("/api/articles")
                .then()
                .statusCode(200);
        given().noFilters()
                .header("Authorization", "Bearer " + token)
                .get("/api/tokens")
                .then()
                .statusCode(200)
                .body("items[0].name", equalTo("nightly script"))
                .body(org.hamcrest.Matchers.not(containsString(token)));

        given().noFilters()
                .header("Authorization", "Bearer " + token)
                .delete("/api/tokens/" + id)
                .then()
                .statusCode(204);
        given().noFilters()
                .header("Authorization", "Bearer " + token)
                .get("/api/articles")
                .then()
                .statusCode(401);
    }

    @Test
    void repeatedFailedLoginsLockTheUsernameForAWhile() {
        String user = Users.create("guessed", Role.VIEWER);
        for (int attempt = 0; attempt < 3; attempt++) {
            given().auth()
                    .preemptive()
                    .basic(user, "guess-" + attempt)
                    .get("/api/articles")
                    .then()
                    .statusCode(401);
        }
        Users.as(user).get("/api/articles").then().statusCode(401);
        String other = Users.create("unrelated", Role.VIEWER);
        Users.as(other).get("/api/articles").then().statusCode(200);
    }

    @Test
    void theLoginFormOpensASessionAndFormsNeedTheirCsrfToken() {
        String analyst = Users.create("former", Role.ANALYST);
        BrowserSession browser = BrowserSession.signIn(analyst, Users.PASSWORD);
        assertThat(browser.session()).isNotBlank();
        assertThat(browser.csrf()).isNotBlank();

        given().noFilters()
                .redirects()
                .follow(false)
                .cookie("vigil-session", browser.session())
                .cookie("vigil-csrf", browser.csrf())
                .formParam("_csrf", "forged")
                .post("/logout")
                .then()
                .statusCode(403);
        given().noFilters()
                .redirects()
                .follow(false)
                .cookie("vigil-session", browser.session())
                .cookie("vigil-csrf", browser.csrf())
                .post("/logout")
                .then()
                .statusCode(403);
        assertThat(browser.signedIn())
                .as("a refused sign-out leaves the session")
                .isTrue();
        browser.post("/logout").then().statusCode(303).header("Location", containsString("/login"));
        assertThat(browser.signedIn()).as("signed out").isFalse();
    }

    @Test
    void aFormFromASiblingHostIsRefusedEvenWithATokenItTossedIntoTheCookie() {
        String analyst = Users.create("tossed", Role.ANALYST);
        BrowserSession browser = BrowserSession.signIn(analyst, Users.PASSWORD);
        // intranet.example.org set vigil-csrf for the whole domain and repeats it: the token checks out, the
        // SameSite=Strict session cookie goes with a same-site form, and only the browser's Fetch Metadata tells
        for (String site : new String[] {"same-site", "cross-site", "something-else"}) {
            given().noFilters()
                    .redirects()
                    .follow(false)
                    .cookie("vigil-session", browser.session())
                    .cookie("vigil-csrf", "tossed-by-a-sibling-host-0123456789abcdef")
                    .header("Sec-Fetch-Site", site)
                    .formParam("_csrf", "tossed-by-a-sibling-host-0123456789abcdef")
                    .post("/logout")
                    .then()
                    .statusCode(403)
                    .body(containsString("another site"));
            given().noFilters()
                    .cookie("vigil-session", browser.session())
                    .cookie("vigil-csrf", browser.csrf())
                    .header("X-CSRF-Token", browser.csrf())
                    .header("Sec-Fetch-Site", site)
                    .contentType(ContentType.JSON)
                    .body(Map.of("name", "tossed " + site + " " + analyst, "query", "tossed"))
                    .post("/api/rules")
                    .then()
                    .statusCode(403);
        }
        assertThat(browser.signedIn()).as("no forged sign-out went through").isTrue();
        String csrf = given().noFilters().get("/login").cookie("vigil-csrf");
        given().noFilters()
                .redirects()
                .follow(false)
                .cookie("vigil-csrf", csrf)
                .header("Sec-Fetch-Site", "cross-site")
                .formParam("_csrf", csrf)
                .formParam("username", analyst)
                .formParam("password", Users.PASSWORD)
                .post("/login")
                .then()
                .statusCode(403); // no other site signs a browser in to an account of its choosing

        for (String site : new String[] {"same-origin", "none"}) {
            given().noFilters()
                    .cookie("vigil-session", browser.session())
                    .cookie("vigil-csrf", browser.csrf())
                    .header("X-CSRF-Token", browser.csrf())
                    .header("Sec-Fetch-Site", site)
                    .contentType(ContentType.JSON)
                    .body(Map.of("name", "own page " + site + " " + analyst, "query", "own"))
                    .post("/api/rules")
                    .then()
                    .statusCode(201);
        }
    }

    @Test
    void aSignedInFormNeedsItsSessionsTokenSoAPlantedPairIsRefusedWithoutFetchMetadata() {
        String analyst = Users.create("planted", Role.ANALYST);
        BrowserSession browser = BrowserSession.signIn(analyst, Users.PASSWORD);
        BrowserSession other = BrowserSession.signIn(Users.create("bystander", Role.ANALYST), Users.PASSWORD);
        String loginFormToken = given().noFilters().get("/login").cookie("vigil-csrf");
        // a sibling host set vigil-csrf for the domain and repeats it, in a browser that sends no Sec-Fetch-Site;
        // nor does the login form's real token, or another session's, pass for this session's
        for (String planted :
                new String[] {"tossed-by-a-sibling-host-0123456789abcdef", loginFormToken, other.csrf()}) {
            given().noFilters()
                    .redirects()
                    .follow(false)
                    .cookie("vigil-session", browser.session())
                    .cookie("vigil-csrf", planted)
                    .formParam("_csrf", planted)
                    .post("/logout")
                    .then()
                    .statusCode(403);
            given().noFilters()
                    .cookie("vigil-session", browser.session())
                    .cookie("vigil-csrf", planted)
                    .header("X-CSRF-Token", planted)
                    .contentType(ContentType.JSON)
                    .body(Map.of("name", "planted " + analyst, "query", "planted"))
                    .post("/api/rules")
                    .then()
                    .statusCode(403);
        }
        assertThat(browser.signedIn()).as("no forged sign-out went through").isTrue();
        assertThat(browser.csrf())
                .as("the session's token is what its pages carry, the same on every page")
                .isEqualTo(BrowserSession.tokenOnPage(browser.session()))
                .isNotEqualTo(other.csrf());
        // the session's own token passes whatever vigil-csrf cookie was planted beside it
        given().noFilters()
                .cookie("vigil-session", browser.session())
                .cookie("vigil-csrf", "tossed-by-a-sibling-host-0123456789abcdef")
                .header("X-CSRF-Token", browser.csrf())
                .contentType(ContentType.JSON)
                .body(Map.of("name", "own " + analyst, "query", "own"))
                .post("/api/rules")
                .then()
                .statusCode(201);
        browser.post("/logout").then().statusCode(303);
        assertThat(browser.signedIn()).isFalse();
    }

    @Test
    void overHttpsASiblingHostCannotPlantTheLoginPairOrASessionOfItsOwn() {
        String victim = Users.create("hostonly", Role.ANALYST);
        String attacker = Users.create("sibling", Role.ANALYST);
        // the sibling host may set cookies for the whole domain, but no __Host- cookie: it plants the plain names,
        // here with a pair Vigil itself handed out and with the attacker's own real session, in a browser that sends
        // no Sec-Fetch-Site (behind a trusted proxy that says the client came over HTTPS)
        String plantedToken = given().noFilters().get("/login").cookie("vigil-csrf");
        given().noFilters()
                .redirects()
                .follow(false)
                .header("X-Forwarded-Proto", "https")
                .cookie("vigil-csrf", plantedToken)
                .formParam("_csrf", plantedToken)
                .formParam("username", attacker)
                .formParam("password", Users.PASSWORD)
                .post("/login")
                .then()
                .statusCode(403);
        String plantedSession = BrowserSession.signIn(attacker, Users.PASSWORD).session();
        given().noFilters()
                .redirects()
                .follow(false)
                .header("X-Forwarded-Proto", "https")
                .cookie("vigil-session", plantedSession)
                .get("/account")
                .then()
                .statusCode(302)
                .header("Location", startsWith("/login"));

        // Vigil's own host-only cookies work: the form's token, the sign-in, the session
        Response form = given().noFilters().header("X-Forwarded-Proto", "https").get("/login");
        String token = form.cookie("__Host-vigil-csrf");
        assertThat(form.header("Set-Cookie"))
                .startsWith("__Host-vigil-csrf=")
                .contains("Secure")
                .contains("Path=/")
                .doesNotContainIgnoringCase("Domain");
        Response signedIn = given().noFilters()
                .redirects()
                .follow(false)
                .header("X-Forwarded-Proto", "https")
                .cookie("__Host-vigil-csrf", token)
                .formParam("_csrf", token)
                .formParam("username", victim)
                .formParam("password", Users.PASSWORD)
                .post("/login");
        assertThat(signedIn.statusCode()).isEqualTo(303);
        assertThat(signedIn.header("Set-Cookie"))
                .startsWith("__Host-vigil-session=vss_")
                .contains("Secure")
                .contains("Path=/")
                .doesNotContainIgnoringCase("Domain");
        String session = signedIn.cookie("__Host-vigil-session");
        String page = given().noFilters()
                .redirects()
                .follow(false)
                .header("X-Forwarded-Proto", "https")
                .cookie("__Host-vigil-session", session)
                .cookie("vigil-session", plantedSession)
                .get("/account")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertThat(page)
                .as("the host-only session, not the planted one")
                .contains(victim)
                .doesNotContain(attacker);
        given().noFilters()
                .redirects()
                .follow(false)
                .header("X-Forwarded-Proto", "https")
                .cookie("__Host-vigil-session", session)
                .formParam("_csrf", BrowserSession.tokenIn(page))
                .post("/logout")
                .then()
                .statusCode(303)
                .header("Set-Cookie", startsWith("__Host-vigil-session=;"));
        given().noFilters()
                .redirects()
                .follow(false)
                .header("X-Forwarded-Proto", "https")
                .cookie("__Host-vigil-session", session)
                .get("/account")
                .then()
                .statusCode(302);
    }

    @Test
    void anAuthorizationHeaderVigilDoesNotTakeEarnsACookieNoPassFromTheCsrfToken() {
        String analyst = Users.create("carrier", Role.ANALYST);
        BrowserSession browser = BrowserSession.signIn(analyst, Users.PASSWORD);
        // headers that name a scheme Vigil reads but hold no credential of it: the session cookie signs these in
        for (String authorization :
                new String[] {"Bearer not-a-vigil-token", "Basic !!not-base64!!", "Basic " + "bm8tY29sb24="}) {
            int status = given().noFilters()
                    .cookie("vigil-session", browser.session())
                    .cookie("vigil-csrf", browser.csrf())
                    .header("Authorization", authorization)
                    .contentType(ContentType.JSON)
                    .body(Map.of("name", "forged " + analyst, "query", "forged"))
                    .post("/api/rules")
                    .statusCode();
            assertThat(status)
                    .as("a write signed in by the cookie, with '%s' beside it and no anti-forgery token", authorization)
                    .isEqualTo(403);
        }
        // a header credential that does sign the request in still needs no token
        Users.as(analyst)
                .contentType(ContentType.JSON)
                .body(Map.of("name", "by basic " + analyst, "query", "basic"))
                .post("/api/rules")
                .then()
                .statusCode(201);
    }

    @Test
    void aUsernameIsGivenOutOnceWhateverItsCase() {
        String taken = Users.create("twin", Role.ANALYST);
        String twin = taken.toUpperCase(java.util.Locale.ROOT);
        BrowserSession admin = BrowserSession.signIn(SignedInAsAdmin.USER, SignedInAsAdmin.PASSWORD);

        Response page = admin.post("/users", "username", twin, "password", "Orchid-Lantern-Basin-38", "role", "admin");
        assertThat(page.statusCode()).isEqualTo(400);
        assertThat(page.asString()).contains("there is already a user " + taken);

        String document = new io.vertx.core.json.JsonObject()
                .put("kind", "vigil-configuration")
                .put("version", 1)
                .put(
                        "users",
                        new io.vertx.core.json.JsonArray()
                                .add(new io.vertx.core.json.JsonObject()
                                        .put("username", twin)
                                        .put("role", "admin")))
                .encode();
        given().contentType(ContentType.JSON)
                .body(document)
                .post("/api/import")
                .then()
                .statusCode(422)
                .body(containsString("there is already a user " + taken));

        assertThat(io.quarkus.narayana.jta.QuarkusTransaction.requiringNew()
                        .call(() -> User.count("lower(username) = ?1", taken.toLowerCase(java.util.Locale.ROOT))))
                .as("one account answers to the name, in any case")
                .isEqualTo(1);
    }

    @Test
    void everyResponseCarriesTheSecurityHeaders() {
        given().noFilters()
                .get("/login")
                .then()
                .header("Content-Security-Policy", containsString("frame-ancestors 'none'"))
                .header("Content-Security-Policy", containsString("script-src 'self'"))
                .header("X-Content-Type-Options", "nosniff")
                .header("Referrer-Policy", "same-origin");
    }

    @Test
    void noSignedInAnswerMayBeStoredByACacheButStaticFilesMay() {
        // The audit log, the user list, the export, article text: no shared cache or browser disk keeps any of them.
        for (String path : new String[] {
            "/",
            "/users",
            "/audit",
            "/account",
            "/api/audit",
            "/api/export",
            "/api/articles",
            "/q/metrics",
            "/login",
            "/no-such-page"
        }) {
            given().redirects().follow(false).get(path).then().header("Cache-Control", equalTo("no-store"));
        }
        given().noFilters().get("/vigil.css").then().statusCode(200).header("Cache-Control", containsString("public"));
    }
}
