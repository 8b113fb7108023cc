package io.vigil.web.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.vigil.web.testing.Archive;
import io.vigil.web.testing.BrowserSession;
import io.vigil.web.testing.Users;
import java.net.URL;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A browser without Fetch Metadata still sends {@code Origin} on a cross-origin POST: a page of another origin is refused
 * by it, the login form too, where the anti-forgery token is the cookie's and a sibling host can plant the pair over
 * plain HTTP (no {@code __Host-} prefix). Requests signed in by a header are not concerned.
 */
@QuarkusTest
class PageOriginTest {

    /** A sibling host: the same site as Vigil, so its forms carry Vigil's SameSite=Strict cookies. */
    private static final String SIBLING = "http://intranet.localhost";

    @TestHTTPResource("/")
    URL root;

    @BeforeEach
    void archiveIsReady() {
        Archive.awaitReady();
    }

    /** Vigil's own origin as the tests address it: {@code http://localhost:<port>}. */
    private String own() {
        return "http://" + root.getHost() + ":" + root.getPort();
    }

    @Test
    void aSiblingHostCannotSignABrowserWithoutFetchMetadataInToItsAccountWithAPlantedPair() {
        String attacker = Users.create("planter", Role.ANALYST);
        // the sibling host fetched a real pair from Vigil, set the cookie for the parent domain and repeats it in its
        // own copy of the login form; the browser sends no Sec-Fetch-Site, but it does send Origin
        for (String origin : new String[] {SIBLING, "null", "https://" + root.getHost() + ":" + root.getPort()}) {
            Response refused = loginWithPlantedPair(attacker, origin);
            assertThat(refused.statusCode())
                    .as("a login form posted by a page of %s", origin)
                    .isEqualTo(403);
            assertThat(refused.header("Set-Cookie")).as("no session opened").isNull();
            assertThat(refused.asString()).contains("not from a Vigil page");
        }
        assertThat(loginWithPlantedPair(attacker, SIBLING).asString()).contains(SIBLING);
        assertThat(loginWithPlantedPair(attacker, "null").asString()).contains("Origin: null");

        assertThat(loginWithPlantedPair(attacker, own()).statusCode())
                .as("Vigil's own login page signs in")
                .isEqualTo(303);
        assertThat(loginWithPlantedPair(attacker, "HTTP://LOCALHOST:" + root.getPort())
                        .statusCode())
                .as("an origin differs from another only by scheme, host and port, not by their case")
                .isEqualTo(303);
        // vigil.base-url's own origin is checked by PageOriginBehindProxyTest, whose profile sets one apart from the
        // address it is reached at; here the default base URL follows the port Vigil listens on, the same origin.
        assertThat(loginWithPlantedPair(attacker, null).statusCode())
                .as("a browser that sends no Origin is judged by the token, as before")
                .isEqualTo(303);
    }

    @Test
    void aSignedInBrowsersFormsAndApiCallsFromAnotherOriginAreRefusedWithItsRealToken() {
        String analyst = Users.create("origin", Role.ANALYST);
        BrowserSession browser = BrowserSession.signIn(analyst, Users.PASSWORD);
        for (String origin : new String[] {SIBLING, "null", "http://localhost:" + (root.getPort() + 1)}) {
            browser.request()
                    .header("Origin", origin)
                    .formParam("_csrf", browser.csrf())
                    .post("/logout")
                    .then()
                    .statusCode(403)
                    .body(containsString("not from a Vigil page"));
            browser.request()
                    .header("Origin", origin)
                    .contentType(ContentType.JSON)
                    .body(Map.of("name", "from " + origin + " " + analyst, "query", "foreign"))
                    .post("/api/rules")
                    .then()
                    .statusCode(403)
                    .contentType(containsString("application/problem+json"))
                    .body("detail", containsString("not from a Vigil page"));
        }
        assertThat(browser.signedIn())
                .as("no sign-out from another origin went through")
                .isTrue();
        browser.request()
                .header("Origin", own())
                .contentType(ContentType.JSON)
                .body(Map.of("name", "own origin " + analyst, "query", "own"))
                .post("/api/rules")
                .then()
                .statusCode(201);
        browser.request()
                .header("Origin", own())
                .formParam("_csrf", browser.csrf())
                .post("/logout")
                .then()
                .statusCode(303);
        assertThat(browser.signedIn()).isFalse();
    }

    @Test
    void aRequestSignedInByAHeaderIsNotAskedWhereItCameFrom() {
        String analyst = Users.create("scripted", Role.ANALYST);
        String token = Users.as(analyst)
                .header("Origin", SIBLING)
                .contentType(ContentType.JSON)
                .body(Map.of("name", "from a page elsewhere"))
                .post("/api/tokens")
                .then()
                .statusCode(201)
                .extract()
                .path("token");
        given().noFilters()
                .header("Authorization", "Bearer " + token)
                .header("Origin", "https://dashboard.example.net")
                .contentType(ContentType.JSON)
                .body(Map.of("name", "by token " + analyst, "query", "token"))
                .post("/api/rules")
                .then()
                .statusCode(201)
                .body("name", equalTo("by token " + analyst));
        given().noFilters()
                .header("Authorization", "Bearer " + token)
                .header("Origin", "null")
                .contentType(ContentType.JSON)
                .body(Map.of("name", "by token, null origin " + analyst, "query", "token"))
                .post("/api/rules")
                .then()
                .statusCode(201);
    }

    /** Posts the login form with a pair Vigil handed out, as a page that planted it would, from {@code origin}. */
    private Response loginWithPlantedPair(String username, String origin) {
        String planted = given().noFilters().get("/login").cookie("vigil-csrf");
        var request = given().noFilters()
                .redirects()
                .follow(false)
                .cookie("vigil-csrf", planted)
                .formParam("_csrf", planted)
                .formParam("username", username)
                .formParam("password", Users.PASSWORD);
        if (origin != null) {
            request.header("Origin", origin);
        }
        return request.post("/login");
    }
}
