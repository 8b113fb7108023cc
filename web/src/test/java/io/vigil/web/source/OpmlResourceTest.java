package io.vigil.web.source;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.vigil.opml.FeedOutline;
import io.vigil.opml.OpmlDocument;
import io.vigil.web.testing.Archive;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class OpmlResourceTest {

    /**
     * The feeds point at a closed port on loopback, so the scheduler's attempts to poll them fail at once instead of
     * reaching out; the test deletes them when done.
     */
    static String feedUrl(int n) {
        return "http://127.0.0.1:9/feeds/%03d.xml".formatted(n);
    }

    /** A reader's export: 200 feeds in nested folders, one listed twice, one without a title, two unusable. */
    static String subscriptionList() {
        StringBuilder opml = new StringBuilder(
                """
                <?xml version="1.0" encoding="UTF-8"?>
                <opml version="1.0">
                  <head><title>My feeds</title></head>
                  <body>
                """);
        for (int folder = 0; folder < 10; folder++) {
            opml.append("    <outline text=\"Region ").append(folder).append("\">\n");
            opml.append("      <outline text=\"Wires\">\n");
            for (int i = 0; i < 20; i++) {
                int n = folder * 20 + i;
                String title = n == 7 ? "" : "Outlet " + n;
                opml.append(
                        "        <outline type=\"rss\" text=\"%s\" xmlUrl=\"%s\" htmlUrl=\"https://outlet%d.example/\"/>\n"
                                .formatted(title, feedUrl(n), n));
            }
            opml.append("      </outline>\n    </outline>\n");
        }
        opml.append("    <outline type=\"rss\" text=\"Outlet 3 again\" xmlUrl=\"")
                .append(feedUrl(3))
                .append("\"/>\n");
        opml.append("    <outline type=\"rss\" text=\"Script\" xmlUrl=\"javascript:alert(1)\"/>\n");
        opml.append("    <outline type=\"rss\" text=\"Gopher\" xmlUrl=\"gopher://old.example/feed\"/>\n");
        opml.append("  </body>\n</opml>\n");
        return opml.toString();
    }

    @BeforeEach
    void archiveIsReady() {
        Archive.awaitReady();
    }

    @AfterEach
    void deleteImportedSources() {
        JsonPath sources =
                given().get("/api/sources?limit=500").then().extract().jsonPath();
        List<Integer> ids = sources.getList(
                "items.findAll { it.type == 'rss' && it.config.url.startsWith('http://127.0.0.1:9/') }.id",
                Integer.class);
        ids.forEach(id -> given().delete("/api/sources/" + id));
    }

    @Test
    void importsTwoHundredFeedsOncePerAddressAndReportsEachOne() {
        JsonPath report = given().contentType("text/x-opml")
                .body(subscriptionList())
                .post("/api/sources/opml")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();

        assertThat(report.getInt("created")).isEqualTo(200);
        assertThat(report.getInt("invalid")).isEqualTo(2);
        assertThat(report.getList("feeds")).hasSize(202);
        assertThat(report.getString("feeds.find { it.url == 'javascript:alert(1)' }.reason"))
                .contains("http or https");
        assertThat(report.getString("feeds.find { it.url == '%s' }.name".formatted(feedUrl(7))))
                .as("a feed without a title is named after its host")
                .isEqualTo("127.0.0.1");
        assertThat(Set.copyOf(report.getList("feeds.findAll { it.outcome == 'created' }.name", String.class)))
                .hasSize(200);
        int one = report.getInt("feeds.find { it.url == '%s' }.sourceId".formatted(feedUrl(1)));
        given().get("/api/sources/" + one)
                .then()
                .body("type", equalTo("rss"))
                .body("name", equalTo("Outlet 1"))
                .body("config.url", equalTo(feedUrl(1)));

        JsonPath again = given().contentType("application/xml")
                .body(subscriptionList())
                .post("/api/sources/opml")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(again.getInt("created")).isZero();
        assertThat(again.getInt("skipped")).isEqualTo(200);
        assertThat(again.getString("feeds.find { it.url == '%s' }.reason".formatted(feedUrl(1))))
                .isEqualTo("source 'Outlet 1' already reads this feed");
    }

    @Test
    void exportsEveryFeedSourceAsOpmlThatImportsAgain() throws Exception {
        given().contentType(ContentType.JSON)
                .body(Map.of("type", "rss", "name", "Outlet & Sons", "config", Map.of("url", feedUrl(500))))
                .post("/api/sources")
                .then()
                .statusCode(201);
        given().contentType("text/x-opml")
                .body(subscriptionList())
                .post("/api/sources/opml")
                .then()
                .statusCode(200);

        String exported = given().get("/api/sources/opml")
                .then()
                .statusCode(200)
                .contentType(containsString("text/x-opml"))
                .header("Content-Disposition", containsString("vigil-feeds.opml"))
                .extract()
                .asString();

        List<FeedOutline> feeds =
                OpmlDocument.parse(new ByteArrayInputStream(exported.getBytes(StandardCharsets.UTF_8)));
        List<String> rssSources = given().get("/api/sources?limit=500")
                .then()
                .extract()
                .jsonPath()
                .getList("items.findAll { it.type == 'rss' }.config.url", String.class);
        assertThat(feeds).extracting(FeedOutline::xmlUrl).containsExactlyInAnyOrderElementsOf(rssSources);
        assertThat(feeds).extracting(FeedOutline::xmlUrl).contains(feedUrl(0), feedUrl(199), feedUrl(500));
        assertThat(feeds).extracting(FeedOutline::title).contains("Outlet & Sons", "Outlet 199");
    }

    @Test
    void aDocumentWithoutFeedsIsRefused() {
        given().contentType("text/x-opml")
                .body("<opml version=\"2.0\"><body><outline text=\"Empty folder\"/></body></opml>")
                .post("/api/sources/opml")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString("no feeds"));
    }
}
