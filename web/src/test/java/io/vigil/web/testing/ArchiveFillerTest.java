package io.vigil.web.testing;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The benchmarks' archive filler makes an archive that Vigil itself searches and places new articles in. */
@QuarkusTest
class ArchiveFillerTest {

    @Inject
    AgroalDataSource dataSource;

    /** A word no other test writes, new on every run, so the filled articles are found apart from earlier runs'. */
    private final String word = "quorvelt" + Long.toString(System.nanoTime(), 36);

    @BeforeEach
    void archiveIsReady() {
        Archive.awaitReady();
    }

    private List<CorpusArticle> corpus() {
        return List.of(
                new CorpusArticle(
                        "Harbour cranes idle as " + word + " dockers strike",
                        "Dockers at the northern harbour walked out on Monday over a pay offer, leaving the " + word
                                + " cranes idle and ships waiting at anchor.\n\nThe union said talks with the port"
                                + " authority had broken down after three weeks.\n\nShipping lines warned of delays"
                                + " to deliveries of grain and fuel across the region."),
                new CorpusArticle(
                        "Orchard growers count frost losses in " + word + " valley",
                        "Fruit growers in the valley said a late frost had destroyed half of the " + word
                                + " apple blossom.\n\nInsurers were sending assessors to the worst-hit farms this"
                                + " week.\n\nThe regional council promised a relief fund for families who lost a"
                                + " season's income."),
                new CorpusArticle(
                        "Library reopens with " + word + " reading rooms",
                        "The city library reopened on Saturday after two years of repairs, with new " + word
                                + " reading rooms on every floor.\n\nVisitors queued before the doors opened at"
                                + " nine.\n\nThe architects kept the old facade and added a glass roof over the"
                                + " courtyard."));
    }

    @Test
    void filledArticlesStandInStoriesOfTheirOwnAndAreFoundThroughTheFullTextIndex() throws Exception {
        Instant before = Instant.now();
        try (Connection connection = dataSource.getConnection()) {
            ArchiveFiller.fill(connection, corpus(), 7);
        }

        given().get("/api/articles?q=" + word + "&limit=50")
                .then()
                .statusCode(200)
                .body("total", org.hamcrest.Matchers.equalTo(7));
        List<Filled> filled = filled();
        assertThat(filled).hasSize(7);
        assertThat(filled.stream().map(Filled::storyId).distinct()).hasSize(7);
        assertThat(filled).allSatisfy(article -> {
            assertThat(article.storyArticles()).isEqualTo(1);
            assertThat(article.hasKey()).as("article_key row").isTrue();
            assertThat(article.fetchedAt()).isBetween(before.minus(Duration.ofDays(121)), before);
        });
        // The corpus is repeated: the first three are the originals, the rest copies numbered and under other outlets.
        assertThat(filled.get(0).title()).isEqualTo(corpus().get(0).title());
        assertThat(filled.get(3).title()).isEqualTo(corpus().get(0).title() + " (1)");
        assertThat(filled.get(6).title()).isEqualTo(corpus().get(0).title() + " (2)");
        assertThat(filled.stream().map(Filled::outlet).distinct()).containsExactly("outlet-0", "outlet-1", "outlet-2");
        // Stored oldest first, as a real archive is.
        for (int i = 1; i < filled.size(); i++) {
            assertThat(filled.get(i).fetchedAt()).isAfter(filled.get(i - 1).fetchedAt());
        }
        assertThat(indexDefinitions())
                .anySatisfy(definition -> assertThat(definition).contains("article_search_idx"))
                .anySatisfy(definition ->
                        assertThat(definition).contains("article_key_bands_idx").contains("fastupdate=off"));
    }

    @Test
    void aPushedCopyOfAFilledArticleJoinsItsStory() throws Exception {
        try (Connection connection = dataSource.getConnection()) {
            ArchiveFiller.fill(connection, corpus(), 6);
        }
        List<Long> storiesOfTheFirst = filled().stream()
                .filter(article -> article.title().startsWith(corpus().get(1).title()))
                .map(Filled::storyId)
                .toList();
        assertThat(storiesOfTheFirst).hasSize(2);

        long story = given().contentType(ContentType.JSON)
                .body(Map.of(
                        "title", corpus().get(1).title(),
                        "body", corpus().get(1).body(),
                        "source", "Filler Check Wire"))
                .post("/api/ingest")
                .then()
                .statusCode(200)
                .body("articles[0].duplicate", org.hamcrest.Matchers.equalTo(false))
                .extract()
                .jsonPath()
                .getLong("articles[0].storyId");

        // The filler stored Vigil's own fingerprint, so the band index finds the copies as near copies.
        assertThat(storiesOfTheFirst).contains(story);
    }

    private record Filled(
            String title, String outlet, long storyId, int storyArticles, boolean hasKey, Instant fetchedAt) {}

    private List<Filled> filled() throws Exception {
        List<Filled> filled = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement(
                        """
                        select a.title, a.source_name, a.story_id, s.article_count,
                               exists (select 1 from article_key k where k.id = a.id), a.fetched_at
                          from article a join story s on s.id = a.story_id
                         where a.title like ? and a.source_name like 'outlet-%'
                         order by a.id
                        """)) {
            query.setString(1, "%" + word + "%");
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    filled.add(new Filled(
                            rows.getString(1),
                            rows.getString(2),
                            rows.getLong(3),
                            rows.getInt(4),
                            rows.getBoolean(5),
                            rows.getTimestamp(6).toInstant()));
                }
            }
        }
        return filled;
    }

    private List<String> indexDefinitions() throws Exception {
        List<String> definitions = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                Statement query = connection.createStatement();
                ResultSet rows = query.executeQuery("select indexdef from pg_indexes"
                        + " where indexname in ('article_search_idx', 'article_key_bands_idx')")) {
            while (rows.next()) {
                definitions.add(rows.getString(1));
            }
        }
        return definitions;
    }
}
