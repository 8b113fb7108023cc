package io.vigil.engine.ingest;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.vigil.engine.extract.ExtractedArticle;
import io.vigil.engine.extract.PageDumpSplitter;
import io.vigil.engine.extract.TextCleaner;
import io.vigil.engine.fingerprint.Fingerprint;
import io.vigil.engine.fingerprint.Fingerprinter;
import io.vigil.engine.story.StoryFinder;
import io.vigil.engine.story.StoryFinder.Placement;
import io.vigil.spi.source.RawDocument;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * Turns a raw document into stored articles: extract and clean, fingerprint, find the story, store — all articles of
 * one document in one transaction, so a document is stored completely or not at all.
 *
 * <p>Owns that transaction because it spans three aggregates (article, story, and whatever observes
 * {@link ArticleStored}). Thread-safe.
 */
@ApplicationScoped
public class IngestPipeline {

    private static final Logger LOG = Logger.getLogger(IngestPipeline.class);

    private final PageDumpSplitter splitter = new PageDumpSplitter();
    private final Fingerprinter fingerprinter = new Fingerprinter();

    @Inject
    StoryFinder storyFinder;

    @Inject
    Event<ArticleStored> articleStored;

    @Inject
    MeterRegistry meters;

    @Inject
    ArticleRows articleRows;

    Clock clock = Clock.systemUTC();

    /**
     * Stores the articles of one document in a transaction of its own.
     *
     * @throws UnusableDocumentException when the document holds no article worth storing
     * @throws RuntimeException when storing fails; nothing of the document is stored then
     */
    public IngestOutcome ingest(RawDocument document, SourceRef source) {
        return ingest(document, source, Durability.ACKNOWLEDGED);
    }

    /**
     * Stores the articles of one document in a transaction of its own, committed as {@code durability} says.
     *
     * @throws UnusableDocumentException when the document holds no article worth storing
     * @throws RuntimeException when storing fails; nothing of the document is stored then
     */
    public IngestOutcome ingest(RawDocument document, SourceRef source, Durability durability) {
        List<ExtractedArticle> extracted = extract(document);
        Timer.Sample sample = Timer.start(meters);
        try {
            IngestOutcome outcome =
                    QuarkusTransaction.requiringNew().call(() -> store(document, source, extracted, durability));
            meters.counter("vigil.articles.ingested", "outcome", "new").increment(outcome.newCount());
            meters.counter("vigil.articles.ingested", "outcome", "duplicate").increment(outcome.duplicateCount());
            return outcome;
        } catch (RuntimeException e) {
            meters.counter("vigil.articles.ingested", "outcome", "failed").increment();
            LOG.errorf("could not store document %s from source %s: %s", document.externalId(), source.name(), e);
            throw e;
        } finally {
            sample.stop(meters.timer("vigil.ingest.latency"));
        }
    }

    /** The clean articles of a document, without storing anything. */
    public List<ExtractedArticle> extract(RawDocument document) {
        List<ExtractedArticle> articles =
                switch (document.format()) {
                    case PAGE_DUMP -> splitter.split(document.content());
                    case TEXT ->
                        List.of(new ExtractedArticle(
                                clean(document.title()), TextCleaner.normalizeBody(document.content())));
                    case HTML -> List.of(fromHtml(document));
                };
        List<ExtractedArticle> usable = new ArrayList<>();
        for (ExtractedArticle article : articles) {
            if (article.title() == null || article.title().isBlank()) {
                throw new UnusableDocumentException("document " + document.externalId() + " has no title");
            }
            if (article.body() == null || article.body().isBlank()) {
                throw new UnusableDocumentException(
                        "article '" + article.title() + "' in " + document.externalId() + " has no text");
            }
            usable.add(article);
        }
        if (usable.isEmpty()) {
            throw new UnusableDocumentException("document " + document.externalId() + " holds no article");
        }
        return usable;
    }

    private IngestOutcome store(
            RawDocument document, SourceRef source, List<ExtractedArticle> extracted, Durability durability) {
        // One story decision at a time: two copies arriving together must not each open a story of their own.
        // A replayable document's commit need not wait for the disk: the source offers it again if the commit is lost
        // (its cursor is saved later, synchronously, and WAL is flushed in order). An observer that writes something
        // that must not be lost, such as a notification, sets synchronous_commit back on.
        storyFinder.beginStoryDecisions(durability == Durability.ACKNOWLEDGED);
        Instant now = clock.instant();
        List<IngestedArticle> results = new ArrayList<>();
        for (int index = 0; index < extracted.size(); index++) {
            ExtractedArticle clean = extracted.get(index);
            Fingerprint fingerprint = fingerprinter.of(clean.title(), clean.body());
            Placement placement = storyFinder.place(source.name(), fingerprint);
            if (placement instanceof Placement.Duplicate copy) {
                results.add(new IngestedArticle(copy.articleId(), copy.title(), copy.storyId(), true));
                continue;
            }
            ArticleRows.NewArticle article = new ArticleRows.NewArticle(
                    source.id(),
                    source.name(),
                    extracted.size() == 1 ? document.externalId() : document.externalId() + "#" + (index + 1),
                    document.url(),
                    clean.title(),
                    clean.body(),
                    document.publishedAt(),
                    now,
                    document.language(),
                    fingerprint,
                    document.metadata());
            Long storyId = placement instanceof Placement.JoinStory join ? join.storyId() : null;
            ArticleRows.Stored stored = articleRows.insert(article, storyId);
            results.add(new IngestedArticle(stored.articleId(), article.title(), stored.storyId(), false));
            articleStored.fire(new ArticleStored(
                    stored.articleId(),
                    stored.storyId(),
                    storyId == null,
                    article.title(),
                    article.body(),
                    article.sourceName(),
                    article.language(),
                    article.time()));
        }
        return new IngestOutcome(results);
    }

    private static String clean(String title) {
        return title == null ? null : title.strip().replaceAll("\\s+", " ");
    }

    /**
     * A basic HTML reading for documents that arrive as HTML: the headline from the document's title or the first
     * {@code h1}, and the text of its paragraphs. Sources that need real article extraction do it themselves.
     */
    private static ExtractedArticle fromHtml(RawDocument document) {
        Document html = Jsoup.parse(document.content(), document.url() == null ? "" : document.url());
        String title = document.title();
        if (title == null || title.isBlank()) {
            Element h1 = html.selectFirst("h1");
            title = h1 != null ? h1.text() : html.title();
        }
        List<String> paragraphs = new ArrayList<>();
        for (Element paragraph : html.select("p, li, blockquote")) {
            String text = paragraph.text().strip();
            if (!text.isEmpty() && !paragraphs.contains(text)) {
                paragraphs.add(text);
            }
        }
        String body =
                paragraphs.isEmpty() ? html.body() == null ? "" : html.body().text() : String.join("\n\n", paragraphs);
        return new ExtractedArticle(clean(title), TextCleaner.normalizeBody(body));
    }
}
