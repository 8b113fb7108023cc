package io.vigil.web.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.vigil.web.testing.Archive;
import io.vigil.web.testing.Users;
import java.net.URL;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Behind a reverse proxy Vigil's own origin is the public one: the scheme and host a trusted proxy forwards, when the
 * operator turned forwarding on, and {@code vigil.base-url}'s; not the address the proxy reached Vigil at.
 */
@QuarkusTest
@TestProfile(PageOriginBehindProxyTest.ForwardedHost.class)
class PageOriginBehindProxyTest {

    /** The test profile's trusted proxy (the loopback address) also forwards the host; links name another address. */
    public static class ForwardedHost implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "quarkus.http.proxy.enable-forwarded-host", "true",
                    "vigil.base-url", "https://news.example.org/vigil/");
        }
    }

    @TestHTTPResource("/")
    URL root;

    @BeforeEach
    void archiveIsReady() {
        Archive.awaitReady();
    }

    @Test
    void theOriginTheProxyForwardsIsVigilsAndTheAddressBehindItIsNot() {
        String user = Users.create("proxied", Role.VIEWER);
        assertThat(login(user, "https://vigil.example.org", true).statusCode())
                .as("the public origin the proxy forwarded")
                .isEqualTo(303);
        assertThat(login(user, "http://" + root.getHost() + ":" + root.getPort(), true)
                        .statusCode())
                .as("the address behind the proxy is not where the browser's pages come from")
                .isEqualTo(403);
        assertThat(login(user, "https://intranet.example.org", true).statusCode())
                .as("a sibling of the public host")
                .isEqualTo(403);
    }

    @Test
    void theConfiguredPublicAddressIsVigilsWhateverTheProxyForwards() {
        String user = Users.create("linked", Role.VIEWER);
        assertThat(login(user, "https://news.example.org", false).statusCode())
                .as("vigil.base-url's origin, with no forwarded headers")
                .isEqualTo(303);
        assertThat(login(user, "https://news.example.org", true).statusCode())
                .as("vigil.base-url's origin, beside another forwarded one")
                .isEqualTo(303);
        assertThat(login(user, "http://news.example.org", false).statusCode())
                .as("another scheme is another origin")
                .isEqualTo(403);
    }

    /** The login form, its pair planted, posted through the proxy (or not) by a page of {@code origin}. */
    private Response login(String username, String origin, boolean forwarded) {
        RequestSpecification form = given().noFilters();
        if (forwarded) {
            form.header("X-Forwarded-Proto", "https").header("X-Forwarded-Host", "vigil.example.org");
        }
        String cookie = forwarded ? "__Host-vigil-csrf" : "vigil-csrf";
        String planted = form.get("/login").cookie(cookie);
        RequestSpecification post = given().noFilters()
                .redirects()
                .follow(false)
                .header("Origin", origin)
                .cookie(cookie, planted)
                .formParam("_csrf", planted)
                .formParam("username", username)
                .formParam("password", Users.PASSWORD);
        if (forwarded) {
            post.header("X-Forwarded-Proto", "https").header("X-Forwarded-Host", "vigil.example.org");
        }
        return post.post("/login");
    }
}
