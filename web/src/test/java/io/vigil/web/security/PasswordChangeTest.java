package io.vigil.web.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.vigil.web.testing.Archive;
import io.vigil.web.testing.Users;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Users change their own password on {@code /account}; admins set anyone else's on {@code /users}. */
@QuarkusTest
class PasswordChangeTest {

    private static final String NEW_PASSWORD = "Fresh-Harbour-Lights-42";

    @BeforeEach
    void archiveIsReady() {
        Archive.awaitReady();
    }

    /** A signed-in browser: its session cookie and its anti-forgery token. */
    private record Browser(String session, String csrf) {
        Response post(String path, String... fields) {
            var request = given().noFilters()
                    .redirects()
                    .follow(false)
                    .cookie("vigil-session", session)
                    .cookie("vigil-csrf", csrf)
                    .formParam("_csrf", csrf);
            for (int i = 0; i < fields.length; i += 2) {
                request.formParam(fields[i], fields[i + 1]);
            }
            return request.post(path);
        }
    }

    private static Browser signIn(String username, String password) {
        Response login = login(username, password);
        assertThat(login.header("Location")).as("signed in").doesNotContain("error");
        String session = login.cookie("vigil-session");
        String csrf = given().noFilters()
                .cookie("vigil-session", session)
                .get("/account")
                .cookie("vigil-csrf");
        return new Browser(session, csrf);
    }

    private static Response login(String username, String password) {
        return given().noFilters()
                .redirects()
                .follow(false)
                .formParam("j_username", username)
                .formParam("j_password", password)
                .post("/j_security_check");
    }

    private static boolean canSignIn(String username, String password) {
        Response login = login(username, password);
        return login.statusCode() == 302 && !login.header("Location").contains("error");
    }

    @Test
    void aUserChangesTheirOwnPasswordOnlyWithTheCurrentOneAndAnAcceptableNewOne() {
        String analyst = Users.create("changer", Role.ANALYST);
        Browser browser = signIn(analyst, Users.PASSWORD);

        browser.post(
                        "/account/password",
                        "current",
                        "not-my-password",
                        "password",
                        NEW_PASSWORD,
                        "repeat",
                        NEW_PASSWORD)
                .then()
                .statusCode(400)
                .body(containsString("this is not your current password"));
        browser.post("/account/password", "current", Users.PASSWORD, "password", "short", "repeat", "short")
                .then()
                .statusCode(400)
                .body(containsString("at least 10 characters"));
        browser.post(
                        "/account/password",
                        "current",
                        Users.PASSWORD,
                        "password",
                        "xx-" + analyst + "-xx",
                        "repeat",
                        "xx-" + analyst + "-xx")
                .then()
                .statusCode(400)
                .body(containsString("must not contain the username"));
        browser.post("/account/password", "current", Users.PASSWORD, "password", NEW_PASSWORD, "repeat", "typo")
                .then()
                .statusCode(400)
                .body(containsString("the two new passwords differ"));
        assertThat(canSignIn(analyst, Users.PASSWORD)).as("nothing changed yet").isTrue();

        browser.post("/account/password", "current", Users.PASSWORD, "password", NEW_PASSWORD, "repeat", NEW_PASSWORD)
                .then()
                .statusCode(200)
                .body(containsString("Password changed"));

        assertThat(canSignIn(analyst, NEW_PASSWORD)).isTrue();
        assertThat(canSignIn(analyst, Users.PASSWORD)).isFalse();
    }

    @Test
    void anAdminSetsAnotherUsersPasswordAndOthersCannot() {
        String forgetful = Users.create("forgetful", Role.VIEWER);
        long id = QuarkusTransaction.requiringNew()
                .call(() -> User.named(forgetful).orElseThrow().id);
        String analyst = Users.create("meddler", Role.ANALYST);

        given().noFilters()
                .auth()
                .preemptive()
                .basic(analyst, Users.PASSWORD)
                .formParam("password", NEW_PASSWORD)
                .post("/users/" + id + "/password")
                .then()
                .statusCode(403);
        assertThat(canSignIn(forgetful, NEW_PASSWORD)).isFalse();

        // The default filter signs these requests in as the first admin.
        given().redirects()
                .follow(false)
                .formParam("password", "too-short")
                .post("/users/" + id + "/password")
                .then()
                .statusCode(400)
                .body(containsString("was not changed: at least 10 characters"));
        given().redirects()
                .follow(false)
                .formParam("password", NEW_PASSWORD)
                .post("/users/" + id + "/password")
                .then()
                .statusCode(303);

        assertThat(canSignIn(forgetful, NEW_PASSWORD)).isTrue();
        assertThat(canSignIn(forgetful, Users.PASSWORD)).isFalse();
        given().get("/users?changed=" + id).then().statusCode(200).body(containsString("The password of " + forgetful));
    }
}
