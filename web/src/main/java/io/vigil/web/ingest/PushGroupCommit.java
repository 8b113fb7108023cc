package io.vigil.web.ingest;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.vigil.engine.ingest.DocumentOutcome;
import io.vigil.engine.ingest.Durability;
import io.vigil.engine.ingest.IngestPipeline;
import io.vigil.engine.ingest.IngestPipeline.PreparedDocument;
import io.vigil.engine.ingest.IngestSettings;
import io.vigil.engine.ingest.SourceRef;
import io.vigil.engine.ingest.UnusableDocumentException;
import io.vigil.engine.source.ConfiguredSource;
import io.vigil.spi.source.RawDocument;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Group commit for single pushes: concurrent single pushes to one source are stored together, in one transaction of
 * {@link IngestPipeline#storeAll} (the batch path that {@code ingestAll} and the NDJSON push use), instead of a
 * transaction and a synchronous commit each. A single push's cost was mostly per request and per transaction (JDBC, the
 * transaction manager, the source's lookup: docs/benchmarks.md, "Scale"), which a group pays once. Each push is readied
 * ({@link IngestPipeline#prepare}: extraction, analysis, matching) in its own request thread first, so that work still
 * runs in parallel and only the commit is shared; an unusable document is answered then, before it joins a group.
 *
 * <p>Leader and followers, no timer: a push that finds nothing of its source being stored stores itself at once, alone.
 * Pushes that arrive meanwhile form the next group, of at most {@code vigil.ingest.batch-documents} documents and
 * {@code vigil.ingest.batch-bytes} bytes; a push that finds it full waits for room (the back-pressure: nothing queues
 * beyond one storing and one forming group per source). When a group's commit is done its pushes are answered and the
 * next group is handed to its first push, whose request thread stores it; so each answer comes after the commit that
 * holds its article, and a request thread stores at most one group. Each push keeps its own outcome: {@code storeAll}
 * answers per document and, when a batch fails, stores each alone.
 *
 * <p>Thread-safe. Waits are uninterruptible and every group is answered and handed on in a {@code finally}, so no push
 * waits for ever, at shutdown either. Not for {@code vigil.bus=kafka}, where the broker, not a commit, answers a push.
 */
@ApplicationScoped
public class PushGroupCommit {

    @Inject
    IngestPipeline pipeline;

    @Inject
    IngestSettings settings;

    @Inject
    MeterRegistry meters;

    /** Where a single push goes: a push token's own source, or the source a push names, looked up when it is stored. */
    public record PushSource(SourceRef tokenSource, String name) {

        private SourceRef resolve() {
            return tokenSource != null
                    ? tokenSource
                    : new SourceRef(
                            ConfiguredSource.findByName(name).map(s -> s.id).orElse(null), name);
        }
    }

    /** A push waiting for its turn, which comes once: its outcome, or a group (itself first) to store. */
    private record Pending(PreparedDocument document, long bytes, CompletableFuture<Turn> turn) {}

    private sealed interface Turn {
        record Answered(DocumentOutcome outcome) implements Turn {}

        record Lead(List<Pending> group) implements Turn {}
    }

    /** The next group of a source whose current group is being stored. */
    private static final class Forming {
        final List<Pending> pushes = new ArrayList<>();
        long bytes;
    }

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition room = lock.newCondition();

    /** Guarded by {@link #lock}: a source is here while one of its groups is being stored. */
    private final Map<PushSource, Forming> storing = new HashMap<>();

    private DistributionSummary groupSizes;

    @PostConstruct
    void registerMeters() {
        groupSizes = meters.summary("vigil.ingest.push.group");
        meters.gauge("vigil.ingest.push.waiting", this, PushGroupCommit::waiting);
    }

    /** Pushes waiting for their group to be stored, over all sources. */
    private double waiting() {
        lock.lock();
        try {
            return storing.values().stream().mapToInt(f -> f.pushes.size()).sum();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Stores one pushed document durably ({@link Durability#ACKNOWLEDGED}), alone or with others pushed to {@code
     * source} meanwhile, and returns once the commit that holds it is done.
     */
    public DocumentOutcome store(RawDocument document, PushSource source) {
        PreparedDocument ready;
        try {
            ready = pipeline.prepare(document, source.name());
        } catch (UnusableDocumentException e) {
            return new DocumentOutcome.Unusable(e.getMessage());
        }
        Pending mine = new Pending(ready, document.content().length(), new CompletableFuture<>());
        List<Pending> group = join(mine, source);
        if (group == null) {
            switch (mine.turn().join()) {
                case Turn.Answered answered -> {
                    return answered.outcome();
                }
                case Turn.Lead lead -> group = lead.group();
            }
        }
        return lead(group, source);
    }

    /** Joins the forming group of {@code source} and returns null, or returns the group of one it is to store now. */
    private List<Pending> join(Pending push, PushSource source) {
        lock.lock();
        try {
            while (true) {
                Forming forming = storing.get(source);
                if (forming == null) {
                    storing.put(source, new Forming());
                    return List.of(push);
                }
                if (forming.pushes.isEmpty()
                        || (forming.pushes.size() < settings.batchDocuments()
                                && forming.bytes + push.bytes() <= settings.batchBytes())) {
                    forming.pushes.add(push);
                    forming.bytes += push.bytes();
                    return null;
                }
                room.awaitUninterruptibly();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Stores {@code group} (its leader first), answers the others, hands the next group on; the leader's outcome. */
    private DocumentOutcome lead(List<Pending> group, PushSource source) {
        List<DocumentOutcome> outcomes = null;
        try {
            outcomes = storeTogether(group, source);
        } catch (RuntimeException e) {
            outcomes = Collections.nCopies(group.size(), new DocumentOutcome.Failed(e));
        } finally {
            for (int i = 1; i < group.size(); i++) {
                if (outcomes != null) {
                    group.get(i).turn().complete(new Turn.Answered(outcomes.get(i)));
                } else {
                    group.get(i).turn().completeExceptionally(new IllegalStateException("the group's leader failed"));
                }
            }
            handOn(source);
        }
        return outcomes.get(0);
    }

    private List<DocumentOutcome> storeTogether(List<Pending> group, PushSource source) {
        groupSizes.record(group.size());
        return pipeline.storeAll(
                group.stream().map(Pending::document).toList(), source.resolve(), Durability.ACKNOWLEDGED);
    }

    /** The forming group of {@code source}, if any, goes to its first push to store; else the source is idle again. */
    private void handOn(PushSource source) {
        lock.lock();
        try {
            Forming next = storing.get(source);
            if (next.pushes.isEmpty()) {
                storing.remove(source);
                return;
            }
            storing.put(source, new Forming());
            room.signalAll();
            List<Pending> group = List.copyOf(next.pushes);
            group.get(0).turn().complete(new Turn.Lead(group));
        } finally {
            lock.unlock();
        }
    }
}
