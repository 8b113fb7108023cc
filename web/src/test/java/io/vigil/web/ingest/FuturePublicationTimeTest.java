package io.vigil.web.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.vigil.engine.article.Article;
import io.vigil.engine.ingest.DocumentOutcome;
import io.vigil.engine.ingest.Durability;
import io.vigil.engine.ingest.IngestPipeline;
import io.vigil.engine.ingest.SourceRef;
import io.vigil.spi.source.RawDocument;
import io.vigil.web.testing.Archive;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A pulled document's publication time more than a day ahead of the pipeline's clock is no date: the article is stored
 * with its fetch time, so a feed dated years away does not sort as the newest article until then. Clock skew is kept.
 */
@QuarkusTest
class FuturePublicationTimeTest {

    @Inject
    IngestPipeline pipeline;

    @BeforeEach
    void archiveIsReady() {
        Archive.awaitReady();
    }

    @Test
    void aDateYearsAheadIsUnknownAndOneAnHourAheadIsKept() {
        Instant before = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Instant yearsAhead = before.plus(Duration.ofDays(3 * 365));
        Instant anHourAhead = before.plus(Duration.ofHours(1)).truncatedTo(ChronoUnit.MILLIS);
        String outlet = "Far Future Wire " + UUID.randomUUID();

        List<DocumentOutcome> outcomes = pipeline.ingestAll(
                List.of(
                        RawDocument.text("years", "Harbour reopens in three years", "The harbour reopens, they said.")
                                .withPublishedAt(yearsAhead),
                        RawDocument.text("hour", "Ferry timetable changes tonight", "The new timetable starts tonight.")
                                .withPublishedAt(anHourAhead)),
                new SourceRef(null, outlet),
                Durability.ACKNOWLEDGED);

        Article far = article(outcomes.get(0));
        assertThat(far.publishedAt).as("a date years ahead is unknown").isNull();
        assertThat(far.time()).isEqualTo(far.fetchedAt).isBetween(before, Instant.now());
        Article skewed = article(outcomes.get(1));
        assertThat(skewed.publishedAt).as("an hour ahead is clock skew").isEqualTo(anHourAhead);
        assertThat(IngestPipeline.MAX_PUBLISHED_AHEAD).isEqualTo(Duration.ofDays(1));
    }

    private static Article article(DocumentOutcome outcome) {
        assertThat(outcome).isInstanceOf(DocumentOutcome.Stored.class);
        long id = ((DocumentOutcome.Stored) outcome).outcome().articles().get(0).id();
        return QuarkusTransaction.requiringNew().call(() -> Article.<Article>findById(id));
    }
}
