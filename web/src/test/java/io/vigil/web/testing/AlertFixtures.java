package io.vigil.web.testing;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.vigil.engine.alert.AlertRaised;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * Test support: rules, stories, articles and alerts written straight to the database, with {@link AlertRaised} fired
 * inside the same transaction — what rule matching does for a stored article — so delivery is tested on its own.
 *
 * <p>Articles are inserted directly rather than ingested, so no rule matching of the application interferes; rules get
 * a query no article here contains, for the same reason.
 */
@ApplicationScoped
public class AlertFixtures {

    private static final AtomicLong SEQUENCE = new AtomicLong(System.nanoTime());

    @Inject
    EntityManager entityManager;

    @Inject
    Event<AlertRaised> alertRaised;

    /** An alert that was opened, and the article that opened it. */
    public record Opened(long alertId, long ruleId, long storyId, long articleId) {}

    /** A rule sending to the given channels: {@code immediate}, {@code hourly} or {@code daily}. */
    public long rule(String name, String delivery, boolean notifyUpdates, long... channelIds) {
        return QuarkusTransaction.requiringNew().call(() -> {
            long ruleId = ((Number) entityManager
                            .createNativeQuery(
                                    """
                                    insert into rule (name, query, delivery, notify_updates)
                                    values (?1, 'zzdeliveryfixturezz', ?2, ?3) returning id
                                    """)
                            .setParameter(1, name + " " + SEQUENCE.incrementAndGet())
                            .setParameter(2, delivery)
                            .setParameter(3, notifyUpdates)
                            .getSingleResult())
                    .longValue();
            for (long channelId : channelIds) {
                entityManager
                        .createNativeQuery("insert into rule_channel (rule_id, channel_id) values (?1, ?2)")
                        .setParameter(1, ruleId)
                        .setParameter(2, channelId)
                        .executeUpdate();
            }
            return ruleId;
        });
    }

    /** A new story whose first article matches the rule: opens an alert, as rule matching would. */
    public Opened open(long ruleId, String title, String body) {
        return QuarkusTransaction.requiringNew().call(() -> {
            long storyId = ((Number) entityManager
                            .createNativeQuery(
                                    """
                                    insert into story (title, article_count, first_seen_at, last_seen_at)
                                    values (?1, 1, now(), now()) returning id
                                    """)
                            .setParameter(1, title)
                            .getSingleResult())
                    .longValue();
            long articleId = article(storyId, title, body, "Fixture Times");
            long alertId = ((Number) entityManager
                            .createNativeQuery(
                                    """
                                    insert into alert (rule_id, story_id, title, first_article_id)
                                    values (?1, ?2, ?3, ?4) returning id
                                    """)
                            .setParameter(1, ruleId)
                            .setParameter(2, storyId)
                            .setParameter(3, title)
                            .setParameter(4, articleId)
                            .getSingleResult())
                    .longValue();
            match(alertId, ruleId, articleId, title);
            alertRaised.fire(new AlertRaised(alertId, ruleId, storyId, articleId, true, false));
            return new Opened(alertId, ruleId, storyId, articleId);
        });
    }

    /** Another outlet carries the story: the article joins the alert, as rule matching would record it. */
    public long join(Opened alert, String source) {
        return join(alert, source, null);
    }

    /** Another outlet carries the story with this publication time ({@code null}: none, so its fetch time counts). */
    public long join(Opened alert, String source, java.time.Instant publishedAt) {
        return QuarkusTransaction.requiringNew().call(() -> {
            String title = (String) entityManager
                    .createNativeQuery("select title from story where id = ?1")
                    .setParameter(1, alert.storyId())
                    .getSingleResult();
            long articleId = article(alert.storyId(), title, "The same story as told by " + source + ".", source);
            if (publishedAt != null) {
                entityManager
                        .createNativeQuery("update article set published_at = ?2 where id = ?1")
                        .setParameter(1, articleId)
                        .setParameter(2, publishedAt)
                        .executeUpdate();
            }
            entityManager
                    .createNativeQuery(
                            "update alert set article_count = article_count + 1, updated_at = now() where id = ?1")
                    .setParameter(1, alert.alertId())
                    .executeUpdate();
            match(alert.alertId(), alert.ruleId(), articleId, title);
            alertRaised.fire(
                    new AlertRaised(alert.alertId(), alert.ruleId(), alert.storyId(), articleId, false, false));
            return articleId;
        });
    }

    /** Moves an alert's last notification back in time, as if the update interval had passed since. */
    public void backdateNotification(long alertId, java.time.Duration by) {
        QuarkusTransaction.requiringNew().run(() -> entityManager
                .createNativeQuery(
                        "update alert set notified_at = notified_at - make_interval(secs => ?2) where id = ?1")
                .setParameter(1, alertId)
                .setParameter(2, (double) by.toSeconds())
                .executeUpdate());
    }

    /** Whether an alert was marked muted. */
    public boolean isMuted(long alertId) {
        return QuarkusTransaction.requiringNew().call(() -> (Boolean) entityManager
                .createNativeQuery("select muted from alert where id = ?1")
                .setParameter(1, alertId)
                .getSingleResult());
    }

    /** How many outbox rows report an alert. */
    public long outboxRowsOf(long alertId) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) entityManager
                        .createNativeQuery("select count(*) from outbox where ?1 = any(alert_ids)")
                        .setParameter(1, alertId)
                        .getSingleResult())
                .longValue());
    }

    /**
     * Waits until {@code arrived} holds, as {@code await().atMost(patience).until(arrived)}; when it does not, fails
     * with the channel's {@linkplain #deliveryStateOf delivery state}, so a lost notification says where it stopped.
     */
    public void awaitArrival(long channelId, Duration patience, Callable<Boolean> arrived) {
        try {
            Awaitility.await().atMost(patience).until(arrived);
        } catch (ConditionTimeoutException e) {
            throw new AssertionError(
                    "nothing arrived within " + patience + " through " + deliveryStateOf(channelId), e);
        }
    }

    /**
     * What the outbox and the delivery attempts of one channel show, for a test's failure message: when a notification
     * did not arrive, this says whether it was never written, is waiting, is being retried, or died, and why.
     */
    public String deliveryStateOf(long channelId) {
        return QuarkusTransaction.requiringNew().call(() -> {
            StringBuilder state =
                    new StringBuilder("channel ").append(channelId).append(":");
            for (Object row : entityManager
                    .createNativeQuery(
                            """
                            select concat_ws(' ', 'outbox', id, kind, status, 'attempts', attempts,
                                             'due', next_attempt_at, 'now', now(), 'error', last_error)
                            from outbox where channel_id = ?1 order by id
                            """)
                    .setParameter(1, channelId)
                    .getResultList()) {
                state.append("\n  ").append(row);
            }
            for (Object row : entityManager
                    .createNativeQuery(
                            """
                            select concat_ws(' ', 'attempt', attempt, status, attempted_at, latency_ms, 'ms', error)
                            from delivery_attempt where channel_id = ?1 order by id
                            """)
                    .setParameter(1, channelId)
                    .getResultList()) {
                state.append("\n  ").append(row);
            }
            return state.toString();
        });
    }

    /** Runs one SQL query answering a number, such as a count. */
    public long number(String sql) {
        return QuarkusTransaction.requiringNew()
                .call(() -> ((Number) entityManager.createNativeQuery(sql).getSingleResult()).longValue());
    }

    private long article(long storyId, String title, String body, String source) {
        return ((Number) entityManager
                        .createNativeQuery(
                                """
                                insert into article (source_name, external_id, url, title, body, fetched_at,
                                    content_hash, minhash, sketch_bands, story_id)
                                values (?1, ?2, ?3, ?4, ?5, now(), ?2, '{}', '{}', ?6) returning id
                                """)
                        .setParameter(1, source)
                        .setParameter(2, "fixture-" + SEQUENCE.incrementAndGet())
                        .setParameter(3, "https://news.example.org/" + SEQUENCE.incrementAndGet())
                        .setParameter(4, title)
                        .setParameter(5, body)
                        .setParameter(6, storyId)
                        .getSingleResult())
                .longValue();
    }

    private void match(long alertId, long ruleId, long articleId, String title) {
        entityManager
                .createNativeQuery("insert into alert_article (alert_id, article_id) values (?1, ?2)")
                .setParameter(1, alertId)
                .setParameter(2, articleId)
                .executeUpdate();
        int end = Math.min(title.length(), title.indexOf(' ') < 0 ? title.length() : title.indexOf(' '));
        entityManager
                .createNativeQuery(
                        """
                        insert into article_match (rule_id, article_id, matched_terms, snippets)
                        values (?1, ?2, array['fixture'], cast(?3 as jsonb))
                        """)
                .setParameter(1, ruleId)
                .setParameter(2, articleId)
                .setParameter(
                        3,
                        "[{\"field\":\"title\",\"text\":\"" + title.replace("\"", "'") + "\",\"marks\":[[0," + end
                                + "]]}]")
                .executeUpdate();
    }
}
