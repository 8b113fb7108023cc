package io.vigil.web.ui;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.vigil.web.ui.Passages.Passage;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestHeader;

/**
 * {@code /alerts}: the inbox, grouped by story — for each story the rules that alerted, the outlets that carried it and
 * the matched passages — with "relevant", "not relevant" (kept for tuning) and "acknowledge".
 */
@Path("/alerts")
public class AlertsPage {

    static final int ALERTS_SHOWN = 100;

    /** The periods the inbox can be filtered to, in the order the filter lists them. */
    static final Map<String, Duration> PERIODS = new LinkedHashMap<>();

    static {
        PERIODS.put("day", Duration.ofDays(1));
        PERIODS.put("week", Duration.ofDays(7));
        PERIODS.put("month", Duration.ofDays(31));
        PERIODS.put("all", Duration.ofDays(365L * 100));
    }

    @Inject
    EntityManager entityManager;

    /** One article of an alert: outlet, headline, link and why it matched. */
    public record AlertArticle(
            long id, String title, String source, String url, Instant time, List<Passage> passages) {}

    /** One alert: a rule that matched the story, and what the analyst made of it. */
    public record AlertView(
            long id,
            long ruleId,
            String rule,
            int articleCount,
            Instant createdAt,
            boolean acknowledged,
            String feedback,
            boolean muted,
            List<AlertArticle> articles) {
        public boolean relevant() {
            return "relevant".equals(feedback);
        }

        public boolean notRelevant() {
            return "not_relevant".equals(feedback);
        }
    }

    /** A story with its alerts, the inbox's unit. */
    public record StoryAlerts(
            long storyId, String title, Instant latest, List<String> outlets, List<AlertView> alerts) {}

    /** A rule to filter by. */
    public record RuleOption(long id, String name, boolean selected) {}

    /** A period to filter by. */
    public record PeriodOption(String id, String label, boolean selected) {}

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance inbox(
                List<StoryAlerts> stories,
                List<RuleOption> rules,
                List<PeriodOption> periods,
                boolean showAcknowledged,
                long total);

        static native TemplateInstance inbox$alert(AlertView alert);
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance inbox(
            @QueryParam("rule") Long ruleId,
            @QueryParam("period") String period,
            @QueryParam("acknowledged") boolean showAcknowledged) {
        String periodId = PERIODS.containsKey(period) ? period : "week";
        Instant since = Instant.now().minus(PERIODS.get(periodId));
        List<AlertView> alerts = alerts(ruleId, since, showAcknowledged, null);
        Map<Long, Object[]> storyOf = new LinkedHashMap<>();
        Map<Long, List<AlertView>> byStory = new LinkedHashMap<>();
        for (AlertView alert : alerts) {
            Object[] story = storyRow(alert.id());
            long storyId = ((Number) story[0]).longValue();
            storyOf.putIfAbsent(storyId, story);
            byStory.computeIfAbsent(storyId, id -> new ArrayList<>()).add(alert);
        }
        List<StoryAlerts> stories = new ArrayList<>();
        byStory.forEach((storyId, storyAlerts) -> {
            Object[] story = storyOf.get(storyId);
            List<String> outlets = storyAlerts.stream()
                    .flatMap(a -> a.articles().stream())
                    .map(AlertArticle::source)
                    .distinct()
                    .toList();
            stories.add(new StoryAlerts(
                    storyId, (String) story[1], storyAlerts.get(0).createdAt(), outlets, storyAlerts));
        });
        List<RuleOption> rules = ruleOptions(ruleId);
        List<PeriodOption> periods = PERIODS.keySet().stream()
                .map(id -> new PeriodOption(id, label(id), id.equals(periodId)))
                .toList();
        return Templates.inbox(stories, rules, periods, showAcknowledged, alerts.size());
    }

    /** Records the analyst's judgement ({@code relevant}, {@code not_relevant} or {@code none}) for later tuning. */
    @POST
    @Path("/{id}/feedback")
    @Produces(MediaType.TEXT_HTML)
    @Transactional
    public Response feedback(
            @PathParam("id") long id, @RestForm String feedback, @RestHeader("HX-Request") String htmx) {
        if (!Set.of("relevant", "not_relevant", "none").contains(feedback)) {
            throw new BadRequestException("feedback is relevant, not_relevant or none");
        }
        update("update alert set feedback = ?2 where id = ?1", id, "none".equals(feedback) ? null : feedback);
        return answer(id, htmx);
    }

    /** Marks the alert as handled; it leaves the inbox unless acknowledged alerts are shown. */
    @POST
    @Path("/{id}/acknowledge")
    @Produces(MediaType.TEXT_HTML)
    @Transactional
    public Response acknowledge(
            @PathParam("id") long id, @RestForm("_csrf") String csrf, @RestHeader("HX-Request") String htmx) {
        update("update alert set acknowledged_at = coalesce(acknowledged_at, now()) where id = ?1", id, null);
        return answer(id, htmx);
    }

    private void update(String sql, long id, String value) {
        var query = entityManager.createNativeQuery(sql).setParameter(1, id);
        if (value != null || sql.contains("?2")) {
            query.setParameter(2, value);
        }
        if (query.executeUpdate() == 0) {
            throw new NotFoundException("no alert " + id);
        }
    }

    private Response answer(long id, String htmx) {
        if (htmx == null) {
            return Response.seeOther(URI.create("/alerts#alert-" + id)).build();
        }
        AlertView alert = alerts(null, Instant.EPOCH, true, id).get(0);
        return Response.ok(Templates.inbox$alert(alert)).build();
    }

    @SuppressWarnings("unchecked")
    private List<AlertView> alerts(Long ruleId, Instant since, boolean withAcknowledged, Long onlyId) {
        StringBuilder sql = new StringBuilder(
                """
                select a.id, a.rule_id, r.name, a.article_count, a.created_at, a.acknowledged_at, a.feedback, a.muted
                from alert a join rule r on r.id = a.rule_id where a.created_at >= :since""");
        if (ruleId != null) {
            sql.append(" and a.rule_id = :rule");
        }
        if (!withAcknowledged) {
            sql.append(" and a.acknowledged_at is null");
        }
        if (onlyId != null) {
            sql.append(" and a.id = :id");
        }
        sql.append(" order by a.created_at desc, a.id desc limit ").append(ALERTS_SHOWN);
        var query = entityManager.createNativeQuery(sql.toString()).setParameter("since", since);
        if (ruleId != null) {
            query.setParameter("rule", ruleId);
        }
        if (onlyId != null) {
            query.setParameter("id", onlyId);
        }
        List<Object[]> rows = query.getResultList();
        List<AlertView> alerts = new ArrayList<>();
        for (Object[] r : rows) {
            long id = ((Number) r[0]).longValue();
            alerts.add(new AlertView(
                    id,
                    ((Number) r[1]).longValue(),
                    (String) r[2],
                    ((Number) r[3]).intValue(),
                    Rows.instant(r[4]),
                    r[5] != null,
                    (String) r[6],
                    (Boolean) r[7],
                    articles(id)));
        }
        if (onlyId != null && alerts.isEmpty()) {
            throw new NotFoundException("no alert " + onlyId);
        }
        return alerts;
    }

    @SuppressWarnings("unchecked")
    private List<AlertArticle> articles(long alertId) {
        List<Object[]> rows = entityManager
                .createNativeQuery(
                        """
                        select ar.id, ar.title, ar.source_name, ar.url, coalesce(ar.published_at, ar.fetched_at),
                               cast(m.snippets as text)
                        from alert a
                        join alert_article aa on aa.alert_id = a.id
                        join article ar on ar.id = aa.article_id
                        left join article_match m on m.article_id = ar.id and m.rule_id = a.rule_id
                        where a.id = ?1
                        order by aa.added_at, ar.id""")
                .setParameter(1, alertId)
                .getResultList();
        return rows.stream()
                .map(r -> new AlertArticle(
                        ((Number) r[0]).longValue(),
                        (String) r[1],
                        (String) r[2],
                        (String) r[3],
                        Rows.instant(r[4]),
                        Passages.fromStored((String) r[5])))
                .toList();
    }

    private Object[] storyRow(long alertId) {
        return (Object[]) entityManager
                .createNativeQuery(
                        "select s.id, s.title from alert a join story s on s.id = a.story_id where a.id = ?1")
                .setParameter(1, alertId)
                .getSingleResult();
    }

    @SuppressWarnings("unchecked")
    private List<RuleOption> ruleOptions(Long selected) {
        List<Object[]> rows = entityManager
                .createNativeQuery("select id, name from rule order by name")
                .getResultList();
        return rows.stream()
                .map(r -> {
                    long id = ((Number) r[0]).longValue();
                    return new RuleOption(id, (String) r[1], selected != null && selected == id);
                })
                .toList();
    }

    private static String label(String period) {
        return switch (period) {
            case "day" -> "last day";
            case "week" -> "last week";
            case "month" -> "last month";
            default -> "any time";
        };
    }
}
