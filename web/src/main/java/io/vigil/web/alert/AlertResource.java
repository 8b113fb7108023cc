package io.vigil.web.alert;

import io.vigil.engine.watch.StoredSnippets;
import io.vigil.web.http.Page;
import io.vigil.web.http.Paging;
import io.vigil.web.http.Problem;
import io.vigil.web.http.ProblemException;
import io.vigil.web.rule.SnippetJson;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code /api/alerts}: one alert per (rule, story), newest first, with the passages that matched in the article that
 * opened it and every article of the story that joined it ("also reported by").
 */
@Path("/api/alerts")
@Produces(MediaType.APPLICATION_JSON)
public class AlertResource {

    private static final Set<String> FEEDBACK = Set.of("relevant", "not_relevant");

    @Inject
    EntityManager entityManager;

    /** An article of an alert's story that matched its rule. */
    public record AlertArticleJson(long id, String title, String source, String url, Instant publishedAt) {}

    /**
     * An alert.
     *
     * @param acknowledgedAt when someone acknowledged it, or {@code null}
     * @param feedback {@code relevant}, {@code not_relevant} or {@code null}
     * @param snippets the passages that matched in the article that opened it
     * @param articles the story's matching articles, the first one first
     */
    public record AlertJson(
            long id,
            long ruleId,
            String ruleName,
            long storyId,
            String title,
            int articleCount,
            Instant createdAt,
            Instant updatedAt,
            boolean muted,
            boolean acknowledged,
            Instant acknowledgedAt,
            String feedback,
            List<String> matchedTerms,
            List<SnippetJson> snippets,
            List<AlertArticleJson> articles) {}

    /** The analyst's judgement of an alert, kept for tuning rules: {@code relevant}, {@code not_relevant} or null. */
    public record FeedbackRequest(String feedback) {}

    private static final String ALERT_COLUMNS =
            """
            select a.id, a.rule_id, r.name, a.story_id, a.title, a.article_count, a.created_at, a.updated_at,
                   a.muted, a.acknowledged_at, a.feedback,
                   m.matched_terms, m.snippets::text
            from alert a
            join rule r on r.id = a.rule_id
            left join article_match m on m.rule_id = a.rule_id and m.article_id = a.first_article_id
            """;

    @GET
    @SuppressWarnings("unchecked")
    public Page<AlertJson> list(
            @QueryParam("ruleId") Long ruleId,
            @QueryParam("storyId") Long storyId,
            @QueryParam("since") String since,
            @QueryParam("limit") Integer limit,
            @QueryParam("offset") Integer offset) {
        Paging paging = Paging.of(limit, offset);
        Instant after = since == null || since.isBlank() ? null : instant(since);
        List<String> conditions = new ArrayList<>();
        List<Object> values = new ArrayList<>();
        if (ruleId != null) {
            values.add(ruleId);
            conditions.add("a.rule_id = ?" + values.size());
        }
        if (storyId != null) {
            values.add(storyId);
            conditions.add("a.story_id = ?" + values.size());
        }
        if (after != null) {
            values.add(after);
            conditions.add("a.updated_at >= ?" + values.size());
        }
        String where = conditions.isEmpty() ? "" : " where " + String.join(" and ", conditions);
        int offsetParameter = values.size() + 1;
        Query rows = entityManager.createNativeQuery(ALERT_COLUMNS + where + " order by a.created_at desc, a.id desc"
                + " offset ?" + offsetParameter + " limit ?" + (offsetParameter + 1));
        Query count = entityManager.createNativeQuery("select count(*) from alert a" + where);
        for (int i = 0; i < values.size(); i++) {
            rows.setParameter(i + 1, values.get(i));
            count.setParameter(i + 1, values.get(i));
        }
        rows.setParameter(offsetParameter, paging.offset()).setParameter(offsetParameter + 1, paging.limit());
        List<AlertJson> items = toJson(rows.getResultList());
        return new Page<>(items, ((Number) count.getSingleResult()).longValue());
    }

    @GET
    @Path("/{id}")
    public AlertJson get(@PathParam("id") long id) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager
                .createNativeQuery(ALERT_COLUMNS + " where a.id = ?1")
                .setParameter(1, id)
                .getResultList();
        if (rows.isEmpty()) {
            throw ProblemException.notFound("no alert " + id);
        }
        return toJson(rows).get(0);
    }

    /** Marks the alert as seen; acknowledging it again keeps the first time. */
    @POST
    @Path("/{id}/acknowledge")
    @Transactional
    public AlertJson acknowledge(@PathParam("id") long id) {
        int updated = entityManager
                .createNativeQuery("update alert set acknowledged_at = coalesce(acknowledged_at, now()) where id = ?1")
                .setParameter(1, id)
                .executeUpdate();
        if (updated == 0) {
            throw ProblemException.notFound("no alert " + id);
        }
        return get(id);
    }

    /** Records whether the alert was relevant; {@code null} clears the judgement. */
    @PUT
    @Path("/{id}/feedback")
    @Consumes(MediaType.APPLICATION_JSON)
    @Transactional
    public AlertJson feedback(@PathParam("id") long id, FeedbackRequest request) {
        String feedback = request == null ? null : request.feedback();
        if (feedback != null && !FEEDBACK.contains(feedback)) {
            throw new ProblemException(Problem.of(
                            400,
                            "Bad Request",
                            "feedback must be relevant, not_relevant or null, not '" + feedback + "'")
                    .withField("feedback"));
        }
        int updated = entityManager
                .createNativeQuery("update alert set feedback = ?2 where id = ?1")
                .setParameter(1, id)
                .setParameter(2, feedback)
                .executeUpdate();
        if (updated == 0) {
            throw ProblemException.notFound("no alert " + id);
        }
        return get(id);
    }

    private List<AlertJson> toJson(List<Object[]> rows) {
        if (rows.isEmpty()) {
            return List.of();
        }
        List<Long> ids = rows.stream().map(row -> ((Number) row[0]).longValue()).toList();
        Map<Long, List<AlertArticleJson>> articles = articles(ids);
        List<AlertJson> alerts = new ArrayList<>();
        for (Object[] row : rows) {
            long id = ((Number) row[0]).longValue();
            Instant acknowledgedAt = instantOf(row[9]);
            alerts.add(new AlertJson(
                    id,
                    ((Number) row[1]).longValue(),
                    (String) row[2],
                    ((Number) row[3]).longValue(),
                    (String) row[4],
                    ((Number) row[5]).intValue(),
                    instantOf(row[6]),
                    instantOf(row[7]),
                    (Boolean) row[8],
                    acknowledgedAt != null,
                    acknowledgedAt,
                    (String) row[10],
                    strings(row[11]),
                    SnippetJson.from(StoredSnippets.fromJson((String) row[12])),
                    articles.getOrDefault(id, List.of())));
        }
        return alerts;
    }

    /** The matching articles of each alert: the one that opened it, then those that joined, in order. */
    @SuppressWarnings("unchecked")
    private Map<Long, List<AlertArticleJson>> articles(List<Long> alertIds) {
        List<Object[]> rows = entityManager
                .createNativeQuery(
                        """
                        select member.alert_id, ar.id, ar.title, ar.source_name, ar.url,
                               coalesce(ar.published_at, ar.fetched_at)
                        from (select a.id as alert_id, a.first_article_id as article_id, 0 as first
                              from alert a where a.id in (?1)
                              union
                              select aa.alert_id, aa.article_id, 1 from alert_article aa
                              join alert a on a.id = aa.alert_id
                              where aa.alert_id in (?1) and aa.article_id <> a.first_article_id) member
                        join article ar on ar.id = member.article_id
                        order by member.alert_id, member.first, ar.fetched_at, ar.id
                        """)
                .setParameter(1, alertIds)
                .getResultList();
        Map<Long, List<AlertArticleJson>> byAlert = new LinkedHashMap<>();
        for (Object[] row : rows) {
            byAlert.computeIfAbsent(((Number) row[0]).longValue(), key -> new ArrayList<>())
                    .add(new AlertArticleJson(
                            ((Number) row[1]).longValue(),
                            (String) row[2],
                            (String) row[3],
                            (String) row[4],
                            instantOf(row[5])));
        }
        return byAlert.isEmpty() ? new HashMap<>() : byAlert;
    }

    /** A timestamp column as native queries return it. */
    public static Instant instantOf(Object value) {
        return switch (value) {
            case null -> null;
            case Instant instant -> instant;
            case OffsetDateTime offset -> offset.toInstant();
            case java.sql.Timestamp timestamp -> timestamp.toInstant();
            default -> throw new IllegalStateException("not a time: " + value.getClass());
        };
    }

    /** A {@code text[]} column as native queries return it. */
    public static List<String> strings(Object array) {
        if (array instanceof java.sql.Array sql) {
            try {
                return strings(sql.getArray());
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
        }
        if (array instanceof Object[] values) {
            return java.util.Arrays.stream(values).map(String::valueOf).toList();
        }
        return List.of();
    }

    private static Instant instant(String text) {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return Instant.parse(text);
            } catch (DateTimeParseException again) {
                throw new ProblemException(
                        Problem.of(400, "Bad Request", "since must be an ISO-8601 time such as 2026-01-31T12:00:00Z")
                                .withField("since"));
            }
        }
    }
}
