package io.vigil.web.alert;

import io.vigil.alerts.channel.Channel;
import io.vigil.alerts.outbox.DeliveryAttempt;
import io.vigil.alerts.outbox.OutboxEntry;
import io.vigil.engine.alert.AlertNotices;
import io.vigil.engine.alert.AlertView;
import io.vigil.engine.alert.Alerts;
import io.vigil.engine.watch.Escalation;
import io.vigil.engine.watch.RuleBook;
import io.vigil.engine.watch.WatchRule;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Everything the alert page and {@code GET /api/alerts/{id}} show of one alert: the alert with its articles and
 * passages, its rule and how the rule was read, and every notification made for it with its attempts.
 *
 * <p>Receivers' answers and delivery errors may quote a channel's URL, which can carry a secret (a chat webhook): they
 * are shown to admins only, as channel settings are.
 */
@ApplicationScoped
public class AlertDetails {

    /** The most articles the alert page lists; a story carried more widely says how many there are. */
    public static final int PAGE_ARTICLES = 200;

    @Inject
    Alerts alerts;

    @Inject
    AlertNotices notices;

    @Inject
    RuleBook rules;

    /**
     * An alert and what surrounds it.
     *
     * @param link where its page is, as notifications link to it
     */
    public record Detail(AlertView alert, RuleInfo rule, List<DeliveryView> deliveries, String link) {}

    /**
     * The alert's rule.
     *
     * @param reading the rule as its type read it (a query fully parenthesised), or {@code null}
     * @param escalation its escalation, or {@code null}
     */
    public record RuleInfo(long id, String name, String query, String type, String reading, Escalation escalation) {
        /** The escalation's time window as ISO-8601, or {@code null}. */
        public String escalationWithin() {
            return escalation == null ? null : escalation.within().toString();
        }
    }

    /**
     * One notification on one channel that reported the alert.
     *
     * @param lastError the reason it is failing or dead; {@code null} for non-admins
     * @param attempts every attempt, oldest first
     */
    public record DeliveryView(
            String notificationId,
            long channelId,
            String channelName,
            String kind,
            String status,
            int attemptCount,
            Instant createdAt,
            Instant deliveredAt,
            String lastError,
            List<AttemptView> attempts) {}

    /**
     * One attempt.
     *
     * @param error the error; {@code null} for non-admins
     */
    public record AttemptView(
            int attempt, String status, Integer responseCode, String error, long latencyMs, Instant attemptedAt) {}

    /** The alert with this id, or empty; {@code admin} decides whether delivery errors are shown. */
    @Transactional
    public Optional<Detail> find(long id, boolean admin) {
        Optional<AlertView> found = alerts.find(id, PAGE_ARTICLES);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        AlertView alert = found.get();
        WatchRule rule = WatchRule.findById(alert.ruleId());
        RuleInfo info = rule == null
                ? new RuleInfo(alert.ruleId(), alert.ruleName(), "", "", null, null)
                : new RuleInfo(
                        rule.id,
                        rule.name,
                        rule.query,
                        rule.type,
                        rules.reading(rule.id).orElse(null),
                        rule.escalation().orElse(null));
        return Optional.of(new Detail(alert, info, deliveries(id, admin), notices.link(id)));
    }

    private static List<DeliveryView> deliveries(long alertId, boolean admin) {
        List<OutboxEntry> entries = OutboxEntry.forAlert(alertId);
        if (entries.isEmpty()) {
            return List.of();
        }
        Map<Long, String> channelNames =
                Channel.namesOf(entries.stream().map(entry -> entry.channelId).toList());
        List<UUID> notificationIds =
                entries.stream().map(entry -> entry.notificationId).distinct().toList();
        Map<Long, List<AttemptView>> attempts = new HashMap<>();
        Map<Long, String> attemptChannels = new HashMap<>();
        for (DeliveryAttempt attempt : DeliveryAttempt.of(notificationIds)) {
            if (attempt.outboxId != null) {
                attempts.computeIfAbsent(attempt.outboxId, outbox -> new ArrayList<>())
                        .add(new AttemptView(
                                attempt.attempt,
                                attempt.status.id(),
                                attempt.responseCode,
                                admin ? attempt.error : null,
                                attempt.latencyMillis,
                                attempt.attemptedAt));
                attemptChannels.putIfAbsent(attempt.outboxId, attempt.channelName);
            }
        }
        return entries.stream()
                .map(entry -> new DeliveryView(
                        entry.notificationId.toString(),
                        entry.channelId,
                        channelNames.getOrDefault(
                                entry.channelId, attemptChannels.getOrDefault(entry.id, "channel " + entry.channelId)),
                        entry.kind,
                        entry.status.id(),
                        entry.attempts,
                        entry.createdAt,
                        entry.deliveredAt,
                        admin ? entry.lastError : null,
                        attempts.getOrDefault(entry.id, List.of())))
                .toList();
    }
}
