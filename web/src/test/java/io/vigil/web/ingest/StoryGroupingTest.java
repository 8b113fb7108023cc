package io.vigil.web.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.vigil.engine.article.Article;
import io.vigil.engine.fingerprint.Fingerprint;
import io.vigil.engine.fingerprint.Fingerprinter;
import io.vigil.engine.ingest.DocumentOutcome;
import io.vigil.engine.ingest.Durability;
import io.vigil.engine.ingest.IngestOutcome;
import io.vigil.engine.ingest.IngestPipeline;
import io.vigil.engine.ingest.IngestedArticle;
import io.vigil.engine.ingest.SourceRef;
import io.vigil.engine.story.Story;
import io.vigil.engine.story.StoryFinder;
import io.vigil.spi.source.RawDocument;
import io.vigil.web.testing.Archive;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Story grouping through the real pipeline and archive: copies join, other articles on the same topic stay apart —
 * for documents stored one at a time and for a pulled source's batch, where the batch's own earlier articles count as
 * stored.
 */
@QuarkusTest
class StoryGroupingTest {

    @Inject
    IngestPipeline pipeline;

    @Inject
    MeterRegistry meters;

    @Inject
    StoryFinder storyFinder;

    @Inject
    StoringPause pause;

    @Inject
    DataSource dataSource;

    /** Words of news prose; each test writes its own articles from them, so tests never share a story. */
    private static final List<String> VOCABULARY = List.of(("engineers water authority inspected northern dam rain"
                    + " reservoir level twenty years officials said precaution structure damage villages downstream"
                    + " prepare release week farmers valley river flooded fields harvest winter wheat delayed"
                    + " fortnight recede governor visit thursday announce emergency funds districts affected storms"
                    + " statement office meteorologists forecast weekend heaviest falls hills rivers minister"
                    + " parliament budget vote police border security army troops talks agreement ceasefire aid"
                    + " hospital patients doctors school teachers strike union wages prices fuel market shares bank"
                    + " rates inflation exports port ships cargo road bridge repairs train station airport flights")
            .split(" "));

    private Random words;

    @BeforeEach
    void archiveIsReady() {
        Archive.awaitReady();
        words = new Random(UUID.randomUUID().getMostSignificantBits());
    }

    /** An article of its own: five paragraphs of three twelve-word sentences. */
    private List<String> article() {
        List<String> paragraphs = new ArrayList<>();
        for (int p = 0; p < 5; p++) {
            StringBuilder paragraph = new StringBuilder();
            for (int sentence = 0; sentence < 3; sentence++) {
                for (int w = 0; w < 12; w++) {
                    paragraph.append(w == 0 ? "" : " ").append(VOCABULARY.get(words.nextInt(VOCABULARY.size())));
                }
                paragraph.append(". ");
            }
            paragraphs.add(paragraph.toString().strip());
        }
        return paragraphs;
    }

    private static String text(List<String> paragraphs) {
        return String.join("\n\n", paragraphs);
    }

    /** An edited copy: one paragraph cut and the outlet's boilerplate added (the headline differs too). */
    private static String nearCopy(List<String> paragraphs) {
        List<String> edited = new ArrayList<>(paragraphs);
        edited.remove(3);
        edited.add("Follow our live coverage of the storms on our website.");
        return text(edited);
    }

    @Test
    void anExactCopyAndANearCopyFromOtherOutletsJoinTheStoryAndAnotherArticleStaysApart() {
        List<String> story = article();
        IngestedArticle first = single("Daily Courier", "Dam inspected as reservoir rises", text(story));
        IngestedArticle exact = single("Evening Post", "Dam inspected as reservoir rises", text(story));
        IngestedArticle near = single("Morning Star", "Reservoir at 20-year high, dam checked", nearCopy(story));
        IngestedArticle other = single("Daily Courier", "Dam inspected as reservoir rises", text(article()));

        assertThat(exact.storyId()).isEqualTo(first.storyId());
        assertThat(near.storyId()).isEqualTo(first.storyId());
        assertThat(other.storyId()).isNotEqualTo(first.storyId());
        assertThat(story(first.storyId()).articleCount).isEqualTo(3);
    }

    @Test
    void aBatchGroupsItsOwnArticlesAndStoresEachContentOncePerOutlet() {
        Instant published = Instant.parse("2026-11-20T08:00:00Z");
        List<String> story = article();
        String outlet = "Wire " + UUID.randomUUID();
        double fallbacks = fallbacks();

        List<DocumentOutcome> outcomes = pipeline.ingestAll(
                List.of(
                        RawDocument.text("a", "Dam inspected as reservoir rises", text(story))
                                .withPublishedAt(published),
                        RawDocument.text("b", "Reservoir at 20-year high, dam checked", nearCopy(story))
                                .withPublishedAt(published.plusSeconds(3600)),
                        RawDocument.text("a-again", "Dam inspected as reservoir rises", text(story)),
                        RawDocument.text("c", "Dam inspected as reservoir rises", text(article())),
                        RawDocument.text("untitled", " ", "A body without a headline.")),
                new SourceRef(null, outlet),
                Durability.REPLAYABLE);

        assertThat(fallbacks()).as("stored as one batch").isEqualTo(fallbacks);
        IngestedArticle original = stored(outcomes.get(0));
        IngestedArticle near = stored(outcomes.get(1));
        IngestedArticle again = stored(outcomes.get(2));
        IngestedArticle other = stored(outcomes.get(3));
        assertThat(original.duplicate()).isFalse();
        assertThat(near.duplicate()).isFalse();
        assertThat(near.storyId()).as("a near copy earlier in the batch").isEqualTo(original.storyId());
        assertThat(again.duplicate())
                .as("the same content from the same outlet")
                .isTrue();
        assertThat(again.id()).isEqualTo(original.id());
        assertThat(other.duplicate()).isFalse();
        assertThat(other.storyId()).isNotEqualTo(original.storyId());
        assertThat(outcomes.get(4)).isInstanceOf(DocumentOutcome.Unusable.class);

        Story grouped = story(original.storyId());
        assertThat(grouped.articleCount).isEqualTo(2);
        assertThat(grouped.firstSeenAt).isEqualTo(published);
        assertThat(grouped.lastSeenAt).isEqualTo(published.plusSeconds(3600));
        assertThat(story(other.storyId()).articleCount).isEqualTo(1);
        assertThat(articlesFrom(outlet))
                .extracting(article -> article.externalId)
                .containsExactlyInAnyOrder("a", "b", "c");
    }

    @Test
    void aDocumentThatCannotBeStoredFailsAloneAndTheRestOfItsBatchIsStored() {
        String outlet = "Wire " + UUID.randomUUID();
        double fallbacks = fallbacks();

        List<DocumentOutcome> outcomes = pipeline.ingestAll(
                List.of(
                        RawDocument.text("first", "Harbour reopens", text(article())),
                        // PostgreSQL cannot store a date before 4713 BC: this document fails when written (a date
                        // far ahead no longer would: the pipeline takes it as no date).
                        RawDocument.text("far-past", "A date out of range", text(article()))
                                .withPublishedAt(Instant.parse("-300000-01-01T00:00:00Z")),
                        RawDocument.text("last", "Ferry timetable changes", text(article()))),
                new SourceRef(null, outlet),
                Durability.REPLAYABLE);

        assertThat(fallbacks()).as("the batch was stored again one by one").isEqualTo(fallbacks + 1);
        assertThat(outcomes.get(0)).isInstanceOf(DocumentOutcome.Stored.class);
        assertThat(outcomes.get(1)).isInstanceOf(DocumentOutcome.Failed.class);
        assertThat(outcomes.get(2)).isInstanceOf(DocumentOutcome.Stored.class);
        assertThat(articlesFrom(outlet))
                .extracting(article -> article.externalId)
                .containsExactlyInAnyOrder("first", "last");
    }

    @Test
    void aBatchJoinsStoriesAlreadyInTheArchiveAndCountsThemUp() {
        List<String> story = article();
        IngestedArticle first = single("Daily Courier", "Dam inspected as reservoir rises", text(story));

        List<DocumentOutcome> outcomes = pipeline.ingestAll(
                List.of(
                        RawDocument.text("x", "Dam inspected as reservoir rises", text(story)),
                        RawDocument.text("y", "Reservoir at 20-year high", nearCopy(story))),
                new SourceRef(null, "Wire " + UUID.randomUUID()),
                Durability.REPLAYABLE);

        assertThat(stored(outcomes.get(0)).storyId()).isEqualTo(first.storyId());
        assertThat(stored(outcomes.get(1)).storyId()).isEqualTo(first.storyId());
        assertThat(story(first.storyId()).articleCount).isEqualTo(3);
    }

    @Test
    void copiesStoredAtOnceFromManyOutletsLandInOneStory() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            for (int round = 0; round < 4; round++) {
                List<String> story = article();
                CountDownLatch start = new CountDownLatch(1);
                List<Future<IngestedArticle>> copies = new ArrayList<>();
                for (int outlet = 0; outlet < 8; outlet++) {
                    String name = "Outlet " + outlet + " " + UUID.randomUUID();
                    // Half exact copies, half near copies: both kinds of candidate must be serialised.
                    String body = outlet % 2 == 0 ? text(story) : nearCopy(story);
                    copies.add(pool.submit(() -> {
                        start.await();
                        return single(name, "Dam inspected as reservoir rises", body);
                    }));
                }
                start.countDown();
                List<Long> stories = new ArrayList<>();
                for (Future<IngestedArticle> copy : copies) {
                    stories.add(copy.get(60, TimeUnit.SECONDS).storyId());
                }
                assertThat(stories).as("round %d", round).containsOnly(stories.get(0));
                assertThat(story(stories.get(0)).articleCount).isEqualTo(8);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aNearCopyThatWaitedForAnotherTransactionsStripesJoinsTheStoryThatTransactionOpened() throws Exception {
        // The lookup of a story's candidates must see what the transaction it waited for committed: its snapshot is
        // taken after the stripes are locked, even though both go to PostgreSQL in one round trip.
        List<String> story = article();
        String title = "Dam inspected as reservoir rises " + UUID.randomUUID();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        pause.holdOn(title);
        try {
            Future<IngestedArticle> first =
                    pool.submit(() -> single("Evening Post " + UUID.randomUUID(), title, text(story)));
            assertThat(pause.awaitHeld(30))
                    .as("the first copy's transaction is held")
                    .isTrue();
            Future<IngestedArticle> copy =
                    pool.submit(() -> single("Daily Courier " + UUID.randomUUID(), "Reservoir rises", nearCopy(story)));
            assertThat(awaitLockWaiter(30))
                    .as("the near copy waits on the first one's stripes")
                    .isTrue();
            assertThat(copy.isDone()).isFalse();
            pause.release();
            IngestedArticle opened = first.get(30, TimeUnit.SECONDS);
            assertThat(copy.get(30, TimeUnit.SECONDS).storyId()).isEqualTo(opened.storyId());
            assertThat(story(opened.storyId()).articleCount).isEqualTo(2);
        } finally {
            pause.release();
            pool.shutdownNow();
        }
    }

    /** Whether a session of this database is waiting for a lock within {@code seconds}. */
    private boolean awaitLockWaiter(long seconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement()) {
            while (System.nanoTime() < deadline) {
                try (ResultSet waiting = statement.executeQuery("select count(*) from pg_stat_activity"
                        + " where datname = current_database() and wait_event_type = 'Lock'")) {
                    waiting.next();
                    if (waiting.getInt(1) > 0) {
                        return true;
                    }
                }
                Thread.sleep(20);
            }
        }
        return false;
    }

    @Test
    void storingWaitsOnlyForArticlesThatMayShareItsStory() throws Exception {
        List<String> held = article();
        Fingerprint heldPrint = new Fingerprinter().of("Dam inspected as reservoir rises", text(held));
        Set<Integer> heldStripes = Set.of(StoryFinder.stripes(List.of(heldPrint)));
        // An unrelated article whose stripes are all different from the held one's (about 3 in 100 are not).
        List<String> unrelated;
        do {
            unrelated = article();
        } while (Arrays.stream(StoryFinder.stripes(
                        List.of(new Fingerprinter().of("Ferry timetable changes", text(unrelated)))))
                .anyMatch(heldStripes::contains));
        List<String> unrelatedText = unrelated;

        ExecutorService pool = Executors.newFixedThreadPool(3);
        CountDownLatch locked = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        try {
            Future<?> holder =
                    pool.submit(() -> QuarkusTransaction.requiringNew().run(() -> {
                        storyFinder.lockCandidates(true, List.of(heldPrint));
                        locked.countDown();
                        try {
                            release.await();
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }));
            assertThat(locked.await(30, TimeUnit.SECONDS)).isTrue();
            Future<IngestedArticle> copy = pool.submit(
                    () -> single("Evening Post " + UUID.randomUUID(), "Dam inspected as reservoir rises", text(held)));
            IngestedArticle other = pool.submit(() -> single(
                            "Daily Courier " + UUID.randomUUID(), "Ferry timetable changes", text(unrelatedText)))
                    .get(30, TimeUnit.SECONDS);

            assertThat(other.duplicate())
                    .as("an unrelated article is stored while the story is locked")
                    .isFalse();
            assertThat(copy.isDone())
                    .as("a copy waits for the transaction deciding its story")
                    .isFalse();
            release.countDown();
            holder.get(30, TimeUnit.SECONDS);
            assertThat(copy.get(30, TimeUnit.SECONDS).storyId()).isNotEqualTo(other.storyId());
        } finally {
            release.countDown();
            pool.shutdownNow();
        }
    }

    private IngestedArticle single(String outlet, String title, String body) {
        IngestOutcome outcome = pipeline.ingest(
                RawDocument.text(outlet + "-" + UUID.randomUUID(), title, body),
                new SourceRef(null, outlet),
                Durability.ACKNOWLEDGED);
        assertThat(outcome.articles()).hasSize(1);
        return outcome.articles().get(0);
    }

    private static IngestedArticle stored(DocumentOutcome outcome) {
        assertThat(outcome).isInstanceOf(DocumentOutcome.Stored.class);
        List<IngestedArticle> articles =
                ((DocumentOutcome.Stored) outcome).outcome().articles();
        assertThat(articles).hasSize(1);
        return articles.get(0);
    }

    private double fallbacks() {
        return meters.counter("vigil.ingest.batch.fallbacks").count();
    }

    private static Story story(long id) {
        return QuarkusTransaction.requiringNew().call(() -> Story.<Story>findById(id));
    }

    private static List<Article> articlesFrom(String outlet) {
        return QuarkusTransaction.requiringNew().call(() -> Article.list("sourceName", outlet));
    }
}
