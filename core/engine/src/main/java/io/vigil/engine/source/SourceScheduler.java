package io.vigil.engine.source;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import io.vigil.engine.archive.ArchiveMigrations;
import io.vigil.engine.input.LoggedText;
import io.vigil.engine.plugin.PluginRegistry;
import io.vigil.spi.config.PluginConfig;
import io.vigil.spi.source.SourceFactory;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import org.jboss.logging.Logger;

/**
 * Fetches sources when they are due, politely. Each tick claims due sources in PostgreSQL — pushing their next run a
 * lease ahead, with {@code FOR UPDATE SKIP LOCKED} so several Vigil instances never claim the same source — and runs
 * them, at most {@link SourceSettings#maxConcurrentFetches()} at once and at most
 * {@link SourceSettings#maxFetchesPerHost()} against one host. A source whose host is busy is put back to be tried a
 * tick later. The fetch itself sets the real next run: the interval with jitter, or a backoff after a failure.
 *
 * <p>The per-host count is this instance's; several instances each keep their own.
 */
@ApplicationScoped
public class SourceScheduler {

    private static final Logger LOG = Logger.getLogger(SourceScheduler.class);

    @Inject
    SourceRunner runner;

    @Inject
    SourceSettings settings;

    @Inject
    ArchiveMigrations archive;

    @Inject
    PluginRegistry plugins;

    @Inject
    EntityManager entityManager;

    private final ExecutorService fetchers = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("source-fetch-", 0).factory());
    private final Set<Long> running = ConcurrentHashMap.newKeySet();
    private volatile Semaphore slots;
    private volatile HostSlots hostSlots;

    /** A claimed source and the host it talks to ({@code null} when it talks to none). */
    private record Claimed(long id, String host) {}

    @Scheduled(every = "${vigil.sources.poll-every}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void fetchDueSources() {
        if (!archive.isReady()) {
            return;
        }
        if (slots == null) {
            slots = new Semaphore(settings.maxConcurrentFetches());
            hostSlots = new HostSlots(settings.maxFetchesPerHost());
        }
        int free = slots.availablePermits();
        if (free <= 0) {
            return;
        }
        List<Long> busyHost = new ArrayList<>();
        for (Claimed claimed : claimDue(free)) {
            if (!running.add(claimed.id())) {
                continue;
            }
            if (!hostSlots.tryAcquire(claimed.host())) {
                running.remove(claimed.id());
                busyHost.add(claimed.id());
                continue;
            }
            if (!slots.tryAcquire()) {
                hostSlots.release(claimed.host());
                running.remove(claimed.id());
                busyHost.add(claimed.id());
                continue;
            }
            fetchers.submit(() -> {
                try {
                    runner.fetch(claimed.id());
                } catch (RuntimeException e) {
                    LOG.errorf(LoggedText.thrown(e), "fetching source %d failed", claimed.id());
                } finally {
                    hostSlots.release(claimed.host());
                    running.remove(claimed.id());
                    slots.release();
                }
            });
        }
        if (!busyHost.isEmpty()) {
            putBack(busyHost);
        }
    }

    @SuppressWarnings("unchecked")
    private List<Claimed> claimDue(int limit) {
        return QuarkusTransaction.requiringNew().call(() -> {
            List<Long> ids = entityManager
                    .createNativeQuery(
                            """
                            update source set next_fetch_at = now() + cast(?1 as interval)
                            where id in (
                                select id from source
                                where enabled and next_fetch_at <= now()
                                order by next_fetch_at
                                limit ?2
                                for update skip locked)
                            returning id
                            """,
                            Long.class)
                    .setParameter(1, settings.lease().toSeconds() + " seconds")
                    .setParameter(2, limit)
                    .getResultList();
            if (ids.isEmpty()) {
                return List.of();
            }
            List<ConfiguredSource> sources = ConfiguredSource.list("id in ?1 order by nextFetchAt", ids);
            return sources.stream()
                    .map(source -> new Claimed(source.id, host(source.type, source.config)))
                    .toList();
        });
    }

    /**
     * Makes sources that could not start because their host was busy due again a tick from now — not at once, so
     * that sources due earlier for other hosts come first in the next claim.
     */
    private void putBack(List<Long> ids) {
        QuarkusTransaction.requiringNew().run(() -> entityManager
                .createNativeQuery("update source set next_fetch_at = now() + cast(?1 as interval) where id in (?2)")
                .setParameter(1, tick().toMillis() + " milliseconds")
                .setParameter(2, ids)
                .executeUpdate());
    }

    private Duration tick() {
        try {
            return PluginConfig.parseDuration(settings.pollEvery());
        } catch (IllegalArgumentException e) {
            return Duration.ofSeconds(5);
        }
    }

    /**
     * The host a source talks to: that of the {@linkplain SourceFactory#addressField() address field} its type
     * declares, lowercased; {@code null} for types without one (a folder) or a value that is no URL.
     */
    String host(String type, Map<String, String> config) {
        return plugins.sourceFactory(type)
                .flatMap(SourceFactory::addressField)
                .map(config::get)
                .filter(value -> !value.isBlank())
                .map(SourceScheduler::hostOf)
                .orElse(null);
    }

    private static String hostOf(String url) {
        try {
            String host = URI.create(url.strip()).getHost();
            return host == null ? null : host.toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    @PreDestroy
    void stop() {
        fetchers.shutdownNow();
    }
}
