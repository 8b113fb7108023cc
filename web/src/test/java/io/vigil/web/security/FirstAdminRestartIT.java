package io.vigil.web.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vigil.web.testing.SignedInAsAdmin;
import io.vigil.web.testing.VigilProcess;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code VIGIL_ADMIN_PASSWORD} is needed for the first start only: the packaged Vigil refuses to start without it on
 * an empty database, and starts without it once an admin exists, saying so, with the admin's password unchanged.
 */
class FirstAdminRestartIT {

    private final HttpClient client = HttpClient.newHttpClient();

    @Test
    void aSecondStartNeedsNoAdminPassword() throws Exception {
        try (VigilProcess fresh =
                VigilProcess.withFreshDatabase("it_first_admin", Map.of()).without("VIGIL_ADMIN_PASSWORD")) {
            fresh.launch();
            await("a refusal in " + fresh.log()).atMost(Duration.ofSeconds(90)).until(() -> !fresh.isAlive());
            assertThat(Files.readString(fresh.log())).contains("Vigil does not start: VIGIL_ADMIN_PASSWORD is not set");

            try (VigilProcess first = VigilProcess.alongside(fresh, "first", Map.of())) {
                first.start();
                assertThat(rulesStatus(first)).isEqualTo(200);
            }
            try (VigilProcess again =
                    VigilProcess.alongside(fresh, "again", Map.of()).without("VIGIL_ADMIN_PASSWORD")) {
                again.start();
                assertThat(rulesStatus(again))
                        .as("the admin's password still signs in")
                        .isEqualTo(200);
                assertThat(Files.readString(again.log()))
                        .contains("Users exist already: starting without VIGIL_ADMIN_PASSWORD")
                        .doesNotContain("Vigil does not start");
            }
        }
    }

    private int rulesStatus(VigilProcess vigil) throws Exception {
        String basic = Base64.getEncoder()
                .encodeToString(
                        (SignedInAsAdmin.USER + ":" + SignedInAsAdmin.PASSWORD).getBytes(StandardCharsets.UTF_8));
        return client.send(
                        HttpRequest.newBuilder(URI.create(vigil.baseUrl() + "/api/rules"))
                                .header("Authorization", "Basic " + basic)
                                .build(),
                        HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }
}
