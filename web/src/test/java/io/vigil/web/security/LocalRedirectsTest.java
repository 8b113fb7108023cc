package io.vigil.web.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.vigil.web.testing.Archive;
import io.vigil.web.testing.BrowserSession;
import io.vigil.web.testing.SignedInAsAdmin;
import io.vigil.web.testing.Users;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Redirects to Vigil's own pages are paths, whatever host the request named: an absolute {@code Location} built from
 * {@code Host} or {@code X-Forwarded-Host} sent a browser to the host of the caller's choosing, and a cache in front
 * of Vigil could keep that redirect for everyone.
 */
@QuarkusTest
class LocalRedirectsTest {

    private static final String EVIL = "evil.example";

    @BeforeEach
    void archiveIsReady() {
        Archive.awaitReady();
    }

    @Test
    void theLoginRedirectIsAPathWhateverTheHostHeaderSays() {
        Response response = given().noFilters()
                .redirects()
                .follow(false)
                .header("Host", EVIL)
                .get("/alerts?state=open");

        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(response.header("Location")).startsWith("/login").doesNotContain(EVIL);
    }

    @Test
    void aFormsRedirectIsAPathWhateverAProxysForwardedHostSays() {
        BrowserSession admin = BrowserSession.signIn(SignedInAsAdmin.USER, SignedInAsAdmin.PASSWORD);
        String name = "redirected-" + UUID.randomUUID().toString().substring(0, 8);

        // The test profile trusts the loopback address as a proxy, so its X-Forwarded-Host is believed.
        Response response = admin.request()
                .header("X-Forwarded-Host", EVIL)
                .formParam("_csrf", admin.csrf())
                .formParam("username", name)
                .formParam("password", "Redirected-Passw0rd-1")
                .formParam("role", "viewer")
                .post("/users");

        assertThat(response.statusCode()).as(response.asString()).isEqualTo(303);
        assertThat(response.header("Location")).isEqualTo("/users");
        Response signOut = admin.request()
                .header("Host", EVIL)
                .formParam("_csrf", admin.csrf())
                .post("/logout");
        assertThat(signOut.statusCode()).isEqualTo(303);
        assertThat(signOut.header("Location")).startsWith("/login").doesNotContain(EVIL);
    }

    @Test
    void signingInReturnsToThePageAskedForAsAPath() {
        String user = Users.create("redirect", Role.VIEWER);
        BrowserSession.Login login = BrowserSession.postLogin(user, Users.PASSWORD, "/alerts?state=open");

        assertThat(login.succeeded()).isTrue();
        assertThat(login.response().header("Location")).isEqualTo("/alerts?state=open");
    }
}
