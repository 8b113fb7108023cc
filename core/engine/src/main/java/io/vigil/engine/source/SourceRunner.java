package io.vigil.engine.source;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.vigil.engine.ingest.DocumentOutcome;
import io.vigil.engine.ingest.Durability;
import io.vigil.engine.ingest.IngestPipeline;
import io.vigil.engine.ingest.IngestSettings;
import io.vigil.engine.ingest.SourceRef;
import io.vigil.engine.plugin.PluginRegistry;
import io.vigil.spi.PermanentFailureException;
import io.vigil.spi.TemporaryFailureException;
import io.vigil.spi.config.InvalidConfigException;
import io.vigil.spi.config.PluginConfig;
import io.vigil.spi.http.OutboundHttp;
import io.vigil.spi.source.Cursor;
import io.vigil.spi.source.DocumentSink;
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
    IngestPipeline pipeline;

    @Inject
    SourceSettings settings;

    @Inject
    IngestSettings ingestSettings;

    @Inject
    OutboundHttp http;

    @Inject
    MeterRegistry meters;

    Clock clock = Clock.systemUTC();

    private final Map<Long, LiveSource> live = new ConcurrentHashMap<>();
    private final Map<Long, ReentrantLock> locks = new ConcurrentHashMap<>();

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

    private FetchReport fetchLocked(long sourceId) {
        record Loaded(SourceDefinition definition, Cursor cursor) {}
        Loaded loaded = QuarkusTransaction.requiringNew().call(() -> {
            ConfiguredSource source = ConfiguredSource.findById(sourceId);
            if (source == null) {
                return null;
            }
            return new Loaded(
                    new SourceDefinition(source.id, source.type, source.name, Map.copyOf(source.config)),
                    new Cursor(source.cursor));
        });
        if (loaded == null) {
            throw new IllegalArgumentException("source " + sourceId + " does not exist");
        }
        SourceDefinition definition = loaded.definition();
        CountingSink sink = new CountingSink(new SourceRef(definition.id(), definition.name()));
        Cursor next = null;
        String failure = null;
        Duration retryAfter = null;
        long started = System.nanoTime();
        try {
            Source source = instance(definition);
            try {
                next = source.fetch(loaded.cursor(), sink);
            } finally {
                // What the source handed over before it finished, or failed, is stored either way.
                sink.flush();
            }
            if (next == null) {
                next = loaded.cursor();
            }
        } catch (TemporaryFailureException e) {
            failure = e.getMessage();
            retryAfter = e.retryAfter().orElse(null);
        } catch (PermanentFailureException e) {
            failure = e.getMessage();
        } catch (InvalidConfigException e) {
            failure = "invalid settings: " + e.getMessage();
        } catch (RuntimeException | LinkageError e) {
            // A plugin bug must not take the scheduler down; it becomes this source's health.
            failure = "the " + definition.type() + " plugin failed: " + e;
            LOG.errorf(e, "source %s (%s) failed", definition.name(), definition.type());
            forget(definition.id());
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
            } else {
                source.fetchFailed(reason, report, now, wait);
            }
        });
        if (failure != null) {
            meters.counter("vigil.source.errors", "type", definition.type()).increment();
            LOG.warnf("source %s (%s): %s", definition.name(), definition.type(), failure);
            return report.failedWith(failure);
        }
        return report;
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
        PluginConfig config = factory.configSpec().validate(definition.config());
        Source source = factory.create(
                config, new HostSourceContext(definition.name(), clock, http, ingestSettings.maxDocumentBytes()));
        live.put(definition.id(), new LiveSource(definition, source));
        return source;
    }

    /** Closes the plugin instance of a source that was deleted or changed; the next fetch creates a new one. */
    public void forget(long sourceId) {
        LiveSource previous = live.remove(sourceId);
        if (previous != null) {
            try {
                previous.source().close();
            } catch (Exception e) {
                LOG.warnf("closing source %s failed: %s", previous.definition().name(), e);
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
            LOG.infof("source %s skipped %s: %s", source.name(), item, reason);
            skipped.put(item, reason);
        }

        FetchReport report() {
            return new FetchReport(newArticles, duplicates, failed, skipped, firstFailure, null);
        }
    }
}
