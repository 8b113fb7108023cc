package io.vigil.web.rule;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vigil.engine.watch.RuleBook;
import io.vigil.spi.rule.CompiledRule;
import io.vigil.spi.rule.MatchInput;
import io.vigil.web.testing.Archive;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A preview's alerts per day equal what a brute-force run decides: every stored article analysed and matched by the
 * real rule, no prefilter, no skipping, then one alert per story on the day of its first matching article (none for a
 * story that matched before the 30 days). Rules with NOT, OR, phrases, wildcards, proximity, acronyms and concepts
 * (members of several words too),
 * over a few thousand generated articles of 40 days, some stories several articles long, with words that PostgreSQL's
 * parser glues to their neighbours ("HIV/Aids", "U.S.-led", "<BP.L>") and accented words ("Bogotá"), which the
 * prefilter must still find.
 */
@QuarkusTest
class BacktestBruteForceTest {

    private static final List<String> RULES = List.of(
            "Ukraine AND (drone* OR missile*)",
            "(strike OR protest) -football",
            "\"interest rates\"",
            "Blair NEAR/5 election",
            "US forces Iraq",
            "fortif*",
            "border fortification",
            "title:(Iraq OR Syria)",
            "\"armed group\" -football",
            "-the",
            // Words PostgreSQL's parser glues to their neighbours ("HIV/Aids", "x.IED", "<BP.L>", "U.S."):
            "aids OR demand",
            "IED",
            "BP shares",
            "US coalition",
            // and accents, which Vigil folds:
            "Bogota OR Turkiye",
            // Words Vigil reads joined when an article writes them with a hyphen ("anti-aircraft", "cease-fire").
            "antiaircraft OR ceasefire",
            // An OR of conjunctions, and concepts whose members are several words ("Deir ez-Zor", "fire … rocket
            // at", "hit by … drone"): the prefilter asks for every selective word of such a member.
            "(Blair AND election) OR (Brown AND vote)",
            "Syria OR Lebanon");

    private static final String[] SENTENCES = {
        "Ukraine said drones hit a depot overnight.",
        "Missiles were fired at Kyiv, Ukraine reported.",
        "Workers went on strike at the port.",
        "A protest against the plan drew thousands.",
        "The football club said the strike would not affect the match.",
        "The bank raised interest rates again.",
        "Rates of interest on savings stayed low.",
        "Blair said the election would be close.",
        "The election was called by Blair after a long and very public row.",
        "U.S. forces left a base in Iraq.",
        "US forces were seen near the Syrian border.",
        "A new fence went up at the border.",
        "Engineers fortified the embankment.",
        "The border wall was extended by ten miles.",
        "Militants attacked a checkpoint.",
        "An armed group seized the town.",
        "Prices rose in Syria and Iraq.",
        "Markets closed higher on Tuesday.",
        "Officials met to discuss trade.",
        "Clinics ran short of HIV/Aids drugs.",
        "Supply/demand figures were revised.",
        "An IED/mine blast hit a patrol.",
        "The convoy was hit by an I.E.D. near the road.",
        "A blast at checkpoint.IED experts came later.",
        "<BP.L> shares fell two percent.",
        "The U.S.-led coalition left the area.",
        "A US coalition partner said so.",
        "Crowds gathered in Bogot\u00e1 on Friday.",
        "T\u00fcrkiye closed the crossing.",
        "Anti-aircraft guns fired over the city.",
        "Both sides agreed a cease-fire on Sunday.",
        "Rebels fired two rockets at the base.",
        "The depot was struck by a drone before dawn.",
        "Artillery fire shook the village.",
        "Students staged a sit-in at the ministry.",
        "A car bomb went off downtown.",
        "The fire spread to a car park.",
        "Brown said the vote would be close.",
        "Shelling was reported in Deir ez-Zor.",
        "Troops moved along the Golan Heights.",
    };

    private static final String[] TITLES = {
        "Iraq talks resume", "Syria border news", "Markets today", "Strike update", "Election latest", "Ukraine report"
    };

    @Inject
    AgroalDataSource dataSource;

    @Inject
    RuleBook book;

    @BeforeEach
    void archiveIsReady() {
        Archive.awaitReady();
    }

    /**
     * The other tests share this archive: 3,000 articles newer than the seeds would push the seeds out of their
     * previews and searches, so the generated articles and their stories go when this test ends.
     */
    @AfterEach
    void leaveTheArchiveAsFound() throws SQLException {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement()) {
            List<Long> stories = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery(
                    "select distinct story_id from article where source_name = 'Generated Wire'")) {
                while (rows.next()) {
                    stories.add(rows.getLong(1));
                }
            }
            statement.executeUpdate("delete from article where source_name = 'Generated Wire'");
            try (PreparedStatement delete =
                    connection.prepareStatement("delete from story where id = any(?) and not exists"
                            + " (select 1 from article where article.story_id = story.id)")) {
                delete.setArray(1, connection.createArrayOf("bigint", stories.toArray()));
                delete.executeUpdate();
            }
        }
    }

    @Test
    void previewCountsEqualBruteForceMatching() throws Exception {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        store(3_000, new Random(20261202L), today);
        for (String rule : RULES) {
            // The seed sources may still be storing articles: compare over an archive that stayed still meanwhile.
            await().atMost(Duration.ofMinutes(2)).untilAsserted(() -> {
                Map<Long, Article> before = everyStoredArticle();
                List<Integer> previewed = given().contentType(ContentType.JSON)
                        .body(Map.of("query", rule, "limit", 5))
                        .post("/api/rules/preview")
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath()
                        .getList("alertsPerDay.alerts", Integer.class);
                assertThat(everyStoredArticle().keySet())
                        .as("the archive did not change during the preview")
                        .isEqualTo(before.keySet());
                List<Integer> bruteForce = bruteForce(book.compile("query", rule), before, today);
                assertThat(bruteForce.stream().mapToInt(Integer::intValue).sum())
                        .as("rule %s matches some stories, so the comparison means something", rule)
                        .isPositive();
                assertThat(previewed).as("alerts per day of %s", rule).isEqualTo(bruteForce);
            });
        }
    }

    private record Article(
            long id, String title, String body, String source, String language, long storyId, Instant time) {}

    /** Every article of 40 days, the rule run on each: alerts per day of the last 30, oldest day first. */
    private List<Integer> bruteForce(CompiledRule rule, Map<Long, Article> archive, LocalDate today) {
        Map<Long, Instant> firstMatch = new HashMap<>();
        for (Article article : archive.values()) {
            MatchInput input =
                    book.analyzer().analyze(article.title(), article.body(), article.source(), article.language());
            boolean matches;
            try {
                matches = rule.match(input).isPresent();
            } catch (RuntimeException e) {
                matches = false;
            }
            if (matches) {
                firstMatch.merge(article.storyId(), article.time(), (a, b) -> a.isBefore(b) ? a : b);
            }
        }
        LocalDate first = today.minusDays(29);
        int[] perDay = new int[30];
        for (Instant time : firstMatch.values()) {
            long day = LocalDate.ofInstant(time, ZoneOffset.UTC).toEpochDay() - first.toEpochDay();
            if (day >= 0 && day < 30) {
                perDay[(int) day]++;
            }
        }
        List<Integer> counts = new ArrayList<>();
        for (int count : perDay) {
            counts.add(count);
        }
        return counts;
    }

    private Map<Long, Article> everyStoredArticle() throws Exception {
        Map<Long, Article> articles = new HashMap<>();
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(
                        "select id, title, body, source_name, language, story_id, coalesce(published_at, fetched_at)"
                                + " from article")) {
            while (rows.next()) {
                articles.put(
                        rows.getLong(1),
                        new Article(
                                rows.getLong(1),
                                rows.getString(2),
                                rows.getString(3),
                                rows.getString(4),
                                rows.getString(5),
                                rows.getLong(6),
                                rows.getTimestamp(7).toInstant()));
            }
        }
        return articles;
    }

    /** Generated articles over the last 40 days; about one in five joins an earlier story. */
    private void store(int count, Random random, LocalDate today) throws Exception {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            long[] storyIds = new long[count];
            try (PreparedStatement reserve =
                    connection.prepareStatement("select nextval('story_id_seq') from generate_series(1, ?)")) {
                reserve.setInt(1, count);
                try (ResultSet ids = reserve.executeQuery()) {
                    for (int i = 0; ids.next(); i++) {
                        storyIds[i] = ids.getLong(1);
                    }
                }
            }
            try (PreparedStatement story = connection.prepareStatement(
                    "insert into story (id, title, article_count, first_seen_at, last_seen_at)"
                            + " values (?, 'generated', 1, now(), now())")) {
                for (long id : storyIds) {
                    story.setLong(1, id);
                    story.addBatch();
                }
                story.executeBatch();
            }
            try (PreparedStatement article = connection.prepareStatement(
                    "insert into article (source_name, external_id, title, body, published_at, fetched_at,"
                            + " content_hash, minhash, sketch_bands, story_id)"
                            + " values ('Generated Wire', ?, ?, ?, ?, now(), ?, '{}', '{}', ?)")) {
                for (int i = 0; i < count; i++) {
                    StringBuilder body = new StringBuilder();
                    int sentences = 1 + random.nextInt(4);
                    for (int s = 0; s < sentences; s++) {
                        body.append(s == 0 ? "" : random.nextInt(3) == 0 ? "\n\n" : " ")
                                .append(SENTENCES[random.nextInt(SENTENCES.length)]);
                    }
                    Instant time = today.minusDays(random.nextInt(40))
                            .atStartOfDay(ZoneOffset.UTC)
                            .toInstant()
                            .plusSeconds(random.nextInt(86_400));
                    int story = i > 10 && random.nextInt(5) == 0 ? random.nextInt(i) : i;
                    article.setString(1, "generated-" + i);
                    article.setString(2, TITLES[random.nextInt(TITLES.length)] + " " + i);
                    article.setString(3, body.toString());
                    article.setTimestamp(4, Timestamp.from(time));
                    article.setString(5, UUID.randomUUID().toString());
                    article.setLong(6, storyIds[story]);
                    article.addBatch();
                }
                article.executeBatch();
            }
            connection.commit();
        }
    }
}
