package io.vigil.web.plugin;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class PluginResourceTest {

    @Test
    void listsEveryBuiltInTypeOfEveryKindWithItsOrigin() {
        JsonPath plugins =
                given().get("/api/plugins").then().statusCode(200).extract().jsonPath();

        assertThat(plugins.getList("items.findAll { it.kind == 'source' }.type", String.class))
                .contains("folder", "rss", "webpage", "push");
        assertThat(plugins.getList("items.findAll { it.kind == 'rule' }.type", String.class))
                .contains("query", "regex");
        assertThat(plugins.getList("items.findAll { it.kind == 'notifier' }.type", String.class))
                .contains("email", "webhook");
        assertThat(plugins.getList("items.origin", String.class)).containsOnly("built-in");
        assertThat(plugins.getInt("total")).isEqualTo(plugins.getList("items").size());
        assertThat(plugins.getList("problems")).isEmpty();
    }

    @Test
    void describesEachTypesConfigurationFormField() {
        JsonPath rss = given().get("/api/plugins/source/rss")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();

        assertThat(rss.getString("label")).isEqualTo("Feed (RSS, Atom or JSON Feed)");
        assertThat(rss.getBoolean("config.find { it.name == 'password' }.secret"))
                .isTrue();
        assertThat(rss.getString("description")).isNotBlank();
        Map<String, Object> url = rss.getMap("config.find { it.name == 'url' }");
        assertThat(url)
                .containsEntry("label", "Feed URL")
                .containsEntry("type", "url")
                .containsEntry("required", true)
                .containsEntry("secret", false)
                .containsEntry("options", List.of())
                .containsKey("help")
                .containsKey("default");
        assertThat(rss.getString("config.find { it.name == 'max-items' }.default"))
                .isEqualTo("100");
        assertThat(rss.getString("config.find { it.name == 'max-items' }.type")).isEqualTo("integer");
        assertThat(rss.getList("config.name", String.class))
                .as("the interval is the platform's setting of each source, not the type's")
                .doesNotContain("interval");
        assertThat(rss.getLong("defaultIntervalSeconds")).isEqualTo(900);
        assertThat(rss.getString("addressField")).isEqualTo("url");

        JsonPath webhook = given().get("/api/plugins/notifier/webhook")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(webhook.getBoolean("config.find { it.name == 'secret' }.secret"))
                .isTrue();
    }

    @Test
    void narrowsTheListByKind() {
        assertThat(given().get("/api/plugins?kind=rule")
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath()
                        .getList("items.kind", String.class))
                .containsOnly("rule");
    }

    @Test
    void unknownKindsAndTypesAreProblems() {
        given().get("/api/plugins?kind=widget")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("field", equalTo("kind"));
        given().get("/api/plugins/source/carrier-pigeon")
                .then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("detail", containsString("rss"));
    }
}
