package io.vigil.web.bus;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.vigil.web.testing.Archive;
import io.vigil.web.testing.FeedServer;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * {@code vigil.bus=kafka} against a real KRaft broker in this JVM: pushes are accepted once the broker has them, the
 * consumer stores them exactly once and matches them, copies of a story land in one story, a redelivery after a
 * consumer restart stores nothing twice, and a stopped broker makes pushes answer 503.
 */
@QuarkusTest
@TestProfile(KafkaBusTest.OnKafka.class)
@QuarkusTestResource(value = KafkaBroker.class, restrictToAnnotatedClass = true)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KafkaBusTest {

    private static final String NDJSON = "application/x-ndjson";

    /** Its own profile, so the Kafka settings reach only this test's application. */
    public static class OnKafka implements QuarkusTestProfile {}

    /** A word no other test's article holds, so the rule matches only this test's pushes. */
    private static final String TAG = randomWord();

    private static final String FIRST_OUTLET = "Bus Wire " + TAG;
    private static final String SECOND_OUTLET = "Bus Post " + TAG;

    @Inject
    DataSource dataSource;

    @Inject
    KafkaArticleBus bus;

    @BeforeEach
    void archiveIsReady() {
        Archive.awaitReady();
    }

    private static String randomWord() {
        StringBuilder word = new StringBuilder("kfk");
        for (int i = 0; i < 10; i++) {
            word.append((char) ('a' + ThreadLocalRandom.current().nextInt(26)));
        }
        return word.toString();
    }

    /** Bodies of unrelated stories, so that only copies of one story share a story. */
    private static final Map<String, String> BODIES = Map.of(
            "Harbour levy ends",
            "the harbour authority said on Wednesday that the %s levy on container ships ends in May, after a week"
                    + " of talks with the shipping lines over berth fees.",
            "Rail strike called off",
            "drivers' union leaders accepted a pay offer late on Tuesday night and the %s walkout planned for"
                    + " Friday will not go ahead, the national operator confirmed.",
            "Ferry timetable restored",
            "island councillors welcomed the return of the winter %s crossings, which storms had cut to one"
                    + " sailing a day since the start of November.",
            "Bridge closed",
            "engineers found cracks in two %s bearings during an inspection.",
            "Tunnel closed",
            "a flooded %s approach road shut the tunnel in both directions.");

    private static String article(String headline, String outlet) {
        return """
                {"title": "%s %s", "body": "%s", "source": "%s", "publishedAt": "2026-11-30T09:00:00Z"}"""
                .formatted(headline, TAG, BODIES.get(headline).formatted(TAG), outlet);
    }

    private long count(String sql) {
        return count(sql, TAG);
    }

    private long count(String sql, String word) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, "%" + word + "%");
            try (ResultSet row = statement.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private long articles() {
        return count("select count(*) from article where title like ?");
    }

    private long stories() {
        return count("select count(distinct story_id) from article where title like ?");
    }

    private long alerts() {
        return count("select count(*) from alert a join rule r on r.id = a.rule_id where r.name like ?");
    }

    @Test
    @Order(1)
    void pushesAreAcceptedThenStoredOnceMatchedAndCopiesMeetInOneStory() {
        given().contentType(ContentType.JSON)
                .body(Map.of("name", "Bus rule " + TAG, "query", TAG))
                .post("/api/rules")
                .then()
                .statusCode(201);

        given().contentType(ContentType.JSON)
                .body(article("Harbour levy ends", FIRST_OUTLET).getBytes(StandardCharsets.UTF_8))
                .post("/api/ingest")
                .then()
                .statusCode(202)
                .body("outcome", equalTo("accepted"))
                .body("documents", equalTo(1));

        String batch = String.join(
                "\n",
                article("Harbour levy ends", SECOND_OUTLET),
                "{\"body\": \"no headline\"}",
                article("Rail strike called off", SECOND_OUTLET));
        given().contentType(NDJSON)
                .body(batch.getBytes(StandardCharsets.UTF_8))
                .post("/api/ingest")
                .then()
                .statusCode(202)
                .body("accepted", equalTo(2))
                .body("refused", equalTo(1))
                .body("lines.outcome", org.hamcrest.Matchers.contains("accepted", "refused", "accepted"))
                .body("lines[1].field", equalTo("title"));

        await().atMost(Duration.ofSeconds(20)).until(() -> articles() == 3 && alerts() == 2);
        assertThat(stories())
                .as("the two copies of the harbour story are one story")
                .isEqualTo(2);
    }

    @Test
    @Order(0)
    void theApplicationCreatesTheTopicAndItsConsumersShareThePartitions() throws Exception {
        try (Admin admin =
                Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBroker.bootstrapServers))) {
            assertThat(admin.describeTopics(List.of(KafkaBroker.TOPIC))
                            .allTopicNames()
                            .get()
                            .get(KafkaBroker.TOPIC)
                            .partitions())
                    .as("made at start with vigil.bus.partitions")
                    .hasSize(KafkaBroker.PARTITIONS);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                var members = admin.describeConsumerGroups(List.of("vigil"))
                        .all()
                        .get()
                        .get("vigil")
                        .members();
                assertThat(members).as("vigil.bus.consumers members").hasSize(KafkaBroker.CONSUMERS);
                assertThat(members)
                        .allSatisfy(member -> assertThat(member.assignment().topicPartitions())
                                .isNotEmpty());
                assertThat(members.stream()
                                .mapToInt(member ->
                                        member.assignment().topicPartitions().size())
                                .sum())
                        .isEqualTo(KafkaBroker.PARTITIONS);
            });
        }
    }

    @Test
    @Order(2)
    void aSourcesFetchGoesThroughTheBusAndIsStoredOnce() throws Exception {
        String feedTag = randomWord();
        try (FeedServer feeds = new FeedServer()) {
            feeds.serve(
                    "/bus.xml",
                    "application/rss+xml",
                    FeedServer.rss(
                            "Bus Gazette " + feedTag,
                            List.of("Quay cranes idle " + feedTag, "Lock gates mended " + feedTag)));
            int source = given().contentType(ContentType.JSON)
                    .body(Map.of(
                            "type",
                            "rss",
                            "name",
                            "Bus Gazette " + feedTag,
                            "config",
                            Map.of("url", feeds.url("/bus.xml")),
                            "enabled",
                            false))
                    .post("/api/sources")
                    .then()
                    .statusCode(201)
                    .extract()
                    .path("id");

            given().post("/api/sources/" + source + "/fetch")
                    .then()
                    .statusCode(200)
                    .body("failed", equalTo(0))
                    .body("error", org.hamcrest.Matchers.nullValue());
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> count("select count(*) from article where title like ?", feedTag) == 2);
            given().post("/api/sources/" + source + "/fetch").then().statusCode(200);
            given().get("/api/sources/" + source).then().body("health.lastError", org.hamcrest.Matchers.nullValue());
            // The second fetch's documents are new to the feed's cursor or not; either way the store keeps one copy.
            await().during(Duration.ofSeconds(2))
                    .atMost(Duration.ofSeconds(10))
                    .until(() -> count("select count(*) from article where title like ?", feedTag) == 2);
        }
    }

    @Test
    @Order(3)
    void aRedeliveryAfterAConsumerRestartStoresNothingTwice() throws Exception {
        bus.stopConsumer();
        // Rewind the group to the start of every partition: everything is delivered again.
        try (Admin admin =
                Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBroker.bootstrapServers))) {
            Map<TopicPartition, OffsetAndMetadata> start = new HashMap<>();
            for (int p = 0; p < KafkaBroker.PARTITIONS; p++) {
                start.put(new TopicPartition(KafkaBroker.TOPIC, p), new OffsetAndMetadata(0));
            }
            await().atMost(Duration.ofSeconds(20))
                    .ignoreExceptions()
                    .untilAsserted(() -> admin.alterConsumerGroupOffsets("vigil", start)
                            .all()
                            .get());
        }
        given().contentType(ContentType.JSON)
                .body(article("Ferry timetable restored", FIRST_OUTLET).getBytes(StandardCharsets.UTF_8))
                .post("/api/ingest")
                .then()
                .statusCode(202);
        assertThat(articles())
                .as("nothing is stored while no instance consumes")
                .isEqualTo(3);

        bus.startConsumer();

        // The new push comes after the redelivered ones in its partition; wait until all are through.
        await().atMost(Duration.ofSeconds(30)).until(() -> articles() == 4 && KafkaBroker.consumedToEnd("vigil"));
        assertThat(articles()).isEqualTo(4);
        assertThat(stories()).isEqualTo(3);
        assertThat(alerts()).isEqualTo(3);
    }

    @Test
    @Order(4)
    void aBrokerThatIsDownMakesPushesAnswer503() throws Exception {
        KafkaBroker.stopBroker();

        long started = System.nanoTime();
        given().contentType(ContentType.JSON)
                .body(article("Bridge closed", FIRST_OUTLET).getBytes(StandardCharsets.UTF_8))
                .post("/api/ingest")
                .then()
                .statusCode(503)
                .contentType("application/problem+json")
                .header("Retry-After", "5");
        given().contentType(NDJSON)
                .body(article("Tunnel closed", FIRST_OUTLET).getBytes(StandardCharsets.UTF_8))
                .post("/api/ingest")
                .then()
                .statusCode(503);
        assertThat(Duration.ofNanos(System.nanoTime() - started))
                .as("each push waits at most vigil.bus.ack-timeout (3 s)")
                .isLessThan(Duration.ofSeconds(10));
        assertThat(articles()).isEqualTo(4);
    }
}
