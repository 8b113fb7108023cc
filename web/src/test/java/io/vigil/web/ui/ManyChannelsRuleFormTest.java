package io.vigil.web.ui;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.vigil.web.testing.Archive;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A deployment with many channels saves a rule from the editor, whose form posts a delivery select for every channel and
 * a box for every ticked one; a rule routed to more channels than a rule may have gets the editor back naming the
 * routes, not a bare error.
 */
@QuarkusTest
class ManyChannelsRuleFormTest {

    private static final String CSRF = "many-channels-rule-form-test-anti-forgery-token";
    private static final int CHANNELS = 120;
    private static final int MAX_ROUTES = 50;

    private static final List<Integer> made = new ArrayList<>();

    @BeforeEach
    void channelsExist() {
        Archive.awaitReady();
        synchronized (made) {
            for (int i = made.size(); i < CHANNELS; i++) {
                made.add(given().contentType(ContentType.JSON)
                        .body(Map.of(
                                "type",
                                "webhook",
                                "name",
                                "many channels " + i,
                                "config",
                                Map.of("url", "https://hooks.example.org/many/" + i)))
                        .post("/api/channels")
                        .then()
                        .statusCode(201)
                        .extract()
                        .path("id"));
            }
        }
    }

    @Test
    void aRuleRoutedToFiftyOfManyChannelsSavesFromTheEditor() {
        List<Integer> ticked = made.subList(0, MAX_ROUTES);

        var answer = editorForm("Routed to fifty channels", ticked)
                .post("/rules")
                .then()
                .extract();

        assertThat(answer.statusCode()).as(answer.asString()).isEqualTo(303);
        String saved = answer.header("Location").replaceAll(".*[?]saved=", "");
        List<Integer> routed = given().get("/api/rules/" + saved)
                .then()
                .statusCode(200)
                .extract()
                .path("routes.channelId");
        assertThat(routed).containsExactlyInAnyOrderElementsOf(ticked);
    }

    @Test
    void aRuleRoutedToMoreChannelsThanARuleTakesGetsTheEditorBackNamingTheRoutes() {
        String page = editorForm("Routed to too many channels", made.subList(0, MAX_ROUTES + 1))
                .post("/rules")
                .then()
                .statusCode(400)
                .extract()
                .asString();

        assertThat(page)
                .contains("class=\"field routes invalid\"")
                .contains("a rule may have at most " + MAX_ROUTES + " routes, not " + (MAX_ROUTES + 1));
        assertThat(given().get("/rules").then().extract().asString()).doesNotContain("Routed to too many channels");
    }

    /** The editor's form as a browser posts it: every field the page shows, with {@code ticked} channels ticked. */
    private static RequestSpecification editorForm(String name, List<Integer> ticked) {
        RequestSpecification form = given().cookie("vigil-csrf", CSRF)
                .redirects()
                .follow(false)
                .formParam("_csrf", CSRF)
                .formParam("query", "border fortification")
                .formParam("name", name)
                .formParam("type", "query")
                .formParam("notifyUpdates", "false")
                .formParam("enabled", "false")
                .formParam("enabled", "true")
                .formParam("escalationOutlets", "")
                .formParam("escalationWithin", "P1D");
        String editor =
                given().get("/rules/new").then().statusCode(200).extract().asString();
        Matcher select = Pattern.compile("name=\"(delivery-\\d+)\"").matcher(editor);
        int selects = 0;
        while (select.find()) {
            form.formParam(select.group(1), "immediate");
            selects++;
        }
        assertThat(selects).isGreaterThanOrEqualTo(CHANNELS);
        ticked.forEach(id -> form.formParam("channels", id));
        return form;
    }
}
