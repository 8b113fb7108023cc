package io.vigil.web.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import io.vigil.web.testing.Archive;
import io.vigil.web.testing.BrowserSession;
import io.vigil.web.testing.Users;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Guessing passwords is slowed per username and address and per username across addresses (the test profile allows 3
 * and 5 failures); an unknown username costs the same bcrypt as a wrong password; HTTP Basic pays bcrypt once and a
 * keyed digest after; the current-password check of the account page is throttled like a sign-in. Clients at other
 * addresses are played with X-Forwarded-For, which the test profile trusts from the loopback address only.
 */
@QuarkusTest
class SignInThrottleTest {

    private static final AtomicInteger ADDRESS = new AtomicInteger(10);

    @Inject
    MeterRegistry registry;

    @Inject
    DataSource database;

    @BeforeEach
    void archiveIsReady() {
        Archive.awaitReady();
    }

    private static String newAddress() {
        return "198.51.100." + ADDRESS.incrementAndGet();
    }

    private static RequestSpecification basic(String username, String password, String address) {
        return given().noFilters()
                .header("X-Forwarded-For", address)
                .auth()
                .preemptive()
                .basic(username, password);
    }

    private double bcryptRuns() {
        return registry.get("vigil.login.bcrypt").counter().count();
    }

    private long count(String sql, Object parameter) throws Exception {
        try (var connection = database.getConnection();
                var statement = connection.prepareStatement(sql)) {
            statement.setObject(1, parameter);
            try (var row = statement.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }

    @Test
    void failuresForOneUsernameFromManyAddressesLockThatUsernameOnly() {
        String target = Users.create("targeted", Role.VIEWER);
        String neighbour = Users.create("neighbour", Role.VIEWER);
        // 2 + 2 + 1 guesses from 3 addresses: no address reaches its limit of 3, the username reaches its limit of 5
        int[] guesses = {2, 2, 1};
        for (int address = 0; address < guesses.length; address++) {
            String from = newAddress();
            for (int guess = 0; guess < guesses[address]; guess++) {
                basic(target, "guess-" + address + "-" + guess, from)
                        .get("/api/articles")
                        .then()
                        .statusCode(401)
                        .body("detail", equalTo("wrong username or password"));
            }
        }
        basic(target, Users.PASSWORD, newAddress())
                .get("/api/articles")
                .then()
                .statusCode(401)
                .body("detail", containsString("too many failed sign-ins"));
        assertThat(BrowserSession.postLogin(target, Users.PASSWORD, null)
                        .response()
                        .header("Location"))
                .as("the form is locked too")
                .contains("error=locked");
        basic(neighbour, Users.PASSWORD, newAddress())
                .get("/api/articles")
                .then()
                .statusCode(200);
    }

    @Test
    void unknownUsernamesAreCountedAndCostOneBcryptLikeAWrongPassword() throws Exception {
        String known = Users.create("known", Role.VIEWER);
        String unknown = "nobody-" + System.nanoTime();
        String address = newAddress();

        double before = bcryptRuns();
        basic(unknown, "whatever-it-is", address).get("/api/articles").then().statusCode(401);
        double afterUnknown = bcryptRuns();
        basic(known, "not-the-password", address).get("/api/articles").then().statusCode(401);
        double afterWrong = bcryptRuns();
        BrowserSession.postLogin(unknown, "whatever-it-is", null);
        double afterForm = bcryptRuns();

        assertThat(afterUnknown - before).as("an unknown username").isEqualTo(1.0);
        assertThat(afterWrong - afterUnknown)
                .as("a known username, wrong password")
                .isEqualTo(1.0);
        assertThat(afterForm - afterWrong).as("an unknown username on the form").isEqualTo(1.0);
        assertThat(count("select count(*) from login_failure where key = ?", "user:" + unknown))
                .as("the unknown name is throttled like a real one")
                .isEqualTo(1);
        given().get("/api/audit?action=session.sign-in-failed&actor=" + unknown)
                .then()
                .statusCode(200)
                .body("total", equalTo(2));
    }

    @Test
    void httpBasicPaysBcryptOnceAndAKeyedDigestAfterUntilThePasswordChanges() throws Exception {
        String script = Users.create("script", Role.ANALYST);
        String address = newAddress();
        double before = bcryptRuns();
        for (int request = 0; request < 5; request++) {
            basic(script, Users.PASSWORD, address).get("/api/articles").then().statusCode(200);
        }
        assertThat(bcryptRuns() - before).as("bcrypt runs for 5 requests").isEqualTo(1.0);

        long userId = io.quarkus.narayana.jta.QuarkusTransaction.requiringNew()
                .call(() -> User.named(script).orElseThrow().id);
        try (var connection = database.getConnection();
                var statement = connection.prepareStatement("select digest from verified_password where user_id = ?")) {
            statement.setLong(1, userId);
            try (var row = statement.executeQuery()) {
                assertThat(row.next()).isTrue();
                byte[] digest = row.getBytes(1);
                byte[] unkeyed = MessageDigest.getInstance("SHA-256")
                        .digest((script + "\0" + Users.PASSWORD).getBytes(StandardCharsets.UTF_8));
                assertThat(digest).hasSize(32).isNotEqualTo(unkeyed);
                assertThat(new String(digest, StandardCharsets.ISO_8859_1)).doesNotContain(Users.PASSWORD);
            }
        }

        given().redirects()
                .follow(false)
                .formParam("password", "A-Completely-New-One-5")
                .post("/users/" + userId + "/password")
                .then()
                .statusCode(303);
        double beforeOld = bcryptRuns();
        basic(script, Users.PASSWORD, address).get("/api/articles").then().statusCode(401);
        assertThat(bcryptRuns() - beforeOld)
                .as("the old password is checked by bcrypt again")
                .isEqualTo(1.0);
        basic(script, "A-Completely-New-One-5", address)
                .get("/api/articles")
                .then()
                .statusCode(200);
    }

    @Test
    void theCurrentPasswordCheckOnTheAccountPageIsThrottled() {
        String analyst = Users.create("shoulder-surfed", Role.ANALYST);
        BrowserSession left = BrowserSession.signIn(analyst, Users.PASSWORD);
        for (int guess = 0; guess < 3; guess++) {
            left.post(
                            "/account/password",
                            "current",
                            "guess-" + guess,
                            "password",
                            "x-New-Password-1",
                            "repeat",
                            "x-New-Password-1")
                    .then()
                    .statusCode(400)
                    .body(containsString("this is not your current password"));
        }
        left.post(
                        "/account/password",
                        "current",
                        Users.PASSWORD,
                        "password",
                        "x-New-Password-1",
                        "repeat",
                        "x-New-Password-1")
                .then()
                .statusCode(400)
                .body(containsString("too many failed sign-ins"));
        assertThat(BrowserSession.canSignIn(analyst, "x-New-Password-1")).isFalse();
    }
}
