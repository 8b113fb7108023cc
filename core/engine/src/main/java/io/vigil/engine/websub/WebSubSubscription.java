package io.vigil.engine.websub;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.vigil.engine.secret.CredentialMasks;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import org.hibernate.annotations.DynamicUpdate;

/**
 * One source's subscription at a WebSub hub: where, for which topic, with which secret, and how far it got. The
 * transitions are this class's methods; {@link WebSubSubscriber} makes the hub requests they call for.
 */
@Entity
// Only the changed columns are written, so writers that read the row at different times do not undo each other.
@DynamicUpdate
@Table(name = "websub_subscription")
public class WebSubSubscription extends PanacheEntityBase {

    /** Where a subscription stands; stored in lower case. */
    public enum State {
        /** to be requested from the hub */
        SUBSCRIBE,
        /** requested; the hub has not verified it yet */
        REQUESTED,
        /** verified by the hub, within its lease */
        ACTIVE,
        /** the hub answered the request with an error, or denied it */
        REFUSED,
        /** the hub never verified the request */
        UNVERIFIED,
        /** to be withdrawn at the hub */
        UNSUBSCRIBE,
        /** withdrawal requested; waiting for the hub's verification */
        UNSUBSCRIBING
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    /** How long the previous secret verifies deliveries after the hub verified the new one. */
    static final Duration PREVIOUS_SECRET_GRACE = Duration.ofHours(1);

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "source_id")
    public Long sourceId;

    @Column(name = "callback_id", nullable = false, unique = true)
    public String callbackId;

    @Column(nullable = false)
    public String hub;

    @Column(nullable = false)
    public String topic;

    @Column(nullable = false)
    public String secret;

    @Column(nullable = false)
    @jakarta.persistence.Convert(converter = StateColumn.class)
    public State state;

    @Column(name = "next_action_at", nullable = false)
    public Instant nextActionAt;

    @Column(name = "requested_at")
    public Instant requestedAt;

    @Column(name = "verified_at")
    public Instant verifiedAt;

    @Column(name = "expires_at")
    public Instant expiresAt;

    @Column(name = "lease_seconds")
    public Integer leaseSeconds;

    @Column(name = "last_error")
    public String lastError;

    @Column(nullable = false)
    public int deliveries;

    @Column(name = "refused_deliveries", nullable = false)
    public int refusedDeliveries;

    @Column(name = "last_delivery_at")
    public Instant lastDeliveryAt;

    /** Counts the secrets this subscription has had; a delivery is remembered under the version that verified it. */
    @Column(name = "secret_version", nullable = false)
    public int secretVersion = 1;

    /** Whether the hub verified a request that carried the current secret. */
    @Column(name = "secret_confirmed", nullable = false)
    public boolean secretConfirmed;

    /** The secret the hub verified before the current one (sealed), accepted until {@link #previousSecretUntil}. */
    @Column(name = "previous_secret")
    public String previousSecret;

    @Column(name = "previous_secret_version")
    public Integer previousSecretVersion;

    @Column(name = "previous_secret_until")
    public Instant previousSecretUntil;

    /** Signed deliveries taken before, answered without storing anything again. */
    @Column(name = "replayed_deliveries", nullable = false)
    public int replayedDeliveries;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt = Instant.now();

    /** A new subscription for a source, to be requested at once, with a fresh callback id and secret. */
    static WebSubSubscription forSource(long sourceId, String hub, String topic, Instant now) {
        WebSubSubscription subscription = new WebSubSubscription();
        subscription.sourceId = sourceId;
        subscription.hub = hub;
        subscription.topic = topic;
        subscription.callbackId = random(24);
        subscription.secret = newSecret();
        subscription.state = State.SUBSCRIBE;
        subscription.nextActionAt = now;
        return subscription;
    }

    public static Optional<WebSubSubscription> findBySource(long sourceId) {
        return find("sourceId", sourceId).firstResultOptional();
    }

    public static Optional<WebSubSubscription> findByCallback(String callbackId) {
        return find("callbackId", callbackId).firstResultOptional();
    }

    /** Whether the hub pushes to this subscription now, so polling can slow down. */
    public boolean isActive(Instant now) {
        return (state == State.ACTIVE || state == State.REQUESTED && verifiedAt != null)
                && expiresAt != null
                && expiresAt.isAfter(now);
    }

    /** Whether a delivery to this callback is one Vigil asked for: the subscription is (or is being renewed) live. */
    boolean takesDeliveries(Instant now) {
        return sourceId != null && isActive(now);
    }

    void requested(Instant now, Duration verifyTimeout) {
        state = state == State.UNSUBSCRIBE ? State.UNSUBSCRIBING : State.REQUESTED;
        requestedAt = now;
        nextActionAt = now.plus(verifyTimeout);
    }

    void refused(String reason, Instant now, Duration retryAfter) {
        state = State.REFUSED;
        lastError = CredentialMasks.maskedText(reason);
        nextActionAt = now.plus(retryAfter);
    }

    /**
     * Replaces the secret before a subscribe request carries it ({@code sealed}, the new one sealed): a hub signs with
     * the new one once it verifies the request. The secret the hub last verified stays accepted until the lease it
     * signs for ends, or shortly after the hub verifies the new one; a secret the hub never verified is dropped.
     */
    void replaceSecret(String sealed) {
        if (secretConfirmed) {
            previousSecret = secret;
            previousSecretVersion = secretVersion;
            previousSecretUntil = expiresAt;
        }
        secret = sealed;
        secretVersion++;
        secretConfirmed = false;
    }

    /** Whether the previous secret still verifies deliveries at {@code now}. */
    boolean previousSecretAccepted(Instant now) {
        return previousSecret != null && previousSecretUntil != null && previousSecretUntil.isAfter(now);
    }

    /**
     * The hub verified the subscription: it is live for the lease, and renewed when four fifths of it have passed, or
     * of {@code longestLease} when the hub granted more — the renewal replaces the secret, so a secret (and the memory
     * of the deliveries it signed) lives no longer than about the lease Vigil asks for, whatever a hub grants.
     */
    void verified(int lease, Instant now, Duration longestLease) {
        secretConfirmed = true;
        if (previousSecretAccepted(now) && previousSecretUntil.isAfter(now.plus(PREVIOUS_SECRET_GRACE))) {
            // deliveries the hub signed before it took the new secret may still be on their way
            previousSecretUntil = now.plus(PREVIOUS_SECRET_GRACE);
        }
        state = State.ACTIVE;
        verifiedAt = now;
        leaseSeconds = lease;
        expiresAt = now.plusSeconds(lease);
        lastError = null;
        nextActionAt = now.plusMillis(Math.max(1000, Math.min(lease, longestLease.toSeconds()) * 800L));
    }

    /** No verification came in time: polling carries on, and the hub is asked again later. */
    void silent(Instant now, Duration retryAfter) {
        state = State.UNVERIFIED;
        lastError = "the hub did not verify the subscription within the time allowed";
        nextActionAt = now.plus(retryAfter);
    }

    void withdraw(Instant now) {
        sourceId = null;
        state = State.UNSUBSCRIBE;
        nextActionAt = now;
    }

    /** A fresh HMAC secret, in plaintext. */
    static String newSecret() {
        return random(32);
    }

    private static String random(int bytes) {
        byte[] value = new byte[bytes];
        RANDOM.nextBytes(value);
        return HexFormat.of().formatHex(value);
    }

    /** Stores the state in lower case, as the table's check constraint spells it. */
    @jakarta.persistence.Converter
    public static class StateColumn implements jakarta.persistence.AttributeConverter<State, String> {
        @Override
        public String convertToDatabaseColumn(State state) {
            return state == null ? null : state.name().toLowerCase(java.util.Locale.ROOT);
        }

        @Override
        public State convertToEntityAttribute(String value) {
            return value == null ? null : State.valueOf(value.toUpperCase(java.util.Locale.ROOT));
        }
    }
}
