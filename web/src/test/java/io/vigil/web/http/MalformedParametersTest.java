package io.vigil.web.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.vigil.web.security.Role;
import io.vigil.web.testing.Users;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A numeric query parameter or form field that is not a number is a 400 problem naming it, on every endpoint: JAX-RS
 * answers an unconvertible query parameter with 404, as if the endpoint did not exist.
 */
@QuarkusTest
class MalformedParametersTest {

    private static Response get(String user, String path) {
        return Users.as(user).get(path);
    }

    private static void assertNamesTheParameter(Response answer, String parameter) {
        assertThat(answer.statusCode()).as(answer.asString()).isEqualTo(400);
        assertThat(answer.contentType()).startsWith(Problem.MEDIA_TYPE);
        assertThat(answer.jsonPath().getString("field")).isEqualTo(parameter);
        assertThat(answer.jsonPath().getString("detail")).startsWith(parameter + " must be a whole number");
    }

    @Test
    void aLimitThatIsNotANumberIsA400NamingIt() {
        String viewer = Users.create("params", Role.VIEWER);
        assertNamesTheParameter(get(viewer, "/api/alerts?limit=abc"), "limit");
        assertNamesTheParameter(get(viewer, "/api/deliveries?limit=1.5"), "limit");
        assertNamesTheParameter(get(viewer, "/api/silences?limit=99999999999999"), "limit");
        assertThat(get(viewer, "/api/alerts?limit=5").statusCode()).isEqualTo(200);
    }

    @Test
    void everyNumericQueryParameterIsCheckedTheSameWay() {
        String viewer = Users.create("params", Role.VIEWER);
        String admin = Users.create("params", Role.ADMIN);
        assertNamesTheParameter(get(viewer, "/api/articles?offset=x"), "offset");
        assertNamesTheParameter(get(viewer, "/api/alerts?ruleId=one"), "ruleId");
        assertNamesTheParameter(get(viewer, "/api/deliveries?channel=%0d%0a"), "channel");
        assertNamesTheParameter(get(admin, "/api/audit?offset=-"), "offset");
        Response page = get(viewer, "/alerts?page=two");
        assertNamesTheParameter(page, "page");
    }

    @Test
    void theCallersValueIsQuotedBackOnOneLineAndShort() {
        String viewer = Users.create("params", Role.VIEWER);
        Response answer = get(viewer, "/api/alerts?limit=a%0d%0ab" + "c".repeat(100));
        assertNamesTheParameter(answer, "limit");
        String detail = answer.jsonPath().getString("detail");
        assertThat(detail).doesNotContain("\r", "\n").hasSizeLessThan(100);
    }

    @Test
    void aBooleanQueryParameterIsTrueOrFalseNeverSilentlyFalse() {
        String admin = Users.create("params", Role.ADMIN);
        // JAX-RS read "yes" as false: this import would have been applied rather than tried.
        Response answer = Users.as(admin)
                .contentType("application/json")
                .body("{\"version\": 1}")
                .post("/api/import?dryRun=yes");
        assertThat(answer.statusCode()).as(answer.asString()).isEqualTo(400);
        assertThat(answer.jsonPath().getString("field")).isEqualTo("dryRun");
        assertThat(answer.jsonPath().getString("detail"))
                .isEqualTo("dryRun must be true or false (or 1 or 0), not \"yes\"");
        assertThat(get(admin, "/api/silences?active=TRUE").statusCode()).isEqualTo(200);
        assertThat(get(admin, "/alerts?escalated=true").statusCode()).isEqualTo(200);
    }

    @Test
    void aPathIdThatIsNotANumberStillNamesNoSuchThing() {
        String viewer = Users.create("params", Role.VIEWER);
        assertThat(get(viewer, "/api/rules/abc").statusCode()).isEqualTo(404);
    }

    /** A JSON body Vigil cannot read is told in the client's terms: the kind of value wanted, or where it breaks. */
    @Test
    void aBodyThatIsNotTheJsonAskedForSaysWhatWasWantedWithoutJavaTypes() {
        String analyst = Users.create("params", Role.ANALYST);
        assertMalformed(post(analyst, "/api/rules", "{\"name\": \"x\","), "the body is not valid JSON (line 1, column");
        assertMalformed(post(analyst, "/api/silences", "not json"), "the body is not valid JSON (line 1, column 1)");
        assertMalformedField(
                post(analyst, "/api/silences", "{\"ruleId\": 1, \"until\": \"tomorrow\"}"),
                "until",
                "until must be a time such as 2027-01-31T18:00:00Z (not \"tomorrow\")");
        assertMalformedField(
                post(analyst, "/api/silences", "{\"ruleId\": \"x\", \"until\": \"2027-01-01T00:00:00Z\"}"),
                "ruleId",
                "ruleId must be a whole number");
        assertMalformedField(
                post(analyst, "/api/rules", "{\"query\": \"border\", \"enabled\": \"maybe\"}"),
                "enabled",
                "enabled must be true or false");
        // Jackson's default reads a number as a yes-or-no (7 as true); a client that sent one meant something else
        assertMalformedField(
                post(analyst, "/api/rules", "{\"query\": \"border\", \"enabled\": 0}"),
                "enabled",
                "enabled must be true or false");
    }

    /**
     * Null numbers and flags stay in answers as {@code null}, as other null fields do: Quarkus 3.37's generated
     * serialisers dropped them (quarkus#55137), so an alert's {@code escalatedOutlets} was missing, not null.
     */
    @Test
    void nullNumbersInAnswersAreShownAsNullNotLeftOut() {
        String admin = Users.create("params-null", Role.ADMIN);
        Response created = post(
                admin,
                "/api/channels",
                "{\"type\": \"webhook\", \"name\": \"nulls\", \"config\": {\"url\": \"https://hooks.example.org/x\"}}");
        assertThat(created.statusCode()).as(created.asString()).isEqualTo(201);
        Map<String, Object> health = created.jsonPath().getMap("health");
        assertThat(health).containsEntry("lastResponseCode", null).containsEntry("lastAttemptAt", null);
        assertThat(created.jsonPath().getMap("digest")).containsEntry("hour", null);
    }

    /** A body past a bound of the JSON reader names the bound, not the Java method that sets it. */
    @Test
    void aBodyNestedTooDeepSaysSoWithoutJavaNames() {
        String analyst = Users.create("nested", Role.ANALYST);
        // in a field no body has: Jackson skips it, and skipping counts the depth too
        String deep = "{\"query\": \"x\", \"extra\": " + "[".repeat(2000) + "]".repeat(2000) + "}";
        assertMalformed(post(analyst, "/api/rules", deep), "nesting depth (1001) exceeds the maximum allowed (1000)");
        Response pushed = Users.as(analyst)
                .contentType("application/x-ndjson")
                .body((deep + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .post("/api/ingest");
        assertThat(pushed.statusCode()).as(pushed.asString()).isEqualTo(200);
        assertThat(pushed.jsonPath().getString("lines[0].detail"))
                .contains("nesting depth (1001) exceeds the maximum allowed (1000)")
                .doesNotContain("`", "Constraints");
    }

    private static Response post(String user, String path, String body) {
        return Users.as(user).contentType("application/json").body(body).post(path);
    }

    private static void assertMalformedField(Response answer, String field, String detail) {
        assertMalformed(answer, detail);
        assertThat(answer.jsonPath().getString("field")).as(answer.asString()).isEqualTo(field);
    }

    private static void assertMalformed(Response answer, String detail) {
        assertThat(answer.statusCode()).as(answer.asString()).isEqualTo(400);
        assertThat(answer.contentType()).startsWith(Problem.MEDIA_TYPE);
        assertThat(answer.jsonPath().getString("title")).isEqualTo("Malformed JSON");
        assertThat(answer.jsonPath().getString("detail")).contains(detail).doesNotContain("java.", "`", "Constraints");
    }
}
