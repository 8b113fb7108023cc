package io.vigil.web.ui;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.vigil.web.testing.Archive;
import io.vigil.web.testing.WebhookReceiver;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The add and edit forms of sources and channels, which both draw their inputs from a plugin's config spec. */
@QuarkusTest
class PluginFormPagesTest {

    /** Any value of 32 characters or more passes as the anti-forgery token when the cookie repeats it. */
    private static final String CSRF = "plugin-form-pages-test-anti-forgery-token";

    @BeforeEach
    void archiveIsReady() {
        Archive.awaitReady();
    }

    @Test
    void theTypePickersOfferTheInstalledTypes() {
        assertThat(given().get("/sources").then().statusCode(200).extract().asString())
                .contains("<label for=\"new-type\">Add a source of type</label>")
                .contains("<option value=\"rss\">");
        assertThat(given().get("/channels").then().statusCode(200).extract().asString())
                .contains("<label for=\"new-type\">Add a channel of type</label>")
                .contains("<option value=\"email\">")
                .contains("<option value=\"webhook\">");
    }

    @Test
    void aSourceWithoutANameComesBackWithTheErrorAtTheNameAndWhatWasPosted() {
        String page = postForm(
                        "/sources",
                        Map.of("type", "rss", "name", " ", "config.url", "https://news.example/nameless.xml"))
                .then()
                .statusCode(400)
                .extract()
                .asString();

        assertThat(page)
                .containsPattern("<h1>Add a [^<]+ source</h1>")
                .contains("<p class=\"field-error\" id=\"name-error\" role=\"alert\">give the source a name</p>")
                .contains("name=\"config.url\" value=\"https://news.example/nameless.xml\"")
                .doesNotContain("class=\"notice error\"");
    }

    @Test
    void aRefusedSettingIsShownAboveTheFormWithWhatWasPosted() {
        String page = postForm("/sources", Map.of("type", "rss", "name", "Malformed feed", "config.url", "not a url"))
                .then()
                .statusCode(400)
                .extract()
                .asString();

        assertThat(page)
                .containsPattern("<p class=\"notice error\" role=\"alert\">url: [^<]*not a url")
                .contains("id=\"name\" name=\"name\" value=\"Malformed feed\"")
                .contains("name=\"config.url\" value=\"not a url\"")
                .doesNotContain("id=\"name-error\"");
    }

    @Test
    void aChannelNameInUseComesBackWithTheErrorAtTheName() {
        given().contentType(ContentType.JSON)
                .body(Map.of(
                        "type", "webhook", "name", "Form desk", "config", Map.of("url", "https://hooks.example.org/d")))
                .post("/api/channels")
                .then()
                .statusCode(201);

        String page = postForm(
                        "/channels",
                        Map.of("type", "webhook", "name", "Form desk", "config.url", "https://hooks.example.org/e"))
                .then()
                .statusCode(400)
                .extract()
                .asString();

        assertThat(page)
                .contains(
                        "<p class=\"field-error\" id=\"name-error\" role=\"alert\">a channel named &#39;Form desk&#39;"
                                + " already exists</p>")
                .contains("name=\"config.url\" value=\"https://hooks.example.org/e\"");
    }

    @Test
    void aWebhookEditedWithTheSecretLeftEmptyKeepsSigningWithItsSecret() throws Exception {
        try (WebhookReceiver receiver = WebhookReceiver.answering()) {
            String saved = postForm(
                            "/channels", Map.of("type", "webhook", "name", "Form hook", "config.url", receiver.url()))
                    .then()
                    .statusCode(200)
                    .extract()
                    .asString();
            Matcher shown = Pattern.compile("<code class=\"secret\">(whsec_[^<]+)</code>")
                    .matcher(saved);
            assertThat(shown.find()).as("the generated secret is shown once").isTrue();
            String secret = shown.group(1);
            receiver.verifyingWith(secret);
            int id = given().get("/api/channels?limit=500").path("items.find { it.name == 'Form hook' }.id");

            String edit = given().get("/channels/" + id + "/edit")
                    .then()
                    .statusCode(200)
                    .extract()
                    .asString();
            assertThat(edit)
                    .contains("<h1>Edit Form hook</h1>")
                    .contains("Leave empty to keep the saved value.")
                    .doesNotContain(secret);
            postForm(
                            "/channels/" + id,
                            Map.of(
                                    "type", "webhook",
                                    "name", "Form hook renamed",
                                    "config.url", receiver.url(),
                                    "config.secret", ""))
                    .then()
                    .statusCode(303);

            given().post("/api/channels/" + id + "/test").then().statusCode(200).body("delivered", equalTo(true));
            assertThat(receiver.received()).last().satisfies(request -> assertThat(request.signatureProblem())
                    .isNull());
        }
    }

    /** Posts a page form as a signed-in browser would, with the anti-forgery token in cookie and field. */
    @Test
    void editingASourceInTheFormKeepsItsCustomInterval() {
        int id = given().contentType(ContentType.JSON)
                .body(Map.of(
                        "type",
                        "rss",
                        "name",
                        "Slow gazette",
                        "enabled",
                        false,
                        "interval",
                        "2h",
                        "config",
                        Map.of("url", "https://news.example/slow.xml")))
                .post("/api/sources")
                .then()
                .statusCode(201)
                .body("intervalSeconds", equalTo(7200))
                .extract()
                .path("id");

        String edit = given().get("/sources/" + id + "/edit")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        Matcher interval = Pattern.compile("id=\"interval\" name=\"interval\" value=\"([^\"]*)\"")
                .matcher(edit);
        assertThat(interval.find())
                .as("the form has the source's own interval input")
                .isTrue();
        assertThat(interval.group(1)).isEqualTo("2h");
        assertThat(edit).doesNotContain("name=\"config.interval\"");

        // The form posted back as a browser would, with only the name changed.
        postForm(
                        "/sources/" + id,
                        Map.of(
                                "type",
                                "rss",
                                "name",
                                "Slow gazette (renamed)",
                                "enabled",
                                "false",
                                "interval",
                                interval.group(1),
                                "config.url",
                                "https://news.example/slow.xml"))
                .then()
                .statusCode(303);
        given().get("/api/sources/" + id)
                .then()
                .body("name", equalTo("Slow gazette (renamed)"))
                .body("intervalSeconds", equalTo(7200));

        String refused = postForm(
                        "/sources/" + id,
                        Map.of(
                                "type",
                                "rss",
                                "name",
                                "Slow gazette",
                                "interval",
                                "soon",
                                "config.url",
                                "https://news.example/slow.xml"))
                .then()
                .statusCode(400)
                .extract()
                .asString();
        assertThat(refused)
                .contains("id=\"interval\" name=\"interval\" value=\"soon\"")
                .contains("id=\"interval-error\"");
        given().get("/api/sources/" + id).then().body("intervalSeconds", equalTo(7200));
    }

    @Test
    void aSecretOfSeveralLinesIsATextareaThatShowsNothingSaved() {
        // "one 'Name: value' per line": a password input holds one line, so a second header could not be typed
        String form = given().get("/sources/new?type=rss")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertThat(form)
                .containsPattern(
                        "<textarea id=\"config-headers\" name=\"config.headers\"[^>]*autocomplete=\"off\"[^>]*>"
                                + "</textarea>")
                .containsPattern("<input type=\"password\" id=\"config-password\"");

        long id = given().contentType(ContentType.JSON)
                .body(Map.of(
                        "type",
                        "rss",
                        "name",
                        "Two headers " + System.nanoTime(),
                        "config",
                        Map.of(
                                "url",
                                "https://news.example/two-headers.xml",
                                "headers",
                                "X-Api-Key: first-secret-value\nX-Tenant: second-secret-value")))
                .post("/api/sources")
                .then()
                .statusCode(201)
                .extract()
                .jsonPath()
                .getLong("id");
        String edit = given().get("/sources/" + id + "/edit")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertThat(edit)
                .containsPattern("<textarea id=\"config-headers\" name=\"config.headers\"[^>]*></textarea>")
                .doesNotContain("first-secret-value")
                .doesNotContain("second-secret-value");
    }

    @Test
    void theTestButtonShowsWhatTheSourceWouldStoreAndSavesNothing() throws Exception {
        java.nio.file.Path folder = java.nio.file.Files.createTempDirectory("vigil-form-trial");
        java.nio.file.Files.writeString(
                folder.resolve("ferry.txt"),
                "Night Ferry Returns to Service\n\nThe night ferry to the islands sailed again on Friday.\n");
        long sources = given().get("/api/sources").then().extract().jsonPath().getLong("total");
        Map<String, String> form = Map.of("type", "folder", "name", "Trial desk", "config.path", folder.toString());

        String page =
                postForm("/sources/test", form).then().statusCode(200).extract().asString();
        assertThat(page)
                .contains("A fetch now would store 1 article")
                .contains("Night Ferry Returns to Service")
                .contains("The night ferry to the islands sailed again on Friday.")
                .contains("id=\"name\" name=\"name\" value=\"Trial desk\"");

        String fragment = given().redirects()
                .follow(false)
                .cookie("vigil-csrf", CSRF)
                .header("HX-Request", "true")
                .formParam("_csrf", CSRF)
                .formParams(Map.of("type", "folder", "name", "", "config.path", "/no/such/folder/anywhere"))
                .post("/sources/test")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertThat(fragment).contains("The test fetch failed").doesNotContain("<form");
        assertThat(given().get("/api/sources").then().extract().jsonPath().getLong("total"))
                .as("testing saves no source")
                .isEqualTo(sources);
    }

    private static Response postForm(String path, Map<String, String> fields) {
        RequestSpecification request =
                given().redirects().follow(false).cookie("vigil-csrf", CSRF).formParam("_csrf", CSRF);
        fields.forEach(request::formParam);
        return request.post(path);
    }
}
