package io.vigil.web.rule;

import static io.restassured.RestAssured.given;
import static io.vigil.web.rule.Pushes.alertsOf;
import static io.vigil.web.rule.Pushes.createRule;
import static io.vigil.web.rule.Pushes.distinctBody;
import static io.vigil.web.rule.Pushes.push;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.vigil.web.rule.Pushes.Pushed;
import io.vigil.web.testing.Archive;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A saved rule matches every new article from the next one on: a match opens an alert per (rule, story) with the
 * passages that matched, a copy from another outlet joins it, and rule changes take effect without a restart.
 */
@QuarkusTest
class LiveMatchingTest {

    @Inject
    EntityManager entityManager;

    @BeforeEach
    void archiveIsReady() {
        Archive.awaitReady();
    }

    @Test
    void aMatchingPushedArticleRaisesAnAlertWithTheTermsMarked() {
        long ruleId = createRule("zanthor fortification");
        String body = distinctBody("Engineers began the zanthor fortifications along the northern line on Monday,"
                + " the army said in a statement.");

        Pushed article = push("Army Builds New Line", body, "Wire One");

        JsonPath alerts = alertsOf(ruleId);
        assertThat(alerts.getInt("total")).isEqualTo(1);
        assertThat(alerts.getLong("items[0].storyId")).isEqualTo(article.storyId());
        assertThat(alerts.getInt("items[0].articleCount")).isEqualTo(1);
        assertThat(alerts.getString("items[0].ruleName")).isEqualTo("zanthor fortification");
        assertThat(alerts.getBoolean("items[0].muted")).isFalse();
        String text = alerts.getString("items[0].snippets[0].text");
        List<List<Integer>> marks = alerts.getList("items[0].snippets[0].marks");
        assertThat(marks)
                .extracting(mark -> text.substring(mark.get(0), mark.get(1)))
                .containsExactly("zanthor", "fortifications");
        assertThat(alerts.getString("items[0].snippets[0].html"))
                .contains("<mark>zanthor</mark> <mark>fortifications</mark>");
        assertThat(alerts.getList("items[0].articles.id", Long.class)).containsExactly(article.articleId());

        given().get("/api/articles/" + article.articleId() + "/matches")
                .then()
                .statusCode(200)
                .body("ruleId", org.hamcrest.Matchers.contains((int) ruleId))
                .body("[0].matchedTerms", org.hamcrest.Matchers.hasItems("zanthor", "fortification"));
    }

    @Test
    void aNearCopyFromAnotherOutletJoinsTheAlertInsteadOfOpeningOne() {
        long ruleId = createRule("velmorin border");
        String body = distinctBody("Velmorin troops reinforced the border crossing overnight, officials said.");
        Pushed first = push("Velmorin Reinforces Border", body, "Wire One");

        Pushed copy = push("Velmorin reinforces its border", body.replace("overnight", "on Sunday night"), "Wire Two");

        assertThat(copy.storyId()).as("the copy joins the story").isEqualTo(first.storyId());
        JsonPath alerts = alertsOf(ruleId);
        assertThat(alerts.getInt("total")).isEqualTo(1);
        assertThat(alerts.getInt("items[0].articleCount")).isEqualTo(2);
        assertThat(alerts.getList("items[0].articles.source", String.class)).containsExactly("Wire One", "Wire Two");
        assertThat(alerts.getList("items[0].articles.id", Long.class))
                .containsExactly(first.articleId(), copy.articleId());
    }

    @Test
    void anArticleThatDoesNotMatchRaisesNothing() {
        long ruleId = createRule("quorvish NEAR/3 embargo");

        push("Quorvish Talks Continue", distinctBody("Quorvish delegates met again; trade was not discussed."), "Wire");
        push(
                "Embargo Debated",
                distinctBody("The embargo was debated at length. Much later, someone mentioned Quorvish."),
                "Wire");

        assertThat(alertsOf(ruleId).getInt("total")).isZero();
        assertThat(given().get("/api/rules/" + ruleId)
                        .then()
                        .extract()
                        .jsonPath()
                        .getInt("matchCount"))
                .isZero();
    }

    @Test
    void editingDisablingAndDeletingARuleTakeEffectForTheNextArticle() {
        long ruleId = createRule("brimwold");
        push("Brimwold Floods", distinctBody("Floods reached Brimwold on Friday."), "Wire");
        assertThat(alertsOf(ruleId).getInt("total")).isEqualTo(1);

        given().contentType(ContentType.JSON)
                .body(Map.of("query", "tesselby"))
                .put("/api/rules/" + ruleId)
                .then()
                .statusCode(200)
                .body("query", org.hamcrest.Matchers.equalTo("tesselby"))
                .body("name", org.hamcrest.Matchers.equalTo("tesselby"));
        push("Brimwold Rebuilds", distinctBody("Brimwold began to rebuild its bridges."), "Wire");
        assertThat(alertsOf(ruleId).getInt("total"))
                .as("the old query no longer matches")
                .isEqualTo(1);
        push("Tesselby Votes", distinctBody("Tesselby voted for a new council."), "Wire");
        assertThat(alertsOf(ruleId).getInt("total")).as("the new query matches").isEqualTo(2);

        given().contentType(ContentType.JSON)
                .body(Map.of("enabled", false))
                .put("/api/rules/" + ruleId)
                .then()
                .statusCode(200)
                .body("enabled", org.hamcrest.Matchers.equalTo(false));
        push("Tesselby Counts", distinctBody("Tesselby counted the votes twice."), "Wire");
        assertThat(alertsOf(ruleId).getInt("total"))
                .as("a disabled rule matches nothing")
                .isEqualTo(2);

        given().contentType(ContentType.JSON)
                .body(Map.of("enabled", true))
                .put("/api/rules/" + ruleId)
                .then()
                .statusCode(200);
        push("Tesselby Celebrates", distinctBody("Tesselby celebrated the result."), "Wire");
        assertThat(alertsOf(ruleId).getInt("total")).as("enabled again").isEqualTo(3);

        given().delete("/api/rules/" + ruleId).then().statusCode(204);
        Pushed after = push("Tesselby Rests", distinctBody("Tesselby rested after the count."), "Wire");
        given().get("/api/rules/" + ruleId).then().statusCode(404);
        assertThat(alertsOf(ruleId).getInt("total")).isZero();
        given().get("/api/articles/" + after.articleId() + "/matches")
                .then()
                .statusCode(200)
                .body("size()", org.hamcrest.Matchers.equalTo(0));
    }

    @Test
    void aRuleSavedByAnotherInstanceIsPickedUpWithoutARestart() {
        // Another Vigil sharing the database writes the rule table directly; this one notices the changed stamp.
        QuarkusTransaction.requiringNew().run(() -> entityManager
                .createNativeQuery("insert into rule (name, query) values ('other instance', 'korrendal')")
                .executeUpdate());
        long ruleId = QuarkusTransaction.requiringNew().call(() -> ((Number) entityManager
                        .createNativeQuery("select id from rule where query = 'korrendal'")
                        .getSingleResult())
                .longValue());

        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> {
                    push("Korrendal Harbour", distinctBody("Korrendal harbour reopened to ships."), "Wire");
                    assertThat(alertsOf(ruleId).getInt("total")).isPositive();
                });
    }

    @Test
    void arabicAndAccentedArticlesAreIngestedAndMatched() {
        long arabic = createRule("العراق سوريا");
        long accented = createRule("\"sao paulo\" cafe zerbino");

        push(
                "العراق يعزز تحصيناته على الحدود مع سوريا",
                "أعلنت قيادة العمليات المشتركة في العراق، يوم الأحد، أنها عززت التحصينات على طول الحدود مع سوريا."
                        + " وقال المتحدث إن القوات نشرت كاميرات حرارية جديدة.\n\nوأضاف أن الوضع الأمني مستقر تماماً.",
                "الشرق الأوسط");
        push(
                "Zerbino abre um café em São Paulo",
                distinctBody("O café Zerbino abriu em São Paulo, na avenida Paulista, com fila à porta."),
                "Folha");

        assertThat(alertsOf(arabic).getInt("total")).isEqualTo(1);
        assertThat(alertsOf(arabic).getString("items[0].snippets[0].html")).contains("<mark>");
        assertThat(alertsOf(accented).getInt("total")).isEqualTo(1);
        assertThat(alertsOf(accented).getString("items[0].snippets[0].html"))
                .contains("<mark>São Paulo</mark>")
                .contains("<mark>café</mark>");
    }
}
