package io.vigil.web.source;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.vigil.engine.article.Article;
import io.vigil.engine.source.ConfiguredSource;
import io.vigil.web.testing.Archive;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A new install ingests the seeds folder by itself, into exactly the eight distinct articles it holds. */
@QuarkusTest
class SeedsIngestTest {

    static final Set<String> SEED_TITLES = Set.of(
            "Iraqi Army Tightens Security on Border with Syria",
            "Israel Shocks Lebanon with Plan to Link Withdrawal to Normalization",
            "Iraq Fortifies 80% of Its Border with Syria",
            "Lavrov: Moscow Maintains Communication with Damascus, Will Not Withdraw from the Region",
            "Fearing An Invasion By Terrorists, Iraq Is Reinforcing Its Border With Syria",
            "Iraq Forms Security Crisis Cell to Coordinate with Syria",
            "Iraqi Foreign Minister: We Are Not Part of the ‘Axis of Resistance’",
            "Israel Attacks Yemeni Ports, Warns That Houthi Leader Is a Target");

    @BeforeEach
    void seedsAreIngested() {
        Archive.awaitReady();
        await().atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> assertThat(seedsSource().lastSuccessAt).isNotNull());
    }

    private static ConfiguredSource seedsSource() {
        return QuarkusTransaction.requiringNew().call(() -> ConfiguredSource.findByName("seeds")
                .orElseThrow(() -> new AssertionError("no seeds source")));
    }

    private static List<Article> seedArticles() {
        return QuarkusTransaction.requiringNew().call(() -> Article.list("sourceName", "seeds"));
    }

    @Test
    void aNewInstallIngestsTheEightDistinctSeedArticles() {
        List<Article> articles = seedArticles();

        assertThat(articles).extracting(a -> a.title).containsExactlyInAnyOrderElementsOf(SEED_TITLES);
        assertThat(articles.stream().map(a -> a.story.id).collect(Collectors.toSet()))
                .as("distinct articles are distinct stories")
                .hasSize(8);
    }

    @Test
    void seedBodiesStartAtTheLedeAndCarryNoPageFurniture() {
        for (Article article : seedArticles()) {
            assertThat(article.body)
                    .as(article.title)
                    .doesNotStartWith(article.title)
                    .doesNotContain("\nTT\n")
                    .doesNotContain("Notify of")
                    .doesNotContain("____")
                    .doesNotContain("(AFP)\n");
            List<String> paragraphs = List.of(article.body.split("\n\n"));
            assertThat(paragraphs).as("each paragraph once in " + article.title).doesNotHaveDuplicates();
        }
        Article fortifies = seedArticles().stream()
                .filter(a -> a.title.startsWith("Iraq Fortifies"))
                .findFirst()
                .orElseThrow();
        assertThat(fortifies.body).startsWith("Major General Yahya Rasool");
    }

    @Test
    void fetchingAgainOrForgettingTheCursorAddsNoArticle() {
        long id = seedsSource().id;
        long before = seedArticles().size();

        given().post("/api/sources/" + id + "/fetch").then().statusCode(200).body("newArticles", equalTo(0));

        // As after a restart that lost the cursor: every file is read again, every article is a duplicate.
        QuarkusTransaction.requiringNew().run(() -> {
            ConfiguredSource source = ConfiguredSource.findById(id);
            source.cursor = new HashMap<>();
        });
        given().post("/api/sources/" + id + "/fetch")
                .then()
                .statusCode(200)
                .body("newArticles", equalTo(0))
                .body("duplicates", equalTo(9));

        assertThat(seedArticles()).hasSize((int) before);
    }
}
