package io.vigil.web.ui;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.vigil.engine.alert.AlertState;
import io.vigil.engine.alert.Alerts;
import io.vigil.engine.alert.InboxQuery;
import io.vigil.engine.archive.ArchiveMigrations;
import io.vigil.engine.archive.NativeRows;
import io.vigil.engine.article.Article;
import io.vigil.engine.source.ConfiguredSource;
import io.vigil.engine.story.Story;
import io.vigil.web.operations.Operations;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code /}: what needs attention — new alerts, stories growing fastest, failing sources — and the last days' flow. */
@Path("/")
@RolesAllowed("viewer")
public class DashboardPage {

    static final int CHART_HOURS = 72;
    static final int ALERTS_SHOWN = 10;
    static final int STORIES_SHOWN = 8;

    @Inject
    ArchiveMigrations archive;

    @Inject
    EntityManager entityManager;

    @Inject
    Operations operations;

    @Inject
    Alerts alerts;

    /** An alert nobody acknowledged yet; {@code escalated} when its story reached the rule's escalation threshold. */
    public record AlertLine(
            long id, String title, String rule, int articleCount, Instant createdAt, boolean escalated) {}

    /** A story and how many articles joined it in the last day; {@code escalated} when an alert of it escalated. */
    public record GrowingStory(long id, String title, long lastDay, int articleCount, boolean escalated) {}

    /** A recent story with its latest article's outlet. */
    public record StoryLine(long id, String title, int articleCount, Instant lastSeenAt) {}

    /** A source whose last fetch failed. */
    public record FailingSource(long id, String name, String type, String lastError, int failures) {}

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance dashboard(
                String problem,
                long articleCount,
                long storyCount,
                List<AlertLine> alerts,
                List<GrowingStory> growing,
                List<StoryLine> stories,
                List<FailingSource> failing,
                HourlyChart chart,
                OperationsPanel operations);
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance dashboard() {
        if (!archive.isReady()) {
            return Templates.dashboard(archive.problem(), 0, 0, List.of(), List.of(), List.of(), List.of(), null, null);
        }
        Instant now = Instant.now();
        return Templates.dashboard(
                null,
                Article.count(),
                Story.count(),
                newAlerts(),
                growing(),
                stories(),
                failing(),
                chart(now),
                operationsPanel());
    }

    private OperationsPanel operationsPanel() {
        try {
            return OperationsPanel.of(operations.status());
        } catch (java.sql.SQLException e) {
            return null; // the rest of the page still helps; the panel is back on the next load
        }
    }

    private List<AlertLine> newAlerts() {
        InboxQuery unacknowledged =
                InboxQuery.all(ALERTS_SHOWN, 0).withState(AlertState.NEW).withMuted(false);
        return alerts.inbox(unacknowledged, 1).items().stream()
                .map(alert -> new AlertLine(
                        alert.id(),
                        alert.title(),
                        alert.ruleName(),
                        alert.articleCount(),
                        alert.createdAt(),
                        alert.escalated()))
                .toList();
    }

    @SuppressWarnings("unchecked")
    private List<GrowingStory> growing() {
        List<Object[]> rows = entityManager
                .createNativeQuery(
                        """
                        select s.id, s.title, count(a.id), s.article_count from story s
                        join article a on a.story_id = s.id
                        where a.fetched_at > now() - interval '24 hours'
                        group by s.id, s.title, s.article_count
                        having count(a.id) > 1
                        order by count(a.id) desc, s.id desc limit ?1""")
                .setParameter(1, STORIES_SHOWN)
                .getResultList();
        Set<Long> escalated = alerts.escalatedStories(
                rows.stream().map(r -> ((Number) r[0]).longValue()).toList());
        return rows.stream()
                .map(r -> new GrowingStory(
                        ((Number) r[0]).longValue(),
                        (String) r[1],
                        ((Number) r[2]).longValue(),
                        ((Number) r[3]).intValue(),
                        escalated.contains(((Number) r[0]).longValue())))
                .toList();
    }

    private List<StoryLine> stories() {
        List<Story> stories = Story.find("order by lastSeenAt desc, id desc")
                .page(0, STORIES_SHOWN)
                .list();
        return stories.stream()
                .map(s -> new StoryLine(s.id, s.title, s.articleCount, s.lastSeenAt))
                .toList();
    }

    private List<FailingSource> failing() {
        List<ConfiguredSource> sources = ConfiguredSource.list("consecutiveFailures > 0 order by name");
        return sources.stream()
                .map(s -> new FailingSource(s.id, s.name, s.type, s.lastError, s.consecutiveFailures))
                .toList();
    }

    private HourlyChart chart(Instant now) {
        Instant since = now.truncatedTo(ChronoUnit.HOURS).minus(CHART_HOURS - 1L, ChronoUnit.HOURS);
        return HourlyChart.of(
                now,
                CHART_HOURS,
                perHour(
                        "select date_trunc('hour', fetched_at at time zone 'UTC'), count(*) from article"
                                + " where fetched_at >= ?1 group by 1",
                        since),
                alerts.openedPerHour(since));
    }

    @SuppressWarnings("unchecked")
    private Map<Instant, Long> perHour(String sql, Instant since) {
        List<Object[]> rows =
                entityManager.createNativeQuery(sql).setParameter(1, since).getResultList();
        Map<Instant, Long> counts = new HashMap<>();
        for (Object[] row : rows) {
            counts.put(NativeRows.utcInstant(row[0]), ((Number) row[1]).longValue());
        }
        return counts;
    }
}
