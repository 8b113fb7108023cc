package io.vigil.engine.alert;

import io.vigil.engine.rule.Snippet;
import io.vigil.engine.watch.RuleBook;
import io.vigil.engine.watch.StoredSnippets;
import io.vigil.spi.notify.Notification.AlertNotice;
import io.vigil.spi.notify.Notification.ArticleNotice;
import io.vigil.spi.notify.Notification.Escalation;
import io.vigil.spi.notify.Notification.Passage;
import io.vigil.spi.notify.Notification.Span;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.hibernate.Session;

/**
 * Reads what a notification reports, as the delivery happens: the rule and how it was read, the story, the story's
 * matching articles with their outlets, the passages stored when they matched (each mark with the term and clause it
 * satisfied), the escalation when there was one, and the link to the alert page.
 *
 * <p>Reading at delivery time rather than copying into the outbox keeps outbox rows small and lets a retried
 * notification report the articles that joined meanwhile. Three queries per notification batch, whatever its number of
 * alerts. Part of the alert aggregate; call inside a transaction; thread-safe.
 */
@ApplicationScoped
public class AlertNotices {

    /** Enough to show what the story is; the link leads to the rest. */
    public static final int MAX_ARTICLES = 20;

    public static final int MAX_PASSAGES = 5;

    @Inject
    EntityManager entityManager;

    @Inject
    RuleBook rules;

    @ConfigProperty(name = "vigil.base-url", defaultValue = "http://localhost:8080")
    String baseUrl;

    private record AlertRow(
            long id,
            long ruleId,
            String ruleName,
            String ruleType,
            String query,
            long storyId,
            String title,
            Escalation escalation) {}

    /** Where the page of an alert is: {@code {vigil.base-url}/alerts/{id}}. */
    public String link(long alertId) {
        return stripSlash(baseUrl) + "/alerts/" + alertId;
    }

    /** The notices of the given alerts, in the given order; alerts deleted since are left out. */
    public List<AlertNotice> read(List<Long> alertIds) {
        if (alertIds.isEmpty()) {
            return List.of();
        }
        return entityManager.unwrap(Session.class).doReturningWork(connection -> read(connection, alertIds));
    }

    private List<AlertNotice> read(Connection connection, List<Long> alertIds) throws SQLException {
        Array ids = connection.createArrayOf("bigint", alertIds.toArray());
        Map<Long, AlertRow> alerts = new LinkedHashMap<>();
        try (PreparedStatement statement = connection.prepareStatement(
                """
                select a.id, a.rule_id, r.name, r.type, r.query, a.story_id, coalesce(s.title, a.title),
                       a.escalated_at, a.escalated_outlets, r.escalation_outlets, r.escalation_within_seconds
                from alert a join rule r on r.id = a.rule_id left join story s on s.id = a.story_id
                where a.id = any(?)
                """)) {
            statement.setArray(1, ids);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    Timestamp escalatedAt = rows.getTimestamp(8);
                    Escalation escalation = escalatedAt == null
                            ? null
                            : new Escalation(
                                    rows.getInt(10),
                                    Duration.ofSeconds(rows.getLong(11)),
                                    rows.getInt(9),
                                    escalatedAt.toInstant());
                    alerts.put(
                            rows.getLong(1),
                            new AlertRow(
                                    rows.getLong(1),
                                    rows.getLong(2),
                                    rows.getString(3),
                                    rows.getString(4),
                                    rows.getString(5),
                                    rows.getLong(6),
                                    rows.getString(7),
                                    escalation));
                }
            }
        }
        Map<Long, List<ArticleNotice>> articles = new LinkedHashMap<>();
        try (PreparedStatement statement = connection.prepareStatement(
                """
                select alert_id, ar.id, ar.title, ar.url, ar.source_name, coalesce(ar.published_at, ar.fetched_at)
                from (select a.id as alert_id, a.first_article_id as article_id from alert a where a.id = any(?)
                      union
                      select aa.alert_id, aa.article_id from alert_article aa where aa.alert_id = any(?)) member
                join article ar on ar.id = member.article_id
                order by alert_id, ar.fetched_at, ar.id
                """)) {
            statement.setArray(1, ids);
            statement.setArray(2, ids);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    List<ArticleNotice> list = articles.computeIfAbsent(rows.getLong(1), id -> new ArrayList<>());
                    if (list.size() < MAX_ARTICLES) {
                        Timestamp time = rows.getTimestamp(6);
                        list.add(new ArticleNotice(
                                rows.getLong(2),
                                rows.getString(3),
                                rows.getString(4),
                                rows.getString(5),
                                time == null ? null : time.toInstant()));
                    }
                }
            }
        }
        Map<Long, List<Passage>> passages = new LinkedHashMap<>();
        try (PreparedStatement statement = connection.prepareStatement(
                """
                select member.alert_id, m.snippets::text
                from (select a.id as alert_id, a.rule_id, a.first_article_id as article_id
                      from alert a where a.id = any(?)
                      union
                      select aa.alert_id, a.rule_id, aa.article_id
                      from alert_article aa join alert a on a.id = aa.alert_id where aa.alert_id = any(?)) member
                -- by (rule, article), the unique key: joining on the rule alone reads every match the rule ever had
                join article_match m on m.rule_id = member.rule_id and m.article_id = member.article_id
                order by member.alert_id, m.matched_at, m.id
                """)) {
            statement.setArray(1, ids);
            statement.setArray(2, ids);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    List<Passage> list = passages.computeIfAbsent(rows.getLong(1), id -> new ArrayList<>());
                    for (Snippet snippet : StoredSnippets.fromJson(rows.getString(2))) {
                        Passage passage = passage(snippet);
                        if (list.size() < MAX_PASSAGES && !passage.text().isEmpty() && !list.contains(passage)) {
                            list.add(passage);
                        }
                    }
                }
            }
        }
        Map<String, Optional<String>> readings = new HashMap<>();
        List<AlertNotice> notices = new ArrayList<>();
        for (Long id : alertIds) {
            AlertRow alert = alerts.get(id);
            if (alert == null) {
                continue;
            }
            String reading = readings.computeIfAbsent(
                            Long.toString(alert.ruleId()), key -> rules.reading(alert.ruleId()))
                    .orElse(null);
            notices.add(new AlertNotice(
                    alert.id(),
                    alert.ruleId(),
                    alert.ruleName(),
                    alert.query(),
                    alert.storyId(),
                    alert.title(),
                    articles.getOrDefault(id, List.of()),
                    passages.getOrDefault(id, List.of()),
                    link(id),
                    reading,
                    alert.escalation()));
        }
        return notices;
    }

    /** A stored snippet as notifiers get it: the text, and each mark with its term and clause. */
    static Passage passage(Snippet snippet) {
        return new Passage(
                snippet.text(),
                snippet.marks().stream()
                        .map(mark -> new Span(mark.start(), mark.end(), mark.term(), mark.clause()))
                        .toList());
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
