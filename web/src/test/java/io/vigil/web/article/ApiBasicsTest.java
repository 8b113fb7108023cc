package io.vigil.web.article;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.lessThanOrEqualTo;

import io.quarkus.test.junit.QuarkusTest;
import io.vigil.web.testing.Archive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ApiBasicsTest {

    @BeforeEach
    void archiveIsReady() {
        Archive.awaitReady();
    }

    @Test
    void listsArePagedWithItemsAndTotal() {
        given().get("/api/articles?limit=2&offset=0")
                .then()
                .statusCode(200)
                .body("items.size()", lessThanOrEqualTo(2))
                .body("total", greaterThanOrEqualTo(0));
        given().get("/api/stories?limit=3").then().statusCode(200).body("items.size()", lessThanOrEqualTo(3));
    }

    @Test
    void badPagingAndUnknownIdsGetProblemDocuments() {
        given().get("/api/articles?limit=0")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("field", equalTo("limit"));
        given().get("/api/articles?offset=-1").then().statusCode(400).body("field", equalTo("offset"));
        given().get("/api/articles/987654321")
                .then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("status", equalTo(404));
        given().get("/api/stories/987654321").then().statusCode(404);
        given().get("/api/articles/not-a-number").then().statusCode(404);
    }

    @Test
    void healthReportsTheArchiveReady() {
        given().get("/q/health/ready").then().statusCode(200).body("checks.name", hasItem("archive"));
    }

    @Test
    void theOpenApiDocumentDescribesTheApi() {
        given().get("/q/openapi?format=json")
                .then()
                .statusCode(200)
                .body(containsString("/api/ingest"))
                .body(containsString("/api/articles"))
                .body(containsString("/api/sources"));
    }

    @Test
    void theFirstPageShowsStories() {
        given().get("/").then().statusCode(200).contentType("text/html").body(containsString("Recent stories"));
    }
}
