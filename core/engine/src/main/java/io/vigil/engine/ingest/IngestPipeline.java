package io.vigil.engine.ingest;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.vigil.engine.extract.ExtractedArticle;
import io.vigil.engine.extract.PageDumpSplitter;
import io.vigil.engine.extract.TextCleaner;
import io.vigil.engine.fingerprint.Fingerprint;
import io.vigil.engine.fingerprint.Fingerprinter;
import io.vigil.engine.input.LoggedText;
import io.vigil.engine.rule.ScriptLanguage;
import io.vigil.engine.story.StoryFinder;
import io.vigil.engine.story.StoryFinder.Placement;
import io.vigil.spi.source.RawDocument;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * Turns a raw document into stored articles: extract and clean, fingerprint, find the story, store — all articles of
 * one document in one transaction, so a document is stored completely or not at all. A pulled source's documents go
 * through {@link #ingestAll} several at a time, in one transaction per batch: the round trips of a transaction and of
 * the story locks are paid once per batch instead of once per document. Analysis and rule matching ({@link
 * BeforeStoring}) run before the transaction opens; the transaction locks only the stripes of the stories its articles
 * may join ({@link StoryFinder#lockCandidates}) and writes, so unrelated articles store in parallel on every instance.
 * Documents that arrive one at a time but may share a transaction (concurrent single pushes) are readied by {@link
 * #prepare} in their own threads and stored together by {@link #storeAll}.
 *
 * <p>Owns that transaction because it spans three aggregates (article, story, and whatever observes
 * {@link ArticleStored}). Thread-safe.
 */
@ApplicationScoped
public class IngestPipeline {

    private static final Logger LOG = Logger.getLogger(IngestPipeline.class);

    /**
     * How far ahead of the clock a publication time may be: clock skew, not a date years away, which would sort as the
     * newest article until that day. A push past it is refused; a pulled document's time past it counts as unknown.
     */
    public static final Duration MAX_PUBLISHED_AHEAD = Duration.ofDays(1);

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

    @Inject
    Instance<BeforeStoring> beforeStoring;

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
            Prepared prepared = prepare(List.of(document), List.of(extracted), source);
            IngestOutcome outcome = store(prepared, durability).get(0);
            count(outcome);
            return outcome;
        } catch (RuntimeException e) {
            meters.counter("vigil.articles.ingested", "outcome", "failed").increment();
            LOG.errorf(
                    "could not store document %s from source %s: %s",
                    LoggedText.of(document.externalId()), LoggedText.of(source.name()), LoggedText.of(e));
            throw e;
        } finally {
            sample.stop(meters.timer("vigil.ingest.latency"));
        }
    }

    /**
     * Stores several documents of one source in one transaction, committed as {@code durability} says, and reports
     * each document's outcome in the order given. Documents without a storable article are reported unusable and left
     * out. If the batch fails as a whole, every document is stored again in a transaction of its own, so one bad
     * document fails alone and each is still stored completely or not at all.
     */
    public List<DocumentOutcome> ingestAll(List<RawDocument> documents, SourceRef source, Durability durability) {
        DocumentOutcome[] outcomes = new DocumentOutcome[documents.size()];
        List<Integer> usable = new ArrayList<>();
        List<List<ExtractedArticle>> extracted = new ArrayList<>();
        for (int i = 0; i < documents.size(); i++) {
            try {
                extracted.add(extract(documents.get(i)));
                usable.add(i);
            } catch (UnusableDocumentException e) {
                outcomes[i] = new DocumentOutcome.Unusable(e.getMessage());
            } catch (RuntimeException e) {
                LOG.errorf(
                        LoggedText.thrown(e),
                        "could not read document %s from source %s",
                        LoggedText.of(documents.get(i).externalId()),
                        LoggedText.of(source.name()));
                outcomes[i] = new DocumentOutcome.Failed(e);
            }
        }
        if (usable.isEmpty()) {
            return List.of(outcomes);
        }
        Timer.Sample sample = Timer.start(meters);
        try {
            List<IngestOutcome> stored =
                    store(prepare(usable.stream().map(documents::get).toList(), extracted, source), durability);
            for (int k = 0; k < usable.size(); k++) {
                outcomes[usable.get(k)] = new DocumentOutcome.Stored(stored.get(k));
                count(stored.get(k));
            }
        } catch (RuntimeException batchFailure) {
            meters.counter("vigil.ingest.batch.fallbacks").increment();
            LOG.debugf(
                    "a batch of %d documents from source %s failed (%s); storing them one by one",
                    usable.size(), LoggedText.of(source.name()), LoggedText.of(batchFailure));
            for (int k = 0; k < usable.size(); k++) {
                outcomes[usable.get(k)] = ingestAlone(documents.get(usable.get(k)), source, durability);
            }
        } finally {
            sample.stop(meters.timer("vigil.ingest.batch.latency"));
        }
        return List.of(outcomes);
    }

    /**
     * A document readied by {@link #prepare} for {@link #storeAll}: its articles extracted, fingerprinted, analysed and
     * matched, outside any transaction.
     */
    public static final class PreparedDocument {
        private final RawDocument document;
        private final Prepared prepared;

        private PreparedDocument(RawDocument document, Prepared prepared) {
            this.document = document;
            this.prepared = prepared;
        }
    }

    /**
     * Readies one document of the outlet {@code sourceName} for {@link #storeAll}, in the caller's thread: the work
     * that costs CPU (extraction, fingerprints, analysis, matching) is done here, so that documents which will be
     * stored together, such as concurrent single pushes, are readied in parallel rather than one after another.
     *
     * @throws UnusableDocumentException when the document holds no article worth storing
     */
    public PreparedDocument prepare(RawDocument document, String sourceName) {
        List<ExtractedArticle> extracted = extract(document);
        return new PreparedDocument(
                document, prepare(List.of(document), List.of(extracted), new SourceRef(null, sourceName)));
    }

    /**
     * Stores documents readied by {@link #prepare} into {@code source} (the outlet they were readied for) in one
     * transaction, committed as {@code durability} says, and reports each one's outcome in the order given. If a batch
     * of several fails as a whole, each is stored again in a transaction of its own, so one bad document fails alone.
     */
    public List<DocumentOutcome> storeAll(List<PreparedDocument> documents, SourceRef source, Durability durability) {
        if (documents.size() == 1) {
            return List.of(storeAlone(documents.get(0), source, durability));
        }
        List<DocumentOutcome> outcomes = new ArrayList<>(documents.size());
        Timer.Sample sample = Timer.start(meters);
        try {
            for (IngestOutcome outcome : store(together(documents, source), durability)) {
                outcomes.add(new DocumentOutcome.Stored(outcome));
                count(outcome);
            }
        } catch (RuntimeException batchFailure) {
            meters.counter("vigil.ingest.batch.fallbacks").increment();
            LOG.debugf(
                    "a batch of %d documents from source %s failed (%s); storing them one by one",
                    documents.size(), LoggedText.of(source.name()), LoggedText.of(batchFailure));
            outcomes.clear();
            for (PreparedDocument document : documents) {
                outcomes.add(storeAlone(document, source, durability));
            }
        } finally {
            sample.stop(meters.timer("vigil.ingest.batch.latency"));
        }
        return outcomes;
    }

    private DocumentOutcome storeAlone(PreparedDocument document, SourceRef source, Durability durability) {
        Timer.Sample sample = Timer.start(meters);
        try {
            IngestOutcome outcome =
                    store(together(List.of(document), source), durability).get(0);
            count(outcome);
            return new DocumentOutcome.Stored(outcome);
        } catch (RuntimeException e) {
            meters.counter("vigil.articles.ingested", "outcome", "failed").increment();
            LOG.errorf(
                    "could not store document %s from source %s: %s",
                    LoggedText.of(document.document.externalId()), LoggedText.of(source.name()), LoggedText.of(e));
            return new DocumentOutcome.Failed(e);
        } finally {
            sample.stop(meters.timer("vigil.ingest.latency"));
        }
    }

    /** The readied documents as one batch, their articles now of {@code source} (its id is known only now). */
    private static Prepared together(List<PreparedDocument> documents, SourceRef source) {
        List<List<ExtractedArticle>> extracted = new ArrayList<>();
        List<ArticleRows.NewArticle> articles = new ArrayList<>();
        List<Fingerprint> fingerprints = new ArrayList<>();
        List<List<Object>> preparations = new ArrayList<>();
        for (PreparedDocument document : documents) {
            Prepared prepared = document.prepared;
            extracted.addAll(prepared.extracted());
            for (ArticleRows.NewArticle article : prepared.articles()) {
                if (!article.sourceName().equals(source.name())) {
                    throw new IllegalArgumentException("document " + document.document.externalId()
                            + " was readied for " + article.sourceName() + ", not " + source.name());
                }
                articles.add(new ArticleRows.NewArticle(
                        source.id(),
                        source.name(),
                        article.externalId(),
                        article.url(),
                        article.title(),
                        article.body(),
                        article.publishedAt(),
                        article.fetchedAt(),
                        article.language(),
                        article.fingerprint(),
                        article.metadata()));
            }
            fingerprints.addAll(prepared.fingerprints());
            preparations.addAll(prepared.preparations());
        }
        return new Prepared(extracted, articles, fingerprints, preparations);
    }

    private DocumentOutcome ingestAlone(RawDocument document, SourceRef source, Durability durability) {
        try {
            return new DocumentOutcome.Stored(ingest(document, source, durability));
        } catch (UnusableDocumentException e) {
            return new DocumentOutcome.Unusable(e.getMessage());
        } catch (RuntimeException e) {
            return new DocumentOutcome.Failed(e);
        }
    }

    private void count(IngestOutcome outcome) {
        meters.counter("vigil.articles.ingested", "outcome", "new").increment(outcome.newCount());
        meters.counter("vigil.articles.ingested", "outcome", "duplicate").increment(outcome.duplicateCount());
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

    /** A batch's articles, fingerprinted and prepared by every {@link BeforeStoring}, ready to be written. */
    private record Prepared(
            List<List<ExtractedArticle>> extracted,
            List<ArticleRows.NewArticle> articles,
            List<Fingerprint> fingerprints,
            List<List<Object>> preparations) {}

    /** Everything about a batch that needs no transaction: fingerprints, analysis, rule matching. */
    private Prepared prepare(List<RawDocument> documents, List<List<ExtractedArticle>> extracted, SourceRef source) {
        Instant now = clock.instant();
        List<ArticleRows.NewArticle> articles = new ArrayList<>();
        List<Fingerprint> fingerprints = new ArrayList<>();
        List<List<Object>> preparations = new ArrayList<>();
        for (int d = 0; d < documents.size(); d++) {
            RawDocument document = documents.get(d);
            List<ExtractedArticle> cleaned = extracted.get(d);
            for (int index = 0; index < cleaned.size(); index++) {
                ExtractedArticle clean = cleaned.get(index);
                Fingerprint fingerprint = fingerprinter.of(clean.title(), clean.body());
                fingerprints.add(fingerprint);
                ArticleRows.NewArticle article = new ArticleRows.NewArticle(
                        source.id(),
                        source.name(),
                        cleaned.size() == 1 ? document.externalId() : document.externalId() + "#" + (index + 1),
                        document.url(),
                        clean.title(),
                        clean.body(),
                        publishedAt(document, source, now),
                        now,
                        // A source that does not say gets the language of Arabic-script text detected.
                        document.language() != null && !document.language().isBlank()
                                ? document.language()
                                : ScriptLanguage.detect(clean.title(), clean.body())
                                        .orElse(null),
                        fingerprint,
                        document.metadata());
                articles.add(article);
                preparations.add(prepareOne(article));
            }
        }
        return new Prepared(extracted, articles, fingerprints, preparations);
    }

    /** The document's publication time, or none when it is more than {@link #MAX_PUBLISHED_AHEAD} after {@code now}. */
    private static Instant publishedAt(RawDocument document, SourceRef source, Instant now) {
        Instant published = document.publishedAt();
        if (published != null && published.isAfter(now.plus(MAX_PUBLISHED_AHEAD))) {
            // a hostile or broken feed's date would sort first forever: the article is as new as its fetch
            LOG.debugf(
                    "document %s from source %s is dated %s, more than a day ahead of %s: stored as fetched",
                    LoggedText.of(document.externalId()), LoggedText.of(source.name()), published, now);
            return null;
        }
        return published;
    }

    private List<Object> prepareOne(ArticleRows.NewArticle article) {
        BeforeStoring.Draft draft =
                new BeforeStoring.Draft(article.title(), article.body(), article.sourceName(), article.language());
        List<Object> prepared = new ArrayList<>();
        for (BeforeStoring step : beforeStoring) {
            try {
                Object result = step.prepare(draft);
                if (result != null) {
                    prepared.add(result);
                }
            } catch (RuntimeException e) {
                LOG.errorf(
                        LoggedText.thrown(e),
                        "could not prepare article '%s' (%s); storing it without",
                        LoggedText.of(article.title()),
                        step);
            }
        }
        return prepared;
    }

    /**
     * Writes a prepared batch in one transaction: locks the candidate stories' stripes, decides the stories, inserts,
     * then one {@link ArticleStored} per new article, in document order. Two transactions that join the same stories
     * in different batches can still meet in a deadlock, which PostgreSQL breaks by failing one; that one is tried
     * again, as nothing of it was stored.
     */
    private List<IngestOutcome> store(Prepared prepared, Durability durability) {
        for (int attempt = 1; ; attempt++) {
            try {
                return QuarkusTransaction.requiringNew().call(() -> {
                    // A replayable document's commit need not wait for the disk: the source offers it again if the
                    // commit is lost (its cursor is saved later, synchronously, and WAL is flushed in order). An
                    // observer that writes something that must not be lost, such as a notification, sets
                    // synchronous_commit on.
                    // The stripes' locks and the candidates' lookup go in one round trip (the lookup's snapshot is
                    // still taken after the locks are held).
                    List<Placement> placements = storyFinder.lockAndPlaceAll(
                            durability == Durability.ACKNOWLEDGED,
                            prepared.articles().isEmpty()
                                    ? ""
                                    : prepared.articles().get(0).sourceName(),
                            prepared.fingerprints());
                    return write(prepared, placements);
                });
            } catch (RuntimeException e) {
                if (attempt >= MAX_ATTEMPTS || !isDeadlock(e)) {
                    throw e;
                }
                meters.counter("vigil.ingest.deadlock.retries").increment();
            }
        }
    }

    private static final int MAX_ATTEMPTS = 3;

    private static boolean isDeadlock(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && "40P01".equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    private List<IngestOutcome> write(Prepared prepared, List<Placement> placements) {
        List<ArticleRows.NewArticle> articles = prepared.articles();
        List<ArticleRows.Stored> stored = articleRows.insertAll(articles, placements);
        List<IngestOutcome> outcomes = new ArrayList<>(prepared.extracted().size());
        int next = 0;
        for (List<ExtractedArticle> cleaned : prepared.extracted()) {
            List<IngestedArticle> results = new ArrayList<>(cleaned.size());
            for (int index = 0; index < cleaned.size(); index++, next++) {
                ArticleRows.NewArticle article = articles.get(next);
                ArticleRows.Stored where = stored.get(next);
                Placement placement = placements.get(next);
                boolean duplicate =
                        placement instanceof Placement.Duplicate || placement instanceof Placement.DuplicateInBatch;
                // A copy is answered with the title of the article it repeats, whether stored before or in this batch.
                String title =
                        switch (placement) {
                            case Placement.Duplicate copy -> copy.title();
                            case Placement.DuplicateInBatch copy ->
                                articles.get(copy.earlier()).title();
                            default -> article.title();
                        };
                results.add(new IngestedArticle(where.articleId(), title, where.storyId(), duplicate));
                if (!duplicate) {
                    articleStored.fire(new ArticleStored(
                            where.articleId(),
                            where.storyId(),
                            placement instanceof Placement.NewStory,
                            article.title(),
                            article.body(),
                            article.sourceName(),
                            article.language(),
                            article.time(),
                            prepared.preparations().get(next)));
                }
            }
            outcomes.add(new IngestOutcome(results));
        }
        return outcomes;
    }

    /**
     * The title on one line: runs of white space and control characters become one space. Control characters go
     * because no headline needs them and PostgreSQL cannot store one of them (NUL), which would fail the article.
     */
    private static String clean(String title) {
        return title == null ? null : title.replaceAll("[\\s\\p{Cntrl}]+", " ").strip();
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
        // In page order, each once: a set, since a list's contains() made a pushed page of many paragraphs quadratic.
        java.util.Set<String> paragraphs = new java.util.LinkedHashSet<>();
        for (Element paragraph : html.select("p, li, blockquote")) {
            String text = paragraph.text().strip();
            if (!text.isEmpty()) {
                paragraphs.add(text);
            }
        }
        String body =
                paragraphs.isEmpty() ? html.body() == null ? "" : html.body().text() : String.join("\n\n", paragraphs);
        return new ExtractedArticle(clean(title), TextCleaner.normalizeBody(body));
    }
}
