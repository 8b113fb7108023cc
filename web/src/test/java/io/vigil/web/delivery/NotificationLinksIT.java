package io.vigil.web.delivery;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.vigil.web.testing.SignedInAsAdmin;
import io.vigil.web.testing.VigilProcess;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The packaged Vigil started on a port of its own with no {@code VIGIL_BASE_URL}, as a newcomer starts it: the link in
 * its alert e-mail names that port, and opens the alert's page there.
 */
class NotificationLinksIT {

    @Test
    void anAlertEmailLinksToTheAlertOnThePortVigilListensOn() throws Exception {
        GreenMail mail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
        mail.start();
        try (VigilProcess vigil = VigilProcess.withFreshDatabase(
                "it_links",
                Map.of(
                        "QUARKUS_MAILER_HOST",
                        "127.0.0.1",
                        "QUARKUS_MAILER_PORT",
                        Integer.toString(mail.getSmtp().getPort())))) {
            vigil.start();
            int channel = api(vigil)
                    .contentType(ContentType.JSON)
                    .body(Map.of("type", "email", "name", "Desk", "config", Map.of("to", "desk@example.org")))
                    .post("/api/channels")
                    .then()
                    .statusCode(201)
                    .extract()
                    .path("id");
            api(vigil)
                    .contentType(ContentType.JSON)
                    .body(Map.of("name", "Lighthouses", "query", "lighthouse", "channels", List.of(channel)))
                    .post("/api/rules")
                    .then()
                    .statusCode(201);
            api(vigil)
                    .contentType(ContentType.JSON)
                    .body(Map.of(
                            "title", "Old lighthouse reopens",
                            "body", "The old lighthouse reopened on Friday.",
                            "source", "Coast Gazette"))
                    .post("/api/ingest")
                    .then()
                    .statusCode(200);

            await().atMost(Duration.ofSeconds(60)).until(() -> mail.getReceivedMessages().length > 0);
            String text = GreenMailUtil.getBody(mail.getReceivedMessages()[0]).replace("=\r\n", "");
            int port = URI.create(vigil.baseUrl()).getPort();
            Matcher link =
                    Pattern.compile("http://localhost:(\\d+)(/alerts/\\d+)").matcher(text);
            assertThat(link.find()).as("a link to the alert in %s", text).isTrue();
            assertThat(Integer.parseInt(link.group(1)))
                    .as("the link's port is the one Vigil listens on")
                    .isEqualTo(port);
            String page = api(vigil)
                    .get(link.group(2))
                    .then()
                    .statusCode(200)
                    .extract()
                    .asString();
            assertThat(page).contains("Old lighthouse reopens");
        } finally {
            mail.stop();
        }
    }

    private static RequestSpecification api(VigilProcess vigil) {
        return given().baseUri(vigil.baseUrl())
                .auth()
                .preemptive()
                .basic(SignedInAsAdmin.USER, SignedInAsAdmin.PASSWORD);
    }
}
