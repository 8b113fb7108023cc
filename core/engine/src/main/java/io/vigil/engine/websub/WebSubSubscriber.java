package io.vigil.engine.websub;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import io.vigil.engine.archive.ArchiveMigrations;
import io.vigil.engine.digest.Sha256;
import io.vigil.engine.input.LoggedText;
import io.vigil.engine.net.HttpPolicy;
import io.vigil.engine.net.NetSettings;
import io.vigil.engine.secret.Secrets;
import io.vigil.engine.source.ConfiguredSource;
import io.vigil.engine.source.FetchReport;
import io.vigil.engine.source.SourceRunner;
import io.vigil.engine.websub.WebSubSubscription.State;
import io.vigil.spi.http.HttpCall;
import io.vigil.spi.http.HttpReply;
import io.vigil.spi.http.OutboundHttp;
import io.vigil.spi.source.PushHub;
import io.vigil.spi.source.PushedContent;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Keeps sources subscribed at the WebSub hubs their feeds advertise, and takes what the hubs push.
 *
 * <h2>The flow</h2>
 * <ol>
 *   <li>A fetch reads a feed that advertises a hub ({@link #advertised}): a subscription is recorded with a fresh
 *       callback id and secret (a different hub or topic replaces the old one, which is withdrawn).
 *   <li>A scheduled pass ({@link #act}) sends the hub the subscribe request — callback
 *       {@code vigil.base-url/websub/{callback id}}, topic, secret, lease — through the platform's guarded client.
 *       A hub that answers with an error has refused; polling goes on, and it is asked again a day later.
 *   <li>The hub verifies with a GET ({@link #verify}); it is answered only for a subscription Vigil requested, for
 *       that topic. The lease starts then, and the subscription is renewed when four fifths of it have passed. A hub
 *       that does not verify in time is silent: polling goes on, and it is asked again later.
 *   <li>The hub POSTs new content ({@link #deliver}); it is taken only with a valid {@code X-Hub-Signature} of that
 *       subscription's secret, and read by the source itself ({@link SourceRunner#receive}), so a pushed entry is
 *       stored exactly as a polled one would be. A refused delivery stores nothing.
 *   <li>While a subscription is active, the feed is polled at most every {@link WebSubSettings#pollWhileSubscribed()},
 *       in case the hub misses something; a deleted or changed source's subscription is withdrawn at the hub.
 * </ol>
 *
 * <p>Rows are claimed with {@code FOR UPDATE SKIP LOCKED}, so several instances never send the same request twice.
 */
@ApplicationScoped
public class WebSubSubscriber {

    private static final Logger LOG = Logger.getLogger(WebSubSubscriber.class);
    private static final Duration CLAIM = Duration.ofMinutes(2);
    private static final Set<State> VERIFIABLE = Set.of(State.REQUESTED, State.ACTIVE, State.UNVERIFIED);

    @Inject
    WebSubSettings settings;

    @Inject
    NetSettings net;

    @Inject
    OutboundHttp http;

    @Inject
    SourceRunner runner;

    @Inject
    ArchiveMigrations archive;

    @Inject
    EntityManager entityManager;

    @Inject
    Secrets secrets;

    @ConfigProperty(name = "vigil.base-url", defaultValue = "http://localhost:8080")
    String baseUrl;

    Clock clock = Clock.systemUTC();

    private volatile boolean unreachableLogged;

    /** How often the deliveries of secrets no longer accepted are forgotten. */
    private static final Duration FORGET_EVERY = Duration.ofMinutes(10);

    private volatile Instant nextForgetting = Instant.EPOCH;

    /** The subscriptions whose first replay this instance logged; later ones are only counted. */
    private final Set<Long> replaysLogged = ConcurrentHashMap.newKeySet();

    private Counter replays;

    @Inject
    MeterRegistry meters;

    @PostConstruct
    void registerMeters() {
        replays = Counter.builder("vigil.websub.replays")
                .description("signed WebSub deliveries taken before and sent again: answered, nothing stored")
                .register(meters);
    }

    /** What a hub's verification request gets: the challenge to echo, a plain OK, or not found. */
    public sealed interface Verification {
        /** Echo this challenge with 200. */
        record Confirmed(String challenge) implements Verification {}

        /** The hub told us it denied the subscription; answer 200 without a body. */
        record Noted() implements Verification {}

        /** Not a subscription Vigil asked for (or not for this topic): answer 404. */
        record Unknown() implements Verification {}
    }

    /** What became of a content distribution. */
    public sealed interface Delivery {
        /** Stored, with what the source made of it. */
        record Stored(FetchReport report) implements Delivery {}

        /** Missing or wrong signature: nothing stored (403). */
        record Refused() implements Delivery {}

        /**
         * Signed, but taken before: a captured delivery sent again. Nothing is stored; answered 200, since a hub sends
         * again what it sees refused, and one that truly sent twice has what it sent.
         */
        record Replayed() implements Delivery {}

        /** No live subscription behind this callback (410, so the hub stops). */
        record Gone() implements Delivery {}
    }

    /** What the API shows of a source's subscription. */
    public record Status(
            String hub,
            String topic,
            String state,
            Instant verifiedAt,
            Instant expiresAt,
            String lastError,
            int deliveries,
            int refusedDeliveries,
            int replayedDeliveries,
            Instant lastDeliveryAt) {}

    /**
     * Records that a fetch of the source read a document advertising {@code hub}; subscribes unless the source is
     * already subscribed there for that topic.
     */
    public void advertised(long sourceId, PushHub hub) {
        if (!settings.enabled() || !callbackReachable()) {
            return;
        }
        String hubUrl = hub.hubs().get(0).toString();
        String topic = hub.topic().toString();
        Instant now = clock.instant();
        QuarkusTransaction.requiringNew().run(() -> {
            Optional<WebSubSubscription> current = WebSubSubscription.findBySource(sourceId);
            if (current.isPresent()) {
                WebSubSubscription subscription = current.get();
                if (subscription.hub.equals(hubUrl) && subscription.topic.equals(topic)) {
                    return;
                }
                subscription.withdraw(now);
                entityManager.flush();
            }
            WebSubSubscription subscription = WebSubSubscription.forSource(sourceId, hubUrl, topic, now);
            // The HMAC secret is a credential like a channel's: stored sealed, opened only to sign or verify.
            subscription.secret = secrets.seal(subscription.secret);
            subscription.persist();
            LOG.infof(
                    "source %d: its feed advertises the WebSub hub %s for %s; subscribing",
                    sourceId, LoggedText.of(hubUrl), LoggedText.of(topic));
        });
    }

    /** Withdraws the source's subscription at its hub, when the source is deleted or its settings change. */
    public void withdraw(long sourceId) {
        WebSubSubscription.findBySource(sourceId).ifPresent(subscription -> {
            subscription.withdraw(clock.instant());
            entityManager.flush();
        });
    }

    /** Whether a hub pushes the source's feed now, on the current transaction. */
    public boolean pushes(long sourceId) {
        Instant now = clock.instant();
        return WebSubSubscription.findBySource(sourceId)
                .map(subscription -> subscription.isActive(now))
                .orElse(false);
    }

    /** How often a source is polled while its hub pushes: its own interval, or the safety-net interval if longer. */
    public Duration pollingWhilePushed(Duration interval) {
        return interval.compareTo(settings.pollWhileSubscribed()) >= 0 ? interval : settings.pollWhileSubscribed();
    }

    /** The source's subscription as the API shows it. */
    public Optional<Status> status(long sourceId) {
        Instant now = clock.instant();
        return WebSubSubscription.findBySource(sourceId)
                .map(s -> new Status(
                        s.hub,
                        s.topic,
                        s.isActive(now) ? "active" : s.state.name().toLowerCase(Locale.ROOT),
                        s.verifiedAt,
                        s.expiresAt,
                        s.lastError,
                        s.deliveries,
                        s.refusedDeliveries,
                        s.replayedDeliveries,
                        s.lastDeliveryAt));
    }

    /** Answers a hub's verification of intent (WebSub §5.3) or its notice that it denied a subscription. */
    public Verification verify(
            String callbackId, String mode, String topic, String challenge, String lease, String reason) {
        Instant now = clock.instant();
        String verb = mode == null ? "" : mode.strip().toLowerCase(Locale.ROOT);
        return QuarkusTransaction.requiringNew().call(() -> {
            WebSubSubscription subscription =
                    WebSubSubscription.findByCallback(callbackId).orElse(null);
            if (subscription == null || topic == null || !subscription.topic.equals(topic.strip())) {
                return new Verification.Unknown();
            }
            switch (verb) {
                case "subscribe" -> {
                    if (subscription.sourceId == null
                            || !VERIFIABLE.contains(subscription.state)
                            || challenge == null
                            || challenge.isEmpty()) {
                        return new Verification.Unknown();
                    }
                    subscription.verified(leaseSeconds(lease), now, settings.lease());
                    relaxPolling(subscription.sourceId, now);
                    LOG.infof(
                            "source %d: the WebSub hub %s verified the subscription for %ds",
                            subscription.sourceId, LoggedText.of(subscription.hub), subscription.leaseSeconds);
                    return new Verification.Confirmed(challenge);
                }
                case "unsubscribe" -> {
                    if (subscription.state != State.UNSUBSCRIBING || challenge == null || challenge.isEmpty()) {
                        return new Verification.Unknown();
                    }
                    subscription.delete();
                    return new Verification.Confirmed(challenge);
                }
                case "denied" -> {
                    if (subscription.sourceId == null) {
                        subscription.delete();
                    } else {
                        subscription.refused(
                                "the hub denied the subscription"
                                        + (reason == null || reason.isBlank() ? "" : ": " + clip(reason)),
                                now,
                                settings.retryAfter());
                        pollAgain(subscription.sourceId);
                    }
                    return new Verification.Noted();
                }
                default -> {
                    return new Verification.Unknown();
                }
            }
        });
    }

    /**
     * The largest content distribution taken: the same as a fetched feed's answer ({@link HttpPolicy#defaults()}), so
     * a push is no way round the pull's cap. The callback is open to anyone, so it is checked before a body is read.
     */
    public static final long MAX_DELIVERY_BYTES = HttpPolicy.defaults().maxResponseBytes();

    /**
     * Whether {@code callbackId} names a subscription that takes deliveries now: asked before the body is read, so a
     * caller who knows no callback id cannot make Vigil buffer anything.
     */
    public boolean takesDeliveries(String callbackId) {
        Instant now = clock.instant();
        return QuarkusTransaction.requiringNew().call(() -> WebSubSubscription.findByCallback(callbackId)
                .filter(subscription -> subscription.takesDeliveries(now))
                .isPresent());
    }

    /**
     * Takes a content distribution for a callback: checks its signature, refuses what was taken before, and hands the
     * rest to the source.
     *
     * <p>A hub signs the body but no time, so a captured delivery would verify again later. Each delivery taken is
     * remembered (the SHA-256 of its body, in PostgreSQL, so every instance knows it) under the secret that verified
     * it, for as long as that secret is accepted; the secret is replaced at every renewal. A replay is therefore either
     * remembered or signed with a secret no longer accepted. Two copies sent at once are told apart by the primary key:
     * the second insert waits for the first and finds it.
     */
    public Delivery deliver(String callbackId, String signature, String contentType, byte[] body) {
        Instant now = clock.instant();
        record Live(
                long id,
                long sourceId,
                String hub,
                String secret,
                int version,
                String previous,
                Integer previousVersion) {}
        Live live = QuarkusTransaction.requiringNew().call(() -> WebSubSubscription.findByCallback(callbackId)
                .filter(subscription -> subscription.takesDeliveries(now))
                .map(subscription -> new Live(
                        subscription.id,
                        subscription.sourceId,
                        subscription.hub,
                        secrets.open(subscription.secret),
                        subscription.secretVersion,
                        subscription.previousSecretAccepted(now) ? secrets.open(subscription.previousSecret) : null,
                        subscription.previousSecretVersion))
                .orElse(null));
        if (live == null) {
            return new Delivery.Gone();
        }
        Integer version = WebSubSignature.verifies(signature, live.secret(), body)
                ? Integer.valueOf(live.version())
                : live.previous() != null && WebSubSignature.verifies(signature, live.previous(), body)
                        ? live.previousVersion()
                        : null;
        if (version == null) {
            count(live.id(), "refused_deliveries");
            LOG.warnf(
                    "source %d: refused a WebSub delivery with %s signature",
                    live.sourceId(), signature == null ? "no" : "a wrong");
            return new Delivery.Refused();
        }
        byte[] digest = Sha256.digest(body);
        if (!remember(live.id(), version, digest)) {
            count(live.id(), "replayed_deliveries");
            replays.increment();
            if (replaysLogged.add(live.id())) {
                LOG.warnf(
                        "source %d: ignored a WebSub delivery taken before (a signed body of %d bytes sent again,"
                                + " said to come from the hub %s); further ones to this subscription are counted in"
                                + " vigil_websub_replays, not logged",
                        live.sourceId(), body.length, LoggedText.of(live.hub()));
            }
            return new Delivery.Replayed();
        }
        FetchReport report;
        try {
            report = runner.receive(live.sourceId(), new PushedContent(contentType, body));
        } catch (RuntimeException e) {
            // not taken after all: the hub sends it again, and that must not count as a replay
            forget(live.id(), version, digest);
            throw e;
        }
        Instant taken = clock.instant();
        QuarkusTransaction.requiringNew().run(() -> entityManager
                .createNativeQuery("update websub_subscription set deliveries = deliveries + 1, last_delivery_at = ?2"
                        + " where id = ?1")
                .setParameter(1, live.id())
                .setParameter(2, taken)
                .executeUpdate());
        return new Delivery.Stored(report);
    }

    /** Counts a delivery in the subscription's row, in SQL: a hub may send several at once, and none may be lost. */
    private void count(long subscriptionId, String counter) {
        QuarkusTransaction.requiringNew().run(() -> entityManager
                .createNativeQuery("update websub_subscription set " + counter + " = " + counter + " + 1 where id = ?1")
                .setParameter(1, subscriptionId)
                .executeUpdate());
    }

    /** Records a delivery as taken; answers {@code false} when it was taken before. */
    private boolean remember(long subscriptionId, int version, byte[] digest) {
        return QuarkusTransaction.requiringNew()
                .call(() -> entityManager
                                .createNativeQuery(
                                        """
                                        insert into websub_delivery (subscription_id, secret_version, digest)
                                        values (?1, ?2, ?3) on conflict do nothing
                                        """)
                                .setParameter(1, subscriptionId)
                                .setParameter(2, version)
                                .setParameter(3, digest)
                                .executeUpdate()
                        == 1);
    }

    private void forget(long subscriptionId, int version, byte[] digest) {
        QuarkusTransaction.requiringNew().run(() -> entityManager
                .createNativeQuery("delete from websub_delivery where subscription_id = ?1 and secret_version = ?2"
                        + " and digest = ?3")
                .setParameter(1, subscriptionId)
                .setParameter(2, version)
                .setParameter(3, digest)
                .executeUpdate());
    }

    /**
     * Forgets the deliveries whose secret is no longer accepted: they can no longer be replayed, since their signature
     * no longer verifies. Answers how many were forgotten.
     */
    public int forgetRetiredDeliveries() {
        return QuarkusTransaction.requiringNew().call(() -> entityManager
                .createNativeQuery(
                        """
                                delete from websub_delivery d using websub_subscription s
                                where d.subscription_id = s.id
                                  and d.secret_version <> s.secret_version
                                  and not (d.secret_version = s.previous_secret_version
                                           and s.previous_secret_until > ?1)
                                """)
                .setParameter(1, clock.instant())
                .executeUpdate());
    }

    @Scheduled(every = "${vigil.websub.check-every:PT30S}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void act() {
        if (!archive.isReady() || !settings.enabled()) {
            return;
        }
        Instant now = clock.instant();
        if (!now.isBefore(nextForgetting)) {
            nextForgetting = now.plus(FORGET_EVERY);
            try {
                forgetRetiredDeliveries();
            } catch (RuntimeException e) {
                LOG.errorf(LoggedText.thrown(e), "WebSub: forgetting the deliveries of retired secrets failed");
            }
        }
        for (Long id : claimDue()) {
            try {
                act(id);
            } catch (RuntimeException e) {
                LOG.errorf(LoggedText.thrown(e), "WebSub subscription %d: the request to its hub failed", id);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private List<Long> claimDue() {
        return QuarkusTransaction.requiringNew().call(() -> entityManager
                .createNativeQuery(
                        """
                        update websub_subscription set next_action_at = now() + cast(?1 as interval)
                        where id in (
                            select id from websub_subscription
                            where next_action_at <= ?2
                            order by next_action_at
                            limit 20
                            for update skip locked)
                        returning id
                        """,
                        Long.class)
                .setParameter(1, CLAIM.toSeconds() + " seconds")
                .setParameter(2, clock.instant())
                .getResultList());
    }

    /** Does what a due subscription needs: request, renew, give up waiting, withdraw or forget. */
    private void act(long id) {
        record Due(State state, String hub, String topic, String callbackId, Long sourceId) {}
        Due due = QuarkusTransaction.requiringNew().call(() -> {
            WebSubSubscription s = WebSubSubscription.findById(id);
            return s == null ? null : new Due(s.state, s.hub, s.topic, s.callbackId, s.sourceId);
        });
        if (due == null) {
            return;
        }
        Instant now = clock.instant();
        switch (due.state()) {
            case SUBSCRIBE, REFUSED, UNVERIFIED, ACTIVE -> {
                if (due.sourceId() == null) {
                    update(id, WebSubSubscription::delete);
                    return;
                }
                // Marked as asked before asking: a hub may verify before its answer to the request arrives. Each
                // request carries a new secret, so what was signed with an old one stops verifying (see deliver).
                String secret = WebSubSubscription.newSecret();
                update(id, s -> {
                    s.replaceSecret(secrets.seal(secret));
                    s.requested(now, settings.verifyTimeout());
                });
                String failure = request("subscribe", due.hub(), due.topic(), secret, due.callbackId());
                if (failure != null) {
                    update(id, s -> {
                        s.refused(failure, clock.instant(), settings.retryAfter());
                        pollAgain(s.sourceId);
                    });
                    LOG.warnf("source %d: %s; it stays polled", due.sourceId(), LoggedText.of(failure));
                }
            }
            case REQUESTED ->
                update(id, s -> {
                    s.silent(now, settings.retryAfter());
                    pollAgain(s.sourceId);
                });
            case UNSUBSCRIBE -> {
                update(id, s -> s.requested(now, settings.verifyTimeout()));
                String failure = request("unsubscribe", due.hub(), due.topic(), null, due.callbackId());
                if (failure != null) {
                    update(id, WebSubSubscription::delete);
                }
            }
            case UNSUBSCRIBING -> update(id, WebSubSubscription::delete);
        }
    }

    /** The hub pushes now: the source's next poll moves out to the safety-net interval. */
    private void relaxPolling(Long sourceId, Instant now) {
        ConfiguredSource source = sourceId == null ? null : ConfiguredSource.findById(sourceId);
        if (source != null) {
            Instant relaxed = now.plus(pollingWhilePushed(source.fetchInterval()));
            if (source.nextFetchAt.isBefore(relaxed)) {
                source.nextFetchAt = relaxed;
            }
        }
    }

    /** The hub stopped pushing: the source is polled at its own interval again, from now. */
    private void pollAgain(Long sourceId) {
        ConfiguredSource source = sourceId == null ? null : ConfiguredSource.findById(sourceId);
        if (source != null) {
            Instant due = clock.instant().plus(source.fetchInterval());
            if (source.nextFetchAt.isAfter(due)) {
                source.nextFetchAt = due;
            }
        }
    }

    private void update(long id, java.util.function.Consumer<WebSubSubscription> change) {
        QuarkusTransaction.requiringNew().run(() -> {
            WebSubSubscription subscription = WebSubSubscription.findById(id);
            if (subscription != null) {
                change.accept(subscription);
            }
        });
    }

    /** Sends a subscribe or unsubscribe request; returns why it failed, or {@code null} when the hub accepted it. */
    private String request(String mode, String hub, String topic, String secret, String callbackId) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("hub.mode", mode);
        form.put("hub.topic", topic);
        form.put("hub.callback", callback(callbackId));
        if (secret != null) {
            form.put("hub.secret", secret);
            form.put("hub.lease_seconds", Long.toString(settings.lease().toSeconds()));
        }
        String body = form.entrySet().stream()
                .map(entry -> URLEncoder.encode(entry.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(entry.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        try {
            HttpReply reply = http.send(HttpCall.post(
                            URI.create(hub),
                            Map.of("Content-Type", "application/x-www-form-urlencoded"),
                            body.getBytes(StandardCharsets.UTF_8))
                    .withTimeout(Duration.ofSeconds(10))
                    .withMaxBytes(64 * 1024));
            if (reply.isSuccess()) {
                return null;
            }
            String answer = clip(new String(reply.body(), StandardCharsets.UTF_8).strip());
            return "the WebSub hub " + hub + " refused to " + mode + " (HTTP " + reply.status() + ")"
                    + (answer.isEmpty() ? "" : ": " + answer);
        } catch (IOException | IllegalArgumentException e) {
            return "the WebSub hub " + hub + " could not be reached: " + (e.getMessage() == null ? e : e.getMessage());
        }
    }

    String callback(String callbackId) {
        return baseUrl.replaceAll("/+$", "") + "/websub/" + callbackId;
    }

    /** A hub on the internet cannot call back a loopback address; do not ask one to, unless private ones are allowed. */
    private boolean callbackReachable() {
        if (net.allowPrivate()) {
            return true;
        }
        try {
            String host = URI.create(baseUrl).getHost();
            boolean loopback = host == null || InetAddress.getByName(host).isLoopbackAddress();
            if (loopback && !unreachableLogged) {
                unreachableLogged = true;
                LOG.infof(
                        "feeds advertise WebSub hubs, but vigil.base-url (%s) is not reachable from outside;"
                                + " set it to Vigil's public address to get pushes",
                        baseUrl);
            }
            return !loopback;
        } catch (UnknownHostException | IllegalArgumentException e) {
            return false;
        }
    }

    private int leaseSeconds(String lease) {
        try {
            long seconds = Long.parseLong(lease == null ? "" : lease.strip());
            return (int) Math.max(1, Math.min(seconds, Integer.MAX_VALUE));
        } catch (NumberFormatException missing) {
            return (int) settings.lease().toSeconds();
        }
    }

    private static String clip(String text) {
        String line = text.replaceAll("\\s+", " ");
        return line.length() <= 200 ? line : line.substring(0, 200) + "…";
    }
}
