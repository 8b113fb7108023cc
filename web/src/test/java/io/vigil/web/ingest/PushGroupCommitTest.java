package io.vigil.web.ingest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.vigil.web.testing.Archive;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Single JSON pushes that arrive while others are being stored share a commit ({@link PushGroupCommit}), and each is
 * still answered as it would be alone.
 */
@QuarkusTest
class PushGroupCommitTest {

    @Inject
    AgroalDataSource dataSource;

    @Inject
    MeterRegistry meters;

    private String outlet;

    @BeforeEach
    void archiveIsReady() {
        Archive.awaitReady();
        outlet = "Group Wire " + UUID.randomUUID();
    }

    private String article(String title) {
        return """
                {"title": "%s", "body": "%s, officials said on Wednesday, after a week of talks in the capital.", \
                "source": "%s"}"""
                .formatted(title, title, outlet);
    }

    /**
     * An article the database refuses when it is inserted: {@link #refusingTitlesMarked} makes PostgreSQL raise an error
     * for its title, as a constraint or trigger of a deployment could, after every check at the input has passed.
     */
    private String unstorable(String title) {
        return """
                {"title": "%s %s", "body": "%s, said the ministry in a statement on Thursday morning.", \
                "source": "%s"}"""
                .formatted(title, REFUSED_MARK, title, outlet);
    }

    private static final String REFUSED_MARK = "refused-by-the-database";

    /** Runs {@code body} while PostgreSQL refuses to insert any article whose title holds {@link #REFUSED_MARK}. */
    private void refusingTitlesMarked(ThrowingRunnable body) throws Exception {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute(
                    """
                    create or replace function test_refuse_marked_article() returns trigger language plpgsql as $$
                    begin
                      if new.title like '%%%s%%' then
                        raise exception 'test trigger refuses this article';
                      end if;
                      return new;
                    end $$"""
                            .formatted(REFUSED_MARK));
            statement.execute("create trigger test_refuse_marked_article before insert on article"
                    + " for each row execute function test_refuse_marked_article()");
            try {
                body.run();
            } finally {
                statement.execute("drop trigger test_refuse_marked_article on article");
                statement.execute("drop function test_refuse_marked_article()");
            }
        }
    }

    private interface ThrowingRunnable {
        void run() throws Exception;
    }

    /** Valid JSON, but its body is only a zero-width space, so it holds no article worth storing. */
    private String unusable() {
        return """
                {"title": "Blank %s", "body": "\\u200b", "source": "%s"}"""
                .formatted(UUID.randomUUID(), outlet);
    }

    private static ExtractableResponse<Response> push(String json) {
        return given().contentType("application/json")
                .body(json.getBytes(StandardCharsets.UTF_8))
                .post("/api/ingest")
                .then()
                .extract();
    }

    private long storedFromOutlet(String title) throws Exception {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement(
                        "select count(*) from article where source_name = ? and title = ?")) {
            query.setString(1, outlet);
            query.setString(2, title);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    @Test
    void concurrentPushesFromManyThreadsAreEachAnsweredAndStoredOnce() throws Exception {
        int pushes = 80;
        ExecutorService clients = Executors.newFixedThreadPool(16);
        try {
            List<Future<ExtractableResponse<Response>>> answers = new ArrayList<>();
            for (int i = 0; i < pushes; i++) {
                String json = article("Harbour crane order number " + i + " for " + outlet);
                answers.add(clients.submit(() -> push(json)));
            }
            Set<Long> ids = new HashSet<>();
            for (int i = 0; i < pushes; i++) {
                ExtractableResponse<Response> answer = answers.get(i).get();
                assertThat(answer.statusCode()).as(answer.body().asString()).isEqualTo(200);
                JsonPath json = answer.jsonPath();
                assertThat(json.getString("articles[0].title"))
                        .isEqualTo("Harbour crane order number " + i + " for " + outlet);
                assertThat(json.getBoolean("articles[0].duplicate")).isFalse();
                ids.add(json.getLong("articles[0].id"));
            }
            assertThat(ids).hasSize(pushes);
            for (int i = 0; i < pushes; i++) {
                assertThat(storedFromOutlet("Harbour crane order number " + i + " for " + outlet))
                        .isEqualTo(1);
            }
        } finally {
            clients.shutdownNow();
        }
    }

    @Test
    void aGroupWithACopyAndAnUnusableDocumentAnswersEachPushAsItWouldBeAnsweredAlone() throws Exception {
        String first = article("Ferry fares frozen until spring in " + outlet);
        String unusable = unusable();
        ExtractableResponse<Response> stored = push(first);
        ExtractableResponse<Response> alone = push(unusable);
        assertThat(stored.statusCode()).isEqualTo(200);
        assertThat(alone.statusCode()).isEqualTo(422);

        List<ExtractableResponse<Response>> answers = pushedAsOneGroup(
                article("Bridge repairs start on Monday in " + outlet),
                List.of(
                        first,
                        unusable,
                        article("Tram line extended to the airport in " + outlet),
                        article("Library opens on Sundays in " + outlet)),
                3);

        assertThat(answers.get(0).statusCode()).isEqualTo(200);
        ExtractableResponse<Response> copy = answers.get(1);
        assertThat(copy.statusCode()).isEqualTo(200);
        assertThat(copy.jsonPath().getBoolean("articles[0].duplicate")).isTrue();
        assertThat(copy.jsonPath().getLong("articles[0].id"))
                .isEqualTo(stored.jsonPath().getLong("articles[0].id"));
        assertThat(copy.jsonPath().getLong("articles[0].storyId"))
                .isEqualTo(stored.jsonPath().getLong("articles[0].storyId"));
        assertThat(copy.jsonPath().getString("articles[0].title"))
                .isEqualTo(stored.jsonPath().getString("articles[0].title"));
        assertThat(answers.get(2).statusCode()).isEqualTo(422);
        assertThat(answers.get(2).body().asString()).isEqualTo(alone.body().asString());
        for (ExtractableResponse<Response> neighbour : List.of(answers.get(3), answers.get(4))) {
            assertThat(neighbour.statusCode()).isEqualTo(200);
            assertThat(neighbour.jsonPath().getBoolean("articles[0].duplicate")).isFalse();
        }
        assertThat(storedFromOutlet("Ferry fares frozen until spring in " + outlet))
                .isEqualTo(1);
        assertThat(storedFromOutlet("Tram line extended to the airport in " + outlet))
                .isEqualTo(1);
    }

    @Test
    void aDocumentThatFailsToBeStoredFailsAloneAndItsNeighboursAreStored() throws Exception {
        refusingTitlesMarked(() -> {
            ExtractableResponse<Response> alone = push(unstorable("Customs strike " + UUID.randomUUID()));
            assertThat(alone.statusCode()).isEqualTo(500);

            List<ExtractableResponse<Response>> answers = pushedAsOneGroup(
                    article("Airport curfew eased in " + outlet),
                    List.of(
                            article("Port dredging delayed in " + outlet),
                            unstorable("Customs strike " + UUID.randomUUID()),
                            article("Night buses return in " + outlet)),
                    3);

            assertThat(answers.get(2).statusCode()).isEqualTo(alone.statusCode());
            assertThat(answers.get(2).body().asString()).isEqualTo(alone.body().asString());
            for (int neighbour : List.of(0, 1, 3)) {
                assertThat(answers.get(neighbour).statusCode())
                        .as(answers.get(neighbour).body().asString())
                        .isEqualTo(200);
            }
            assertThat(storedFromOutlet("Port dredging delayed in " + outlet)).isEqualTo(1);
            assertThat(storedFromOutlet("Night buses return in " + outlet)).isEqualTo(1);
        });
    }

    /**
     * Pushes {@code leader}, holds its commit (a lock on the archive that its insert waits for) until {@code joining} of
     * {@code followers} wait behind it (an unusable one is answered at once), then lets it go: those are stored as one
     * group. Checks that they were.
     */
    private List<ExtractableResponse<Response>> pushedAsOneGroup(String leader, List<String> followers, int joining)
            throws Exception {
        DistributionSummary groups = meters.summary("vigil.ingest.push.group");
        long groupsBefore = groups.count();
        double pushesBefore = groups.totalAmount();
        ExecutorService clients = Executors.newFixedThreadPool(1 + followers.size());
        try (Connection blocker = dataSource.getConnection()) {
            blocker.setAutoCommit(false);
            try (Statement statement = blocker.createStatement()) {
                statement.execute("lock table article in share mode");
            }
            List<Future<ExtractableResponse<Response>>> answers = new ArrayList<>();
            answers.add(clients.submit(() -> push(leader)));
            await().atMost(Duration.ofSeconds(30)).until(() -> groups.count() == groupsBefore + 1);
            for (String follower : followers) {
                answers.add(clients.submit(() -> push(follower)));
            }
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> meters.get("vigil.ingest.push.waiting").gauge().value() == joining);
            blocker.rollback();
            List<ExtractableResponse<Response>> done = new ArrayList<>();
            for (Future<ExtractableResponse<Response>> answer : answers) {
                done.add(answer.get());
            }
            assertThat(groups.count()).isEqualTo(groupsBefore + 2);
            assertThat(groups.totalAmount()).isEqualTo(pushesBefore + 1 + joining);
            return done;
        } finally {
            clients.shutdownNow();
        }
    }
}
