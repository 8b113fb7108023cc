package io.vigil.engine.source;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.vigil.engine.extract.ExtractedArticle;
import io.vigil.engine.ingest.DocumentOutcome;
import io.vigil.engine.ingest.Durability;
import io.vigil.engine.ingest.IngestPipeline;
import io.vigil.engine.ingest.IngestSettings;
import io.vigil.engine.ingest.SourceRef;
import io.vigil.engine.ingest.UnusableDocumentException;
import io.vigil.engine.input.LoggedText;
import io.vigil.engine.plugin.PluginCalls;
import io.vigil.engine.plugin.PluginRegistry;
import io.vigil.engine.secret.CredentialMasks;
import io.vigil.engine.websub.WebSubSubscriber;
import io.vigil.spi.PermanentFailureException;
import io.vigil.spi.TemporaryFailureException;
import io.vigil.spi.config.InvalidConfigException;
import io.vigil.spi.config.PluginConfig;
import io.vigil.spi.http.OutboundHttp;
import io.vigil.spi.source.Cursor;
import io.vigil.spi.source.DocumentSink;
import io.vigil.spi.source.PushHub;
import io.vigil.spi.source.PushedContent;
import io.vigil.spi.source.RawDocument;
import io.vigil.spi.source.Source;
import io.vigil.spi.source.SourceFactory;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.ReentrantLock;
import org.jboss.logging.Logger;

/**
 * Runs one fetch of one configured source: creates (or reuses) its plugin instance, hands every document to the
 * pipeline, and records the cursor and health. A plugin that throws — anything — only marks its own source unhealthy.
 *
 * <p>Fetches of one source never overlap; different sources run concurrently. Plugin instances are kept between
 * fetches and replaced when the source's settings change.
 */
@ApplicationScoped
public class SourceRunner {

    private static final Logger LOG = Logger.getLogger(SourceRunner.class);

    @Inject
    PluginRegistry plugins;

    @Inject
    io.vigil.engine.secret.Secrets secrets;

    @Inject
    IngestPipeline pipeline;

    @Inject
    jakarta.enterprise.inject.Instance<io.vigil.engine.ingest.ArticleBus> bus;

    @Inject
    SourceSettings settings;

    @Inject
    IngestSettings ingestSettings;

    @Inject
    OutboundHttp http;

    @Inject
    MeterRegistry meters;

    @Inject
    WebSubSubscriber webSub;

    Clock clock = Clock.systemUTC();

    private final Map<Long, LiveSource> live = new ConcurrentHashMap<>();
    private final Map<Long, ReentrantLock> locks = new ConcurrentHashMap<>();
    /** The WebSub hub each source's last fetch advertised, taken once the fetch is done. */
    private final Map<Long, PushHub> advertisedHubs = new ConcurrentHashMap<>();

    /** A plugin instance and the definition it was made from. */
    private record LiveSource(SourceDefinition definition, Source source) {}

    /** The parts of a configured source a fetch needs, read in a short transaction. */
    private record SourceDefinition(long id, String type, String name, Map<String, String> config) {}

    /**
     * Fetches the source now and records the outcome on it; waits if the same source is being fetched.
     *
     * @return what the fetch produced; a failed fetch reports what it stored before failing
     * @throws IllegalArgumentException when there is no such source
     */
    public FetchReport fetch(long sourceId) {
        ReentrantLock lock = locks.computeIfAbsent(sourceId, id -> new ReentrantLock());
        lock.lock();
        try {
            return fetchLocked(sourceId);
        } finally {
            lock.unlock();
        }
    }

    /** A source's definition and cursor as one short transaction reads them. */
    private record Loaded(SourceDefinition definition, Cursor cursor) {}

    /** Reads the source in a transaction of its own; throws {@link IllegalArgumentException} when it does not exist. */
    private static Loaded load(long sourceId) {
        Loaded loaded = QuarkusTransaction.requiringNew().call(() -> {
            ConfiguredSource source = ConfiguredSource.findById(sourceId);
            return source == null
                    ? null
                    : new Loaded(
                            new SourceDefinition(source.id, source.type, source.name, Map.copyOf(source.config)),
                            new Cursor(source.cursor));
        });
        if (loaded == null) {
            throw new IllegalArgumentException("source " + sourceId + " does not exist");
        }
        return loaded;
    }

    private FetchReport fetchLocked(long sourceId) {
        Loaded loaded = load(sourceId);
        SourceDefinition definition = loaded.definition();
        CountingSink sink = new CountingSink(new SourceRef(definition.id(), definition.name()));
        Cursor next = null;
        String failure = null;
        Duration retryAfter = null;
        long started = System.nanoTime();
        try {
            Source source = instance(definition);
            try {
                next = PluginCalls.call(source, () -> source.fetch(loaded.cursor(), sink));
            } finally {
                // What the source handed over before it finished, or failed, is stored either way.
                sink.flush();
            }
            if (next == null) {
                next = loaded.cursor();
            }
        } catch (Exception | LinkageError e) {
            failure = healthOf(e, definition.type());
            if (e instanceof TemporaryFailureException temporary) {
                retryAfter = temporary.retryAfter().orElse(null);
            } else if (!(e instanceof PermanentFailureException || e instanceof InvalidConfigException)) {
                // A plugin bug must not take the scheduler down; it becomes this source's health.
                LOG.errorf(
                        LoggedText.thrown(e),
                        "source %s (%s) failed",
                        LoggedText.of(definition.name()),
                        definition.type());
                forget(definition.id());
            }
        }
        meters.timer("vigil.source.fetch.latency", "type", definition.type())
                .record(Duration.ofNanos(System.nanoTime() - started));
        FetchReport report = sink.report();
        Instant now = clock.instant();
        String reason = failure;
        Duration wait = retryAfter;
        Cursor cursor = next;
        QuarkusTransaction.requiringNew().run(() -> {
            ConfiguredSource source = ConfiguredSource.findById(sourceId);
            if (source == null) {
                return; // deleted while fetching; nothing to record
            }
            if (reason == null) {
                source.fetchSucceeded(report, cursor.values(), now, jitter());
                if (webSub.pushes(sourceId)) {
                    // The hub pushes what is new; polling is only the safety net now.
                    source.nextFetchAt = now.plus(webSub.pollingWhilePushed(source.fetchInterval()))
                            .plus(jitter());
                }
            } else {
                source.fetchFailed(reason, report, now, wait);
            }
        });
        PushHub hub = advertisedHubs.remove(sourceId);
        if (hub != null && failure == null) {
            webSub.advertised(sourceId, hub);
        }
        if (failure != null) {
            meters.counter("vigil.source.errors", "type", definition.type()).increment();
            LOG.warnf(
                    "source %s (%s): %s", LoggedText.of(definition.name()), definition.type(), LoggedText.of(failure));
            return report.failedWith(failure);
        }
        return report;
    }

    /**
     * Hands content a hub pushed for the source to its plugin, stores what it hands over and saves the cursor; waits if
     * the source is being fetched. Its health keeps the counts and skipped items; a push never changes when the source
     * is polled next.
     *
     * @return what the push produced, or the reason it could not be read
     * @throws IllegalArgumentException when there is no such source
     */
    public FetchReport receive(long sourceId, PushedContent content) {
        ReentrantLock lock = locks.computeIfAbsent(sourceId, id -> new ReentrantLock());
        lock.lock();
        try {
            Loaded loaded = load(sourceId);
            SourceDefinition definition = loaded.definition();
            CountingSink sink = new CountingSink(new SourceRef(definition.id(), definition.name()));
            Cursor next;
            try {
                Source source = instance(definition);
                try {
                    next = PluginCalls.call(source, () -> source.receive(loaded.cursor(), content, sink));
                } finally {
                    sink.flush();
                }
            } catch (PermanentFailureException | InvalidConfigException e) {
                String reason = CredentialMasks.maskedText(e.getMessage());
                LOG.warnf(
                        "source %s: pushed content was not read: %s",
                        LoggedText.of(definition.name()), LoggedText.of(reason));
                return sink.report().failedWith(reason);
            } catch (RuntimeException | LinkageError e) {
                LOG.errorf(
                        LoggedText.thrown(e),
                        "source %s (%s) failed to read pushed content",
                        LoggedText.of(definition.name()),
                        definition.type());
                forget(definition.id());
                return sink.report().failedWith("the " + definition.type() + " plugin failed: " + e);
            }
            FetchReport report = sink.report();
            Cursor cursor = next == null ? loaded.cursor() : next;
            Instant now = clock.instant();
            QuarkusTransaction.requiringNew().run(() -> {
                ConfiguredSource source = ConfiguredSource.findById(sourceId);
                if (source != null) {
                    source.pushReceived(report, cursor.values(), now);
                }
            });
            meters.counter("vigil.source.pushes", "type", definition.type()).increment();
            return report;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Runs one fetch of a source that is not saved, with a fresh instance and no cursor, and reports what would be
     * stored and skipped; stores nothing, saves no cursor and subscribes to no hub. The instance is closed afterwards.
     *
     * @param config settings already validated against the type's spec
     */
    public SourceTrial tryOut(SourceFactory factory, String name, PluginConfig config) {
        TrialSink sink = new TrialSink();
        String failure = null;
        Source source = null;
        try {
            source = PluginCalls.call(
                    factory,
                    () -> factory.create(
                            config,
                            new HostSourceContext(
                                    name,
                                    clock,
                                    http,
                                    ingestSettings.maxDocumentBytes(),
                                    settings.readableFolders(),
                                    hub -> {})));
            Source created = source;
            PluginCalls.call(created, () -> created.fetch(Cursor.EMPTY, sink));
        } catch (Exception | LinkageError e) {
            failure = healthOf(e, factory.type());
            if (!(e instanceof TemporaryFailureException || e instanceof PermanentFailureException)) {
                LOG.infof(LoggedText.thrown(e), "a dry run of a %s source failed", factory.type());
            }
        } finally {
            if (source != null) {
                Source created = source;
                try {
                    PluginCalls.run(created, created::close);
                } catch (Exception e) {
                    LOG.debugf("closing a dry-run %s source failed: %s", factory.type(), LoggedText.of(e));
                }
            }
        }
        return new SourceTrial(failure == null ? "ok" : "failing", failure, sink.items, sink.itemCount, sink.skipped);
    }

    /** A fetch's failure as the source's health shows it. */
    static String healthOf(Throwable failure, String type) {
        // Masked here, where the text is made, so that the log, the answer and the record all get the masked one.
        return CredentialMasks.maskedText(
                switch (failure) {
                    case TemporaryFailureException e -> e.getMessage();
                    case PermanentFailureException e -> e.getMessage();
                    case InvalidConfigException e -> "invalid settings: " + e.getMessage();
                    default -> "the " + type + " plugin failed: " + failure;
                });
    }

    /** Reads what a dry run's source hands over the way storing would, and keeps it instead of storing it. */
    private final class TrialSink implements DocumentSink {
        private final List<SourceTrial.Item> items = new ArrayList<>();
        private final List<SourceTrial.Skipped> skipped = new ArrayList<>();
        private int itemCount;

        @Override
        public void accept(RawDocument document) {
            List<ExtractedArticle> articles;
            try {
                articles = pipeline.extract(document);
            } catch (UnusableDocumentException e) {
                skipped.add(new SourceTrial.Skipped(document.externalId(), e.getMessage()));
                return;
            } catch (RuntimeException e) {
                skipped.add(new SourceTrial.Skipped(document.externalId(), "could not be read: " + e.getMessage()));
                return;
            }
            for (int index = 0; index < articles.size(); index++) {
                itemCount++;
                if (items.size() >= SourceTrial.MAX_ITEMS) {
                    continue;
                }
                ExtractedArticle article = articles.get(index);
                String body = article.body();
                boolean cut = body.length() > SourceTrial.MAX_BODY;
                items.add(new SourceTrial.Item(
                        articles.size() == 1 ? document.externalId() : document.externalId() + "#" + (index + 1),
                        document.url(),
                        article.title(),
                        cut ? body.substring(0, SourceTrial.MAX_BODY) : body,
                        cut,
                        document.publishedAt(),
                        document.language()));
            }
        }

        @Override
        public void skip(String item, String reason) {
            skipped.add(new SourceTrial.Skipped(item, reason));
        }
    }

    private Duration jitter() {
        long maxMillis = settings.jitter().toMillis();
        return maxMillis <= 0
                ? Duration.ZERO
                : Duration.ofMillis(ThreadLocalRandom.current().nextLong(maxMillis));
    }

    private Source instance(SourceDefinition definition) throws PermanentFailureException {
        LiveSource current = live.get(definition.id());
        if (current != null && current.definition().equals(definition)) {
            return current.source();
        }
        forget(definition.id());
        SourceFactory factory = plugins.sourceFactory(definition.type())
                .orElseThrow(() -> new PermanentFailureException("source type '" + definition.type()
                        + "' is not installed (installed: " + plugins.typeNames(io.vigil.spi.PluginKind.SOURCE)
                        + ")"));
        PluginConfig config;
        try {
            config = factory.configSpec().validate(secrets.opened(definition.config()));
        } catch (io.vigil.engine.secret.UnreadableSecretException e) {
            throw new PermanentFailureException(e.getMessage(), e);
        }
        long id = definition.id();
        Source source = PluginCalls.call(
                factory,
                () -> factory.create(
                        config,
                        new HostSourceContext(
                                definition.name(),
                                clock,
                                http,
                                ingestSettings.maxDocumentBytes(),
                                settings.readableFolders(),
                                hub -> advertisedHubs.put(id, hub))));
        live.put(definition.id(), new LiveSource(definition, source));
        return source;
    }

    /** Closes the plugin instance of a source that was deleted or changed; the next fetch creates a new one. */
    public void forget(long sourceId) {
        LiveSource previous = live.remove(sourceId);
        if (previous != null) {
            try {
                PluginCalls.run(previous.source(), previous.source()::close);
            } catch (Exception e) {
                LOG.warnf(
                        "closing source %s failed: %s",
                        LoggedText.of(previous.definition().name()), LoggedText.of(e));
            }
        }
    }

    @PreDestroy
    void closeAll() {
        live.keySet().forEach(this::forget);
    }

    /**
     * Hands documents to the pipeline in batches and counts what became of them. Buffered documents are stored when the
     * batch is full and when the fetch ends, before the cursor is saved, so a crash in between loses nothing the
     * source will not offer again.
     */
    private final class CountingSink implements DocumentSink {
        private final SourceRef source;
        private final List<RawDocument> batch = new ArrayList<>();
        private long batchBytes;
        private long batchStarted;
        private int newArticles;
        private int duplicates;
        private int failed;
        private int published;
        private String firstFailure;
        private final Map<String, String> skipped = new LinkedHashMap<>();

        CountingSink(SourceRef source) {
            this.source = source;
        }

        @Override
        public void accept(RawDocument document) {
            if (batch.isEmpty()) {
                batchStarted = System.nanoTime();
            }
            batch.add(document);
            batchBytes += document.content().length();
            if (batch.size() >= ingestSettings.batchDocuments()
                    || batchBytes >= ingestSettings.batchBytes()
                    || System.nanoTime() - batchStarted
                            >= ingestSettings.batchWait().toNanos()) {
                flush();
            }
        }

        /** Stores the buffered documents. */
        void flush() {
            if (batch.isEmpty()) {
                return;
            }
            List<RawDocument> documents = List.copyOf(batch);
            batch.clear();
            batchBytes = 0;
            if (bus.isResolvable() && bus.get().active()) {
                // The bus keeps them; matching instances store them (docs/scaling.md). A bus that does not
                // acknowledge fails the documents, so the fetch reports them failed rather than kept.
                try {
                    bus.get().publishAll(documents, source);
                    published += documents.size();
                } catch (RuntimeException e) {
                    failed += documents.size();
                    if (firstFailure == null) {
                        firstFailure = documents.get(0).externalId() + ": " + e.getMessage();
                    }
                }
                return;
            }
            List<DocumentOutcome> outcomes = pipeline.ingestAll(documents, source, Durability.REPLAYABLE);
            for (int i = 0; i < documents.size(); i++) {
                switch (outcomes.get(i)) {
                    case DocumentOutcome.Stored stored -> {
                        newArticles += (int) stored.outcome().newCount();
                        duplicates += (int) stored.outcome().duplicateCount();
                    }
                    case DocumentOutcome.Unusable unusable ->
                        skip(documents.get(i).externalId(), unusable.reason());
                    case DocumentOutcome.Failed failure -> {
                        failed++;
                        if (firstFailure == null) {
                            firstFailure = documents.get(i).externalId() + ": "
                                    + failure.error().getMessage();
                        }
                    }
                }
            }
        }

        @Override
        public void skip(String item, String reason) {
            LOG.infof(
                    "source %s skipped %s: %s",
                    LoggedText.of(source.name()),
                    LoggedText.of(CredentialMasks.maskedText(item)),
                    LoggedText.of(CredentialMasks.maskedText(reason)));
            skipped.put(item, reason);
        }

        FetchReport report() {
            return new FetchReport(newArticles, duplicates, failed, skipped, firstFailure, null);
        }
    }
}
