package io.vigil.web.operations;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.vigil.web.testing.Archive;
import io.vigil.web.testing.RawHttp;
import io.vigil.web.testing.RouteTable;
import io.vigil.web.testing.RouteTable.RestRoute;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What callers send never becomes a tag of the HTTP metrics: Quarkus keeps at most 100 {@code uri} values, so a raw
 * path per request let anyone fill them and leave every endpoint not yet seen unmeasured.
 */
@QuarkusTest
class MetricPathsTest {

    private static final Pattern URI_TAG =
            Pattern.compile("http_server_requests_seconds_count\\{[^}]*uri=\"([^\"]*)\"");

    @BeforeEach
    void archiveIsReady() {
        Archive.awaitReady();
    }

    @Test
    void requestsNoEndpointTookAreTaggedUnmatchedNotByTheirPath() {
        String marker = "made-up-" + UUID.randomUUID().toString().substring(0, 8);
        for (int i = 0; i < 120; i++) {
            // anonymous: OPTIONS on any path is answered by the REST layer itself, before anyone signs in
            given().noFilters().options("/" + marker + "-" + i).then().statusCode(200);
        }
        long rule = 900_000_000L + (System.nanoTime() % 1_000_000);
        given().noFilters().head("/rules/" + rule + "/delete").then().statusCode(405);
        RawHttp.Answer undecodable =
                new RawHttp("localhost", RestAssured.port).send("GET", "/" + marker + "-%zz", Map.of(), null);
        assertThat(undecodable.status()).isEqualTo(400);

        Set<String> tags = uriTags();

        assertThat(tags).noneMatch(tag -> tag.contains(marker)).doesNotContain("/rules/" + rule + "/delete");
        Set<String> templates = new TreeSet<>();
        RouteTable.restRoutes().stream().map(RestRoute::path).forEach(templates::add);
        assertThat(tags)
                .as("every uri tag is an endpoint's template, a fixed route or file, or one of the fixed tags")
                .allMatch(tag -> templates.contains(tag)
                        || Set.of("UNMATCHED", "NOT_FOUND", "REDIRECTION", "root")
                                .contains(tag)
                        || tag.equals("/vigil.css")
                        || tag.equals("/copy.js")
                        || tag.startsWith("/webjars/"));
    }

    @Test
    void endpointsAreStillMeasuredAfterManyMadeUpPaths() {
        for (int i = 0; i < 150; i++) {
            given().noFilters()
                    .options("/another-made-up-path-" + UUID.randomUUID())
                    .then()
                    .statusCode(200);
        }
        given().get("/api/plugins/notifier/webhook").then().statusCode(200);

        assertThat(uriTags()).contains("/api/plugins/{kind}/{type}");
    }

    private static Set<String> uriTags() {
        String metrics =
                given().get("/q/metrics").then().statusCode(200).extract().asString();
        Set<String> tags = new TreeSet<>();
        Matcher tag = URI_TAG.matcher(metrics);
        while (tag.find()) {
            tags.add(tag.group(1));
        }
        return tags;
    }
}
