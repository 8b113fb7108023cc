package io.vigil.web.feed;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import com.rometools.rome.feed.atom.Content;
import com.rometools.rome.feed.atom.Entry;
import com.rometools.rome.feed.atom.Feed;
import com.rometools.rome.feed.atom.Link;
import com.rometools.rome.io.WireFeedInput;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.vigil.web.security.Role;
import io.vigil.web.testing.AlertFixtures;
import io.vigil.web.testing.AlertFixtures.Opened;
import io.vigil.web.testing.Archive;
import io.vigil.web.testing.Users;
import jakarta.inject.Inject;
import java.io.StringReader;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Atom feed of alerts, as a feed reader gets it: made through the API (its URL shown once), read with nothing but
 * its URL, parsed by a real Atom parser (Rome) and held to the Atom 1.0 rules a validator checks, cheap to poll
 * (ETag, 304), and gone the moment it is revoked.
 */
@QuarkusTest
class AlertFeedTest {

    @Inject
    AlertFixtures fixtures;

    @BeforeEach
    void archiveIsReady() {
        Archive.awaitReady();
    }

    @Test
    void aFeedReaderReadsTheRulesAlertsWithNothingButTheUrl() throws Exception {
        long rule = fixtures.rule("Feed rule", "immediate", false);
        long other = fixtures.rule("Other rule", "immediate", false);
        Opened alert = fixtures.open(rule, "Flood <warning> & evacuations", "Rivers rose overnight.");
        fixtures.open(other, "Not in this feed", "Another rule's story.");
        JsonPath made = given().contentType(ContentType.JSON)
                .body(Map.of("name", "Desk feed", "ruleId", rule))
                .post("/api/feeds")
                .then()
                .statusCode(201)
                .body("name", equalTo("Desk feed"))
                .body("ruleId", equalTo((int) rule))
                .extract()
                .jsonPath();
        String url = made.getString("url");
        assertThat(url).contains("/feeds/atom/vgf_");

        Response answer = read(url, null);
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.contentType()).startsWith("application/atom+xml");
        Feed feed = parse(answer.asString());

        assertThat(feed.getFeedType()).isEqualTo("atom_1.0");
        assertThat(feed.getTitle()).contains("Desk feed");
        assertThat(feed.getUpdated()).isNotNull();
        assertThat(feed.getAuthors()).isNotEmpty();
        assertThat(isAbsoluteUri(feed.getId())).as("feed id %s", feed.getId()).isTrue();
        assertThat(feed.getOtherLinks()).extracting(Link::getRel).contains("self");
        assertThat(feed.getEntries()).hasSize(1);
        Entry entry = feed.getEntries().get(0);
        assertThat(entry.getTitle()).isEqualTo("Flood <warning> & evacuations");
        assertThat(isAbsoluteUri(entry.getId())).isTrue();
        assertThat(entry.getId()).endsWith("/alerts/" + alert.alertId());
        assertThat(entry.getAlternateLinks()).extracting(Link::getHref).containsExactly(entry.getId());
        assertThat(entry.getUpdated()).isNotNull();
        assertThat(entry.getPublished()).isNotNull();
        Content content = entry.getContents().get(0);
        assertThat(content.getType()).isEqualTo("html");
        assertThat(content.getValue())
                .contains("<mark>Flood</mark>")
                .contains("&lt;warning&gt; &amp; evacuations")
                .contains("Fixture Times")
                .doesNotContain("<warning>");
        assertThat(answer.asString())
                .as("article markup never becomes the feed's XML")
                .doesNotContain("<warning>");
    }

    @Test
    void pollingIsCheapUntilAnOutletJoins() throws Exception {
        long rule = fixtures.rule("Polled rule", "immediate", false);
        Opened alert = fixtures.open(rule, "Storm nears coast", "A storm neared the coast.");
        String url = makeFeed("Polled", rule);

        Response first = read(url, null);
        String etag = first.header("ETag");
        assertThat(etag).startsWith("\"");
        assertThat(read(url, etag).statusCode()).isEqualTo(304);
        assertThat(read(url, "W/" + etag + ", \"other\"").statusCode()).isEqualTo(304);
        Instant before =
                parse(first.asString()).getEntries().get(0).getUpdated().toInstant();

        // Atom's updated stamps and the ETag's date have one-second resolution: the change must fall in a later second.
        Thread.sleep(1100);
        fixtures.join(alert, "Coast Courier");

        Response changed = read(url, etag);
        assertThat(changed.statusCode()).isEqualTo(200);
        assertThat(changed.header("ETag")).isNotEqualTo(etag);
        Entry entry = parse(changed.asString()).getEntries().get(0);
        assertThat(entry.getUpdated().toInstant()).isAfter(before);
        assertThat(entry.getContents().get(0).getValue()).contains("Coast Courier");
    }

    @Test
    void aRevokedOrUnknownTokenGetsNoData() throws Exception {
        long rule = fixtures.rule("Revoked rule", "immediate", false);
        fixtures.open(rule, "Secret story", "Only for the feed.");
        JsonPath made = given().contentType(ContentType.JSON)
                .body(Map.of("name", "Short-lived", "ruleId", rule))
                .post("/api/feeds")
                .then()
                .statusCode(201)
                .extract()
                .jsonPath();
        String url = made.getString("url");
        assertThat(read(url, null).statusCode()).isEqualTo(200);

        String stranger = Users.create("stranger", Role.VIEWER);
        Users.as(stranger).delete("/api/feeds/" + made.getLong("id")).then().statusCode(404);
        assertThat(Users.as(stranger)
                        .get("/api/feeds")
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath()
                        .getList("items.id", Long.class))
                .doesNotContain(made.getLong("id"));
        assertThat(read(url, null).statusCode())
                .as("a stranger cannot revoke it")
                .isEqualTo(200);

        given().delete("/api/feeds/" + made.getLong("id")).then().statusCode(204);

        Response revoked = read(url, null);
        assertThat(revoked.statusCode()).isEqualTo(404);
        assertThat(revoked.asString()).doesNotContain("Secret story");
        Response unknown = read(url.substring(0, url.length() - 4) + "AAAA", null);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(read(url.replaceAll("/vgf_.*", "/not-a-token"), null).statusCode())
                .isEqualTo(404);
    }

    @Test
    void theListShowsNoUrlAndBadInputIsRefusedNamingTheField() {
        String viewer = Users.create("feeder", Role.VIEWER);
        JsonPath made = Users.as(viewer)
                .contentType(ContentType.JSON)
                .body(Map.of("name", "Every alert"))
                .post("/api/feeds")
                .then()
                .statusCode(201)
                .extract()
                .jsonPath();
        assertThat(made.getString("ruleId")).isNull();

        JsonPath listed = Users.as(viewer)
                .get("/api/feeds")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(listed.getInt("total")).isEqualTo(1);
        assertThat(listed.getString("items[0].prefix")).startsWith("vgf_");
        assertThat(listed.getMap("items[0]")).doesNotContainKey("url");
        String token = made.getString("url").substring(made.getString("url").lastIndexOf('/') + 1);
        assertThat(token).startsWith(listed.getString("items[0].prefix"));

        given().contentType(ContentType.JSON)
                .body(Map.of("name", " "))
                .post("/api/feeds")
                .then()
                .statusCode(400)
                .contentType(startsWith("application/problem+json"))
                .body("field", equalTo("name"));
        given().contentType(ContentType.JSON)
                .body(Map.of("name", "Ghost", "ruleId", 987_654_321L))
                .post("/api/feeds")
                .then()
                .statusCode(400)
                .body("field", equalTo("ruleId"));
        given().noFilters().get("/api/feeds").then().statusCode(401);
    }

    @Test
    void theFeedsPageMakesAFeedShowsItsAddressOnceAndRevokesIt() {
        long rule = fixtures.rule("Page rule", "immediate", false);
        String made = given().formParam("name", "From the page")
                .formParam("ruleId", rule)
                .post("/feeds")
                .then()
                .statusCode(200)
                .header("Cache-Control", "no-store")
                .extract()
                .asString();
        java.util.regex.Matcher address = java.util.regex.Pattern.compile("id=\"new-feed-url\">([^<]+)</code>")
                .matcher(made);
        assertThat(address.find()).isTrue();
        String url = address.group(1);
        assertThat(made).contains("data-copy=\"new-feed-url\"").contains("src=\"/copy.js\"");
        assertThat(read(url, null).statusCode()).isEqualTo(200);

        String listed = given().get("/feeds").then().statusCode(200).extract().asString();
        assertThat(listed).contains("From the page").contains("Page rule").doesNotContain(url);
        long id = given().get("/api/feeds")
                .then()
                .extract()
                .jsonPath()
                .getLong("items.find { it.name == 'From the page' }.id");

        given().redirects()
                .follow(false)
                .formParam("_csrf", "x")
                .post("/feeds/" + id + "/revoke")
                .then()
                .statusCode(303);
        assertThat(read(url, null).statusCode()).isEqualTo(404);
        given().formParam("name", "").post("/feeds").then().statusCode(400);
    }

    private String makeFeed(String name, long rule) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("name", name, "ruleId", rule))
                .post("/api/feeds")
                .then()
                .statusCode(201)
                .extract()
                .jsonPath()
                .getString("url");
    }

    /** Reads the feed as a reader does: no credentials, the path of its URL on the server under test. */
    private static Response read(String url, String ifNoneMatch) {
        var request = given().noFilters();
        if (ifNoneMatch != null) {
            request = request.header("If-None-Match", ifNoneMatch);
        }
        return request.get(URI.create(url).getRawPath());
    }

    private static Feed parse(String xml) throws Exception {
        WireFeedInput input = new WireFeedInput(false, java.util.Locale.ENGLISH);
        return (Feed) input.build(new StringReader(xml));
    }

    private static boolean isAbsoluteUri(String id) {
        try {
            URI uri = new URI(id);
            return uri.isAbsolute() && List.of("http", "https", "tag", "urn").contains(uri.getScheme());
        } catch (Exception e) {
            return false;
        }
    }
}
