package io.vigil.web.rule;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.vigil.web.testing.Archive;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A preview's alerts per day count every matching story of the last 30 days, however many more candidates there are
 * than the list of examples shows.
 */
@QuarkusTest
class ExactBacktestTest {

    @Inject
    AgroalDataSource dataSource;

    @BeforeEach
    void archiveIsReady() {
        Archive.awaitReady();
    }

    /** One article to store directly: the day it is from (days ago), its story (index), and whether the rule wants it. */
    private record Planned(int daysAgo, int story, boolean excluded) {}

    @Test
    void alertsPerDayCountEveryMatchingStoryOfThirtyDaysNotTheNewestCandidates() throws Exception {
        String word = "quexalt" + Pushes.unique();
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        List<Planned> planned = new ArrayList<>();
        int[] expected = new int[30];
        int stories = 0;
        // 2,400 stories of one article each, 80 a day: more candidates than the preview's list examines (2,000).
        for (int i = 0; i < 2_400; i++) {
            int daysAgo = i % 30;
            planned.add(new Planned(daysAgo, stories++, false));
            expected[29 - daysAgo]++;
        }
        // 60 stories that run over two days alert once, on their first day.
        for (int i = 0; i < 60; i++) {
            int first = 1 + i % 25;
            planned.add(new Planned(first, stories, false));
            planned.add(new Planned(first - 1, stories++, false));
            expected[29 - first]++;
        }
        // 40 stories that matched 40 days ago alerted then, not in the window, though they match again now.
        for (int i = 0; i < 40; i++) {
            planned.add(new Planned(40, stories, false));
            planned.add(new Planned(i % 30, stories++, false));
        }
        // 90 articles the prefilter finds but the rule turns down.
        for (int i = 0; i < 90; i++) {
            planned.add(new Planned(i % 30, stories++, true));
        }
        store(word, planned, stories, today);

        JsonPath preview = given().contentType(ContentType.JSON)
                .body(Map.of("query", word + " -forbidden", "limit", 5))
                .post("/api/rules/preview")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();

        assertThat(preview.getBoolean("truncated"))
                .as("the list of examples is capped")
                .isTrue();
        List<Map<String, Object>> days = preview.getList("alertsPerDay");
        List<Integer> counted =
                days.stream().map(day -> (Integer) day.get("alerts")).toList();
        List<Integer> wanted = new ArrayList<>();
        for (int count : expected) {
            wanted.add(count);
        }
        assertThat(counted).isEqualTo(wanted);
        assertThat(days.get(29)).containsEntry("date", today.toString());
        int sum = wanted.stream().mapToInt(Integer::intValue).sum();
        assertThat(preview.getDouble("averageAlertsPerDay")).isEqualTo(Math.round(sum * 100.0 / 30) / 100.0);
        assertThat(preview.getInt("historyExamined")).isGreaterThan(2_000);
    }

    /** Writes stories and articles with JDBC batches, as a busy archive would hold them. */
    private void store(String word, List<Planned> planned, int stories, LocalDate today) throws Exception {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            long[] storyIds = new long[stories];
            try (PreparedStatement reserve =
                    connection.prepareStatement("select nextval('story_id_seq') from generate_series(1, ?)")) {
                reserve.setInt(1, stories);
                try (ResultSet ids = reserve.executeQuery()) {
                    for (int i = 0; ids.next(); i++) {
                        storyIds[i] = ids.getLong(1);
                    }
                }
            }
            try (PreparedStatement story = connection.prepareStatement(
                    "insert into story (id, title, article_count, first_seen_at, last_seen_at) values (?, ?, 1, now(), now())")) {
                for (long id : storyIds) {
                    story.setLong(1, id);
                    story.setString(2, word + " story");
                    story.addBatch();
                }
                story.executeBatch();
            }
            try (PreparedStatement article = connection.prepareStatement(
                    "insert into article (source_name, external_id, title, body, published_at, fetched_at,"
                            + " content_hash, minhash, sketch_bands, story_id)"
                            + " values ('Backtest Wire', ?, ?, ?, ?, now(), ?, '{}', '{}', ?)")) {
                int n = 0;
                for (Planned one : planned) {
                    Instant time = today.minusDays(one.daysAgo())
                            .atStartOfDay(ZoneOffset.UTC)
                            .toInstant()
                            .plusSeconds(60L * (n % 600));
                    article.setString(1, word + "-" + n);
                    article.setString(2, "The " + word + " board, item " + n);
                    article.setString(
                            3,
                            "The " + word + " board met again on the day, item " + n + "."
                                    + (one.excluded() ? " The forbidden minutes were read." : ""));
                    article.setTimestamp(4, Timestamp.from(time));
                    article.setString(5, UUID.randomUUID().toString());
                    article.setLong(6, storyIds[one.story()]);
                    article.addBatch();
                    n++;
                }
                article.executeBatch();
            }
            connection.commit();
        }
    }
}
