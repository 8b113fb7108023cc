package io.vigil.engine.alert;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.engine.alert.AlertView.AlertArticle;
import io.vigil.engine.archive.NativeRows;
import io.vigil.engine.watch.Escalation;
import io.vigil.engine.watch.StoredSnippets;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The alert aggregate: every read and write of the {@code alert}, {@code alert_article} and
 * {@code alert_digest_queue} tables goes through here. One alert per (rule, story).
 *
 * <h2>Its life</h2>
 *
 * <ol>
 *   <li><b>Open or join</b> ({@link #openOrJoin}): rule matching stores the first matching article of a story as a new
 *       alert, and each later one as joining it, in one statement so that two copies matching at once share one alert.
 *   <li><b>Mute</b> ({@link #mute}): a silence covered it; it is recorded and never sent.
 *   <li><b>Claim for notification</b>: an immediate notification ({@link #claimFirstNotification}), an update at most
 *       once per interval ({@link #claimUpdate}), a place in each digest route's queue ({@link #queueForDigests}) taken
 *       by that route's digest ({@link #takeForDigest}), and an escalation once ({@link #escalate}).
 *   <li><b>Handle</b>: acknowledged ({@link #acknowledge}) and judged ({@link #judge}) by a named user, at a time.
 *   <li><b>Read</b>: the inbox ({@link #inbox}, one statement per page whatever the filters), one alert
 *       ({@link #find}), and what notifications report ({@link AlertNotices}). Stored passages are parsed in one place,
 *       {@link StoredSnippets}.
 * </ol>
 *
 * <p>Writers run inside the caller's transaction (the article's, for opening and claiming), so an alert and its
 * notifications commit together. Thread-safe: it holds no state of its own.
 */
@ApplicationScoped
public class Alerts {

    /** The most articles an inbox entry carries; the alert page reads more. */
    public static final int INBOX_ARTICLES = 20;

    /**
     * A SQL condition, true when no alert refers to the article whose id is the expression {@code articleId} (as its
     * first article or one of its articles): what archive retention may delete. The alert tables stay this package's.
     */
    public static String noAlertRefersToArticle(String articleId) {
        return "not exists (select 1 from alert_article aa where aa.article_id = " + articleId + ")"
                + " and not exists (select 1 from alert al where al.first_article_id = " + articleId + ")";
    }

    /** A SQL condition, true when no alert is about the story whose id is the expression {@code storyId}. */
    public static String noAlertRefersToStory(String storyId) {
        return "not exists (select 1 from alert al where al.story_id = " + storyId + ")";
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    EntityManager entityManager;

    /**
     * What storing a matching article did to its (rule, story) alert.
     *
     * @param opened whether this article opened it; {@code false} when it joined an alert the story already had
     */
    public record Matched(long alertId, boolean opened) {}

    /**
     * What a bulk acknowledgement did.
     *
     * @param acknowledged the alerts acknowledged now
     * @param already those acknowledged before, which keep their first acknowledgement
     * @param missing the ids no alert has
     */
    public record Acknowledged(int acknowledged, int already, List<Long> missing) {
        public Acknowledged {
            missing = List.copyOf(missing);
        }
    }

    /** An alert taken from a digest queue: the alert and the article that opened it (for silences). */
    public record Queued(long alertId, long firstArticleId) {}

    /** A route: a rule and one of its channels. */
    public record RouteKey(long ruleId, long channelId) {}

    // --- Open, join, mute ---

    /**
     * Opens the alert of (rule, story) with this article, or adds the article to the alert the story has. Call in
     * the transaction that stores the article, after its match is stored.
     */
    public Matched openOrJoin(long ruleId, long storyId, String title, long articleId) {
        Object[] alert = (Object[]) entityManager
                .createNativeQuery(
                        """
                        insert into alert (rule_id, story_id, title, first_article_id)
                        values (?1, ?2, ?3, ?4)
                        on conflict (rule_id, story_id) do update
                            set article_count = alert.article_count + 1, updated_at = now()
                        returning id, (xmax = 0) as opened
                        """)
                .setParameter(1, ruleId)
                .setParameter(2, storyId)
                .setParameter(3, title)
                .setParameter(4, articleId)
                .getSingleResult();
        long alertId = ((Number) alert[0]).longValue();
        entityManager
                .createNativeQuery(
                        "insert into alert_article (alert_id, article_id) values (?1, ?2) on conflict do nothing")
                .setParameter(1, alertId)
                .setParameter(2, articleId)
                .executeUpdate();
        return new Matched(alertId, (Boolean) alert[1]);
    }

    /** Marks alerts muted: recorded, never sent — out of every digest queue too. */
    public void mute(Collection<Long> alertIds) {
        if (alertIds.isEmpty()) {
            return;
        }
        Long[] ids = alertIds.toArray(Long[]::new);
        entityManager
                .createNativeQuery("update alert set muted = true where id = any(?1)")
                .setParameter(1, ids)
                .executeUpdate();
        entityManager
                .createNativeQuery("delete from alert_digest_queue where alert_id = any(?1)")
                .setParameter(1, ids)
                .executeUpdate();
    }

    // --- Claim for notification ---

    /** Records that the alert's first notification is being sent now (the base of the update interval). */
    public void claimFirstNotification(long alertId, Instant now) {
        entityManager
                .createNativeQuery("update alert set notified_at = ?2 where id = ?1")
                .setParameter(1, alertId)
                .setParameter(2, now)
                .executeUpdate();
    }

    /**
     * Claims an update notification when none was sent within {@code minInterval}: decides and claims in one
     * statement, so two articles joining at once send one update.
     *
     * @return whether the update is due and now claimed
     */
    public boolean claimUpdate(long alertId, Instant now, java.time.Duration minInterval) {
        return entityManager
                        .createNativeQuery(
                                """
                                update alert set notified_at = ?2
                                where id = ?1 and not muted and (notified_at is null or notified_at <= ?3)
                                """)
                        .setParameter(1, alertId)
                        .setParameter(2, now)
                        .setParameter(3, now.minus(minInterval))
                        .executeUpdate()
                > 0;
    }

    /** Puts a newly opened alert in the queue of each of its rule's digest routes; answers how many. */
    public int queueForDigests(long alertId, long ruleId) {
        return entityManager
                .createNativeQuery(
                        """
                        insert into alert_digest_queue (rule_id, channel_id, alert_id, opened_at)
                        select rc.rule_id, rc.channel_id, a.id, a.created_at
                        from rule_channel rc
                        join rule r on r.id = rc.rule_id
                        join alert a on a.id = ?1 and a.rule_id = rc.rule_id
                        where rc.rule_id = ?2 and coalesce(rc.delivery, r.delivery) <> 'immediate' and not a.muted
                        on conflict do nothing
                        """)
                .setParameter(1, alertId)
                .setParameter(2, ruleId)
                .executeUpdate();
    }

    /**
     * Takes the alerts a route's digest owes that opened before {@code end}, oldest first: they leave the queue in the
     * caller's transaction, so a digest collects each alert once even with several instances.
     */
    @SuppressWarnings("unchecked")
    public List<Queued> takeForDigest(long ruleId, long channelId, Instant end) {
        List<Object[]> rows = entityManager
                .createNativeQuery(
                        """
                        with taken as (
                            delete from alert_digest_queue
                            where rule_id = ?1 and channel_id = ?2 and opened_at < ?3
                            returning alert_id, opened_at)
                        select a.id, a.first_article_id from taken t join alert a on a.id = t.alert_id
                        order by t.opened_at, a.id
                        """)
                .setParameter(1, ruleId)
                .setParameter(2, channelId)
                .setParameter(3, end)
                .getResultList();
        return rows.stream()
                .map(row -> new Queued(((Number) row[0]).longValue(), ((Number) row[1]).longValue()))
                .toList();
    }

    /** The routes whose queues hold alerts, whatever their delivery is now (a route made immediate still owes them). */
    @SuppressWarnings("unchecked")
    public Set<RouteKey> routesWithQueuedAlerts() {
        List<Object[]> rows = entityManager
                .createNativeQuery("select distinct rule_id, channel_id from alert_digest_queue")
                .getResultList();
        Set<RouteKey> routes = new java.util.HashSet<>();
        for (Object[] row : rows) {
            routes.add(new RouteKey(((Number) row[0]).longValue(), ((Number) row[1]).longValue()));
        }
        return routes;
    }

    /**
     * Escalates the alert when its story has now reached the threshold: {@code outlets} distinct outlets among its
     * articles within {@code within} of the earliest (by publication time, or fetch time when an outlet gave none).
     * Decided and recorded in one statement, once per alert: a second call, or a concurrent one, answers empty; a muted
     * alert never escalates.
     *
     * @return the distinct outlets reached, when the alert escalated now
     */
    public Optional<Integer> escalate(long alertId, Escalation escalation, Instant now) {
        @SuppressWarnings("unchecked")
        List<Number> reached = entityManager
                .createNativeQuery(
                        """
                        with members as (
                            select ar.source_name, coalesce(ar.published_at, ar.fetched_at) as at
                            from alert_article aa join article ar on ar.id = aa.article_id where aa.alert_id = ?1
                            union all
                            select ar.source_name, coalesce(ar.published_at, ar.fetched_at)
                            from alert a join article ar on ar.id = a.first_article_id where a.id = ?1),
                        reached as (
                            select count(distinct m.source_name) as outlets from members m
                            where m.at <= (select min(at) from members) + make_interval(secs => ?2))
                        update alert set escalated_at = ?3, escalated_outlets = reached.outlets
                        from reached
                        where alert.id = ?1 and alert.escalated_at is null and not alert.muted and reached.outlets >= ?4
                        returning reached.outlets
                        """)
                .setParameter(1, alertId)
                .setParameter(2, (double) escalation.within().toSeconds())
                .setParameter(3, now)
                .setParameter(4, escalation.outlets())
                .getResultList();
        return reached.isEmpty() ? Optional.empty() : Optional.of(reached.get(0).intValue());
    }

    // --- Handle ---

    /**
     * Acknowledges alerts as {@code user} at {@code now}; an alert acknowledged before keeps who did it first and
     * when. One statement for all.
     */
    @SuppressWarnings("unchecked")
    public Acknowledged acknowledge(Collection<Long> alertIds, String user, Instant now) {
        Set<Long> wanted = new LinkedHashSet<>(alertIds);
        if (wanted.isEmpty()) {
            return new Acknowledged(0, 0, List.of());
        }
        List<Object[]> rows = entityManager
                .createNativeQuery(
                        """
                        with target as (
                            select id, acknowledged_at is null as fresh from alert where id = any(?1) for update),
                        changed as (
                            update alert a set acknowledged_at = ?2, acknowledged_by = ?3
                            from target t where a.id = t.id and t.fresh
                            returning a.id)
                        select t.id, t.fresh from target t
                        """)
                .setParameter(1, wanted.toArray(Long[]::new))
                .setParameter(2, now)
                .setParameter(3, user)
                .getResultList();
        int fresh = 0;
        Set<Long> found = new LinkedHashSet<>();
        for (Object[] row : rows) {
            found.add(((Number) row[0]).longValue());
            if ((Boolean) row[1]) {
                fresh++;
            }
        }
        List<Long> missing = wanted.stream().filter(id -> !found.contains(id)).toList();
        return new Acknowledged(fresh, found.size() - fresh, missing);
    }

    /**
     * Records {@code user}'s judgement of an alert at {@code now}; {@link Feedback#UNJUDGED} takes it back.
     *
     * @return whether there is such an alert
     */
    public boolean judge(long alertId, Feedback feedback, String user, Instant now) {
        boolean judged = feedback != Feedback.UNJUDGED;
        return entityManager
                        .createNativeQuery(
                                "update alert set feedback = ?2, judged_by = ?3, judged_at = ?4 where id = ?1")
                        .setParameter(1, alertId)
                        .setParameter(2, feedback.id())
                        .setParameter(3, judged ? user : null)
                        .setParameter(4, judged ? now : null)
                        .executeUpdate()
                > 0;
    }

    // --- Read ---

    /**
     * One page of alerts matching the filters, with the total, in one statement: each alert with its rule, its
     * story, who handled it, and up to {@code articleLimit} articles with their passages.
     */
    public InboxPage inbox(InboxQuery query, int articleLimit) {
        List<Object> values = new ArrayList<>();
        String where = where(query, values);
        String order = query.order() == InboxQuery.Order.CHANGED
                ? "a.updated_at desc, a.id desc"
                : "a.created_at desc, a.id desc";
        values.add(query.offset());
        int offset = values.size();
        values.add(query.limit());
        int limit = values.size();
        values.add(articleLimit);
        int articles = values.size();
        String sql =
                """
                with matching as (select a.id, a.created_at, a.updated_at from alert a %s),
                counted as (select count(*) as total from matching),
                page as (select a.id from matching a order by %s offset ?%d limit ?%d)
                select c.total, %s
                from counted c
                left join page p on true
                left join alert a on a.id = p.id
                left join rule r on r.id = a.rule_id
                left join story s on s.id = a.story_id
                order by %s
                """
                        .formatted(where, order, offset, limit, columns(articles), order);
        Query statement = entityManager.createNativeQuery(sql);
        for (int i = 0; i < values.size(); i++) {
            statement.setParameter(i + 1, values.get(i));
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = statement.getResultList();
        long total = rows.isEmpty() ? 0 : ((Number) rows.get(0)[0]).longValue();
        List<AlertView> items = new ArrayList<>();
        for (Object[] row : rows) {
            if (row[1] != null) {
                items.add(view(row, 1));
            }
        }
        return new InboxPage(items, total);
    }

    /** One alert with up to {@code articleLimit} of its articles, or empty when there is none with this id. */
    public Optional<AlertView> find(long alertId, int articleLimit) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager
                .createNativeQuery("select " + columns(2) + " from alert a join rule r on r.id = a.rule_id"
                        + " left join story s on s.id = a.story_id where a.id = ?1")
                .setParameter(1, alertId)
                .setParameter(2, articleLimit)
                .getResultList();
        return rows.stream().findFirst().map(row -> view(row, 0));
    }

    /** The alerts each rule raised, for the given rules (all rules when {@code null}). */
    @SuppressWarnings("unchecked")
    public Map<Long, Long> countsByRule(Collection<Long> ruleIds) {
        Query query = ruleIds == null
                ? entityManager.createNativeQuery("select rule_id, count(*) from alert group by rule_id")
                : entityManager
                        .createNativeQuery("select rule_id, count(*) from alert where rule_id in (?1) group by rule_id")
                        .setParameter(1, ruleIds);
        Map<Long, Long> counts = new HashMap<>();
        if (ruleIds != null && ruleIds.isEmpty()) {
            return counts;
        }
        for (Object[] row : (List<Object[]>) query.getResultList()) {
            counts.put(((Number) row[0]).longValue(), ((Number) row[1]).longValue());
        }
        return counts;
    }

    /** How many alerts a rule had judged relevant and not relevant. */
    public record Judgments(int relevant, int notRelevant) {}

    /** One judged alert of a rule: the judgement and the article that opened it. */
    public record JudgedAlert(long alertId, Feedback feedback, long firstArticleId) {}

    /** The judged counts of every rule with at least one judged alert. */
    @SuppressWarnings("unchecked")
    public Map<Long, Judgments> judgedPerRule() {
        List<Object[]> rows = entityManager
                .createNativeQuery(
                        """
                        select rule_id, count(*) filter (where feedback = ?1), count(*) filter (where feedback = ?2)
                        from alert where feedback in (?1, ?2) group by rule_id
                        """)
                .setParameter(1, Feedback.RELEVANT.id())
                .setParameter(2, Feedback.NOT_RELEVANT.id())
                .getResultList();
        Map<Long, Judgments> judged = new HashMap<>();
        for (Object[] row : rows) {
            judged.put(
                    ((Number) row[0]).longValue(),
                    new Judgments(((Number) row[1]).intValue(), ((Number) row[2]).intValue()));
        }
        return judged;
    }

    /** A rule's judged alerts, newest first, at most {@code limit}. */
    @SuppressWarnings("unchecked")
    public List<JudgedAlert> judged(long ruleId, int limit) {
        List<Object[]> rows = entityManager
                .createNativeQuery(
                        """
                        select id, feedback, first_article_id from alert
                        where rule_id = ?1 and feedback in (?2, ?3) order by id desc limit ?4
                        """)
                .setParameter(1, ruleId)
                .setParameter(2, Feedback.RELEVANT.id())
                .setParameter(3, Feedback.NOT_RELEVANT.id())
                .setParameter(4, limit)
                .getResultList();
        return rows.stream()
                .map(row -> new JudgedAlert(
                        ((Number) row[0]).longValue(),
                        Feedback.of((String) row[1]).orElseThrow(),
                        ((Number) row[2]).longValue()))
                .toList();
    }

    /** Alerts opened per hour (UTC, the hour's start) since a time, for the dashboard's chart. */
    @SuppressWarnings("unchecked")
    public Map<Instant, Long> openedPerHour(Instant since) {
        List<Object[]> rows = entityManager
                .createNativeQuery("select date_trunc('hour', created_at at time zone 'UTC'), count(*) from alert"
                        + " where created_at >= ?1 group by 1")
                .setParameter(1, since)
                .getResultList();
        Map<Instant, Long> counts = new HashMap<>();
        for (Object[] row : rows) {
            counts.put(NativeRows.utcInstant(row[0]), ((Number) row[1]).longValue());
        }
        return counts;
    }

    /** The ids among these stories that have an escalated alert, for marking them. */
    @SuppressWarnings("unchecked")
    public Set<Long> escalatedStories(Collection<Long> storyIds) {
        if (storyIds.isEmpty()) {
            return Set.of();
        }
        List<Number> rows = entityManager
                .createNativeQuery(
                        "select distinct story_id from alert where story_id in (?1) and escalated_at is not null")
                .setParameter(1, storyIds)
                .getResultList();
        Set<Long> ids = new LinkedHashSet<>();
        rows.forEach(id -> ids.add(id.longValue()));
        return ids;
    }

    /** The filters as SQL on {@code alert a}, their values appended to {@code values} (numbered from 1). */
    private static String where(InboxQuery query, List<Object> values) {
        List<String> conditions = new ArrayList<>();
        if (query.ruleId() != null) {
            values.add(query.ruleId());
            conditions.add("a.rule_id = ?" + values.size());
        }
        if (query.storyId() != null) {
            values.add(query.storyId());
            conditions.add("a.story_id = ?" + values.size());
        }
        if (query.since() != null) {
            values.add(query.since());
            conditions.add("a.updated_at >= ?" + values.size());
        }
        if (query.until() != null) {
            values.add(query.until());
            conditions.add("a.created_at < ?" + values.size());
        }
        if (query.outlet() != null) {
            values.add(query.outlet());
            int at = values.size();
            conditions.add(
                    """
                    (exists (select 1 from alert_article aa join article ar on ar.id = aa.article_id
                             where aa.alert_id = a.id and lower(ar.source_name) = lower(?%d))
                     or exists (select 1 from article ar where ar.id = a.first_article_id
                             and lower(ar.source_name) = lower(?%d)))"""
                            .formatted(at, at));
        }
        if (query.state() != null) {
            conditions.add(
                    switch (query.state()) {
                        case NEW -> "a.acknowledged_at is null";
                        case ACKNOWLEDGED -> "a.acknowledged_at is not null";
                    });
        }
        if (query.feedback() != null) {
            values.add(query.feedback().id());
            conditions.add("a.feedback = ?" + values.size());
        }
        if (query.escalated() != null) {
            conditions.add(query.escalated() ? "a.escalated_at is not null" : "a.escalated_at is null");
        }
        if (query.muted() != null) {
            conditions.add(query.muted() ? "a.muted" : "not a.muted");
        }
        return conditions.isEmpty() ? "" : "where " + String.join(" and ", conditions);
    }

    /**
     * The columns of one alert on {@code alert a}, {@code rule r}, {@code story s}: its own, the terms that matched in
     * its opening article, and its articles (opening first) with their passages as one JSON array.
     *
     * @param articleLimit the parameter number of the most articles to read
     */
    private static String columns(int articleLimit) {
        return """
                a.id, a.rule_id, r.name, a.story_id, a.title, coalesce(s.title, a.title), a.article_count,
                a.created_at, a.updated_at, a.muted, a.acknowledged_at, a.acknowledged_by, a.feedback, a.judged_by,
                a.judged_at, a.escalated_at, a.escalated_outlets,
                (select m.matched_terms from article_match m
                 where m.rule_id = a.rule_id and m.article_id = a.first_article_id),
                (select cast(json_agg(json_build_object(
                            'id', ar.id, 'title', ar.title, 'source', ar.source_name, 'url', ar.url,
                            'time', coalesce(ar.published_at, ar.fetched_at), 'passages', m.snippets)
                         order by member.opening desc, ar.fetched_at, ar.id) as text)
                 from (select members.article_id, bool_or(members.opening) as opening
                       from (select a.first_article_id as article_id, true as opening
                             union all
                             select aa.article_id, false from alert_article aa where aa.alert_id = a.id) members
                       group by members.article_id
                       order by bool_or(members.opening) desc, members.article_id
                       limit ?%d) member
                 join article ar on ar.id = member.article_id
                 -- by (rule, article), the unique key: joining on the rule alone reads every match the rule had
                 left join article_match m on m.rule_id = a.rule_id and m.article_id = ar.id)
                """
                .formatted(articleLimit);
    }

    /** Reads the {@link #columns} of one row, from index {@code at}. */
    private static AlertView view(Object[] row, int at) {
        String feedback = (String) row[at + 12];
        return new AlertView(
                ((Number) row[at]).longValue(),
                ((Number) row[at + 1]).longValue(),
                (String) row[at + 2],
                ((Number) row[at + 3]).longValue(),
                (String) row[at + 4],
                (String) row[at + 5],
                ((Number) row[at + 6]).intValue(),
                NativeRows.instant(row[at + 7]),
                NativeRows.instant(row[at + 8]),
                (Boolean) row[at + 9],
                NativeRows.instant(row[at + 10]),
                (String) row[at + 11],
                Feedback.of(feedback).orElse(Feedback.UNJUDGED),
                (String) row[at + 13],
                NativeRows.instant(row[at + 14]),
                NativeRows.instant(row[at + 15]),
                row[at + 16] == null ? null : ((Number) row[at + 16]).intValue(),
                NativeRows.strings(row[at + 17]),
                articles((String) row[at + 18]));
    }

    private static List<AlertArticle> articles(String json) {
        List<AlertArticle> articles = new ArrayList<>();
        if (json == null) {
            return articles;
        }
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("PostgreSQL wrote JSON it cannot read back", e);
        }
        for (JsonNode article : root) {
            String time = article.path("time").asText(null);
            articles.add(new AlertArticle(
                    article.path("id").asLong(),
                    article.path("title").asText(""),
                    article.path("source").asText(""),
                    article.path("url").isTextual() ? article.path("url").asText() : null,
                    time == null ? null : OffsetDateTime.parse(time).toInstant(),
                    StoredSnippets.fromTree(article.path("passages"))));
        }
        return articles;
    }
}
