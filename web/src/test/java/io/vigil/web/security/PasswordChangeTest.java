package io.vigil.web.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.vigil.web.testing.Archive;
import io.vigil.web.testing.BrowserSession;
import io.vigil.web.testing.SignedInAsAdmin;
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

    private static BrowserSession signIn(String username, String password) {
        return BrowserSession.signIn(username, password);
    }

    private static boolean canSignIn(String username, String password) {
        return BrowserSession.canSignIn(username, password);
    }

    @Test
    void aUserChangesTheirOwnPasswordOnlyWithTheCurrentOneAndAnAcceptableNewOne() {
        String analyst = Users.create("changer", Role.ANALYST);
        BrowserSession browser = signIn(analyst, Users.PASSWORD);

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

        var changed = browser.post(
                "/account/password", "current", Users.PASSWORD, "password", NEW_PASSWORD, "repeat", NEW_PASSWORD);
        changed.then().statusCode(200).body(containsString("Password changed"));
        // this browser got a new session with the answer, and that page's forms carry the new session's token
        String renewed = changed.cookie("vigil-session");
        String token = BrowserSession.tokenIn(changed.asString());
        assertThat(token).isEqualTo(BrowserSession.tokenOnPage(renewed)).isNotEqualTo(browser.csrf());
        new BrowserSession(renewed, token).post("/logout").then().statusCode(303);

        assertThat(canSignIn(analyst, NEW_PASSWORD)).isTrue();
        assertThat(canSignIn(analyst, Users.PASSWORD)).isFalse();
    }

    @Test
    void aPasswordLongerThanBcryptReadsIsRefusedOnEveryForm() {
        // bcrypt reads 72 bytes: with a longer password, its first 72 bytes and any ending would sign in
        String longest = "Harbour-Lights-" + "x".repeat(57); // 72 bytes
        String tooLong = "Harbour-Lights-" + "x".repeat(57) + "!"; // 73
        String accented = "Harbour-Lights-" + "é".repeat(29); // 15 + 58 = 73 bytes in 44 characters
        String analyst = Users.create("lengthy", Role.ANALYST);
        BrowserSession browser = signIn(analyst, Users.PASSWORD);
        for (String refused : new String[] {tooLong, accented}) {
            browser.post("/account/password", "current", Users.PASSWORD, "password", refused, "repeat", refused)
                    .then()
                    .statusCode(400)
                    .body(containsString("at most 72 bytes"));
        }
        long id =
                QuarkusTransaction.requiringNew().call(() -> User.named(analyst).orElseThrow().id);
        given().redirects()
                .follow(false)
                .formParam("password", tooLong)
                .post("/users/" + id + "/password")
                .then()
                .statusCode(400)
                .body(containsString("at most 72 bytes"));
        BrowserSession admin = BrowserSession.signIn(SignedInAsAdmin.USER, SignedInAsAdmin.PASSWORD);
        String name = "lengthy-new-" + System.nanoTime();
        admin.post("/users", "username", name, "password", tooLong, "role", "viewer")
                .then()
                .statusCode(400)
                .body(containsString("at most 72 bytes"));
        assertThat(QuarkusTransaction.requiringNew().call(() -> User.named(name)))
                .isEmpty();
        assertThat(canSignIn(analyst, Users.PASSWORD)).as("nothing changed").isTrue();

        browser = signIn(analyst, Users.PASSWORD);
        browser.post("/account/password", "current", Users.PASSWORD, "password", longest, "repeat", longest)
                .then()
                .statusCode(200);
        assertThat(canSignIn(analyst, longest)).isTrue();
        assertThat(canSignIn(analyst, longest.substring(0, 71) + "y"))
                .as("every byte counts")
                .isFalse();
    }

    @Test
    void anAdminSetsAnotherUsersPasswordAndOthersCannot() {
        String forgetful = Users.create("forgetful", Role.VIEWER);
        long id = QuarkusTransaction.requiringNew()
                .call(() -> User.named(forgetful).orElseThrow().id);
        String analyst = Users.create("meddler", Role.ANALYST);

        Users.as(analyst)
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
