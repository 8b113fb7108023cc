package io.vigil.web.ui;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.identity.SecurityIdentity;
import io.vigil.engine.alert.AlertState;
import io.vigil.engine.alert.AlertView;
import io.vigil.engine.alert.AlertView.AlertArticle;
import io.vigil.engine.alert.Alerts;
import io.vigil.engine.alert.Feedback;
import io.vigil.engine.alert.InboxPage;
import io.vigil.engine.alert.InboxQuery;
import io.vigil.engine.input.TextLimits;
import io.vigil.engine.watch.WatchRule;
import io.vigil.web.alert.AlertDetails;
import io.vigil.web.alert.AlertDetails.Detail;
import io.vigil.web.http.Problem;
import io.vigil.web.http.ProblemException;
import io.vigil.web.ui.Passages.Passage;
import jakarta.annotation.security.RolesAllowed;
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
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestHeader;

/**
 * {@code /alerts}: the inbox, grouped by story — for each story the rules that alerted, the outlets that carried it and
 * the matched passages — paged, filtered by rule, time, outlet, state, feedback and escalation, with "relevant", "not
 * relevant" (kept for tuning), "acknowledge" and acknowledging many at once. {@code /alerts/{id}} is the page every
 * notification links to: the story, every article with its outlet and time and passages, the rule and how it was read,
 * who acknowledged and judged it and when, and the notifications made for it.
 */
@Path("/alerts")
@RolesAllowed("viewer")
public class AlertsPage {

    /** Alerts per inbox page. */
    static final int PAGE_SIZE = 50;

    /** The periods the inbox can be filtered to, in the order the filter lists them. */
    static final Map<String, Duration> PERIODS = new LinkedHashMap<>();

    static {
        PERIODS.put("day", Duration.ofDays(1));
        PERIODS.put("week", Duration.ofDays(7));
        PERIODS.put("month", Duration.ofDays(31));
        PERIODS.put("all", Duration.ofDays(365L * 100));
    }

    @Inject
    Alerts alerts;

    @Inject
    AlertDetails details;

    @Inject
    EntityManager entityManager;

    @Inject
    SecurityIdentity identity;

    /** One article of an alert: outlet, headline, link and why it matched. */
    public record ArticleView(long id, String title, String source, String url, Instant time, List<Passage> passages) {}

    /** One alert: a rule that matched the story, and what the analysts made of it. */
    public record AlertCard(
            long id,
            long ruleId,
            String rule,
            int articleCount,
            Instant createdAt,
            boolean acknowledged,
            String acknowledgedBy,
            Instant acknowledgedAt,
            String feedback,
            String judgedBy,
            Instant judgedAt,
            boolean muted,
            boolean escalated,
            Integer escalatedOutlets,
            List<ArticleView> articles) {
        public boolean relevant() {
            return Feedback.RELEVANT.id().equals(feedback);
        }

        public boolean notRelevant() {
            return Feedback.NOT_RELEVANT.id().equals(feedback);
        }

        /** Articles of the story beyond those shown. */
        public int moreArticles() {
            return Math.max(0, articleCount - articles.size());
        }

        static AlertCard of(AlertView alert) {
            return new AlertCard(
                    alert.id(),
                    alert.ruleId(),
                    alert.ruleName(),
                    alert.articleCount(),
                    alert.createdAt(),
                    alert.acknowledged(),
                    alert.acknowledgedBy(),
                    alert.acknowledgedAt(),
                    alert.feedback().id(),
                    alert.judgedBy(),
                    alert.judgedAt(),
                    alert.muted(),
                    alert.escalated(),
                    alert.escalatedOutlets(),
                    alert.articles().stream().map(AlertsPage::article).toList());
        }
    }

    /** A story with its alerts, the inbox's unit. */
    public record StoryAlerts(
            long storyId,
            String title,
            Instant latest,
            List<String> outlets,
            boolean escalated,
            List<AlertCard> alerts) {}

    /** A choice in a filter. */
    public record Option(String id, String label, boolean selected) {}

    /**
     * The filters as chosen, for the form, the page links and the bulk form's way back.
     *
     * @param query the filters as a query string, without the page
     */
    public record Filters(
            String rule,
            String period,
            String outlet,
            String state,
            String feedback,
            boolean escalated,
            String query) {}

    /** Where the list is: page {@code number} of {@code pages}, with links to the neighbours ({@code null} at an end). */
    public record Pager(int number, int pages, String previous, String next) {}

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance inbox(
                List<StoryAlerts> stories,
                List<Option> rules,
                List<Option> periods,
                List<Option> states,
                List<Option> feedbacks,
                List<String> outlets,
                Filters filters,
                Pager pager,
                List<Long> pageIds,
                long total,
                int shown,
                String acknowledgedNow);

        static native TemplateInstance inbox$alert(AlertCard alert);

        static native TemplateInstance alert(Detail detail, AlertCard card, List<ArticleView> articles);

        static native TemplateInstance missing(long id);
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance inbox(
            @QueryParam("rule") Long ruleId,
            @QueryParam("period") String period,
            @QueryParam("outlet") String outlet,
            @QueryParam("state") String state,
            @QueryParam("feedback") String feedback,
            @QueryParam("escalated") boolean escalated,
            @QueryParam("acknowledged") boolean showAcknowledged,
            @QueryParam("page") Integer page,
            @QueryParam("done") Integer acknowledgedNow) {
        // A value the page cannot read is refused, shown as a page (ProblemMappers): read as "week" or "all", it would
        // show a list that only looks filtered.
        String periodId = period == null || period.isBlank() ? "week" : period;
        if (!PERIODS.containsKey(periodId)) {
            throw badFilter("period", "period must be one of " + String.join(", ", PERIODS.keySet()), period);
        }
        // "acknowledged=true" is how links made before the state filter asked for every alert.
        String stateId = state != null && !state.isBlank() ? state : showAcknowledged ? "all" : AlertState.NEW.id();
        AlertState chosenState = AlertState.of(stateId).orElse(null);
        if (chosenState == null && !stateId.equals("all")) {
            throw badFilter("state", "state must be new, acknowledged or all", state);
        }
        Feedback chosenFeedback = feedback == null || feedback.isBlank()
                ? null
                : Feedback.of(feedback)
                        .orElseThrow(() ->
                                badFilter("feedback", "feedback must be relevant, not_relevant or unjudged", feedback));
        if (ruleId != null && WatchRule.findById(ruleId) == null) {
            throw new ProblemException(
                    Problem.of(400, "Bad Request", "there is no rule " + ruleId).withField("rule"));
        }
        String cleanOutlet = outlet == null || outlet.isBlank() ? null : outlet.strip();
        int number = page == null || page < 1 ? 1 : page;
        InboxQuery query = new InboxQuery(
                ruleId,
                null,
                Instant.now().minus(PERIODS.get(periodId)),
                null,
                cleanOutlet,
                chosenState,
                chosenFeedback,
                escalated ? Boolean.TRUE : null,
                null,
                InboxQuery.Order.OPENED,
                PAGE_SIZE,
                (number - 1) * PAGE_SIZE);
        InboxPage found = alerts.inbox(query, Alerts.INBOX_ARTICLES);
        Map<Long, List<AlertView>> byStory = new LinkedHashMap<>();
        for (AlertView alert : found.items()) {
            byStory.computeIfAbsent(alert.storyId(), id -> new ArrayList<>()).add(alert);
        }
        List<StoryAlerts> stories = new ArrayList<>();
        byStory.forEach((storyId, storyAlerts) -> stories.add(new StoryAlerts(
                storyId,
                storyAlerts.get(0).storyTitle(),
                storyAlerts.get(0).createdAt(),
                storyAlerts.stream()
                        .flatMap(alert -> alert.outlets().stream())
                        .distinct()
                        .toList(),
                storyAlerts.stream().anyMatch(AlertView::escalated),
                storyAlerts.stream().map(AlertCard::of).toList())));
        Filters filters = filters(
                ruleId, periodId, cleanOutlet, stateId, chosenFeedback == null ? "" : chosenFeedback.id(), escalated);
        int pages = (int) Math.max(1, (found.total() + PAGE_SIZE - 1) / PAGE_SIZE);
        Pager pager = new Pager(
                number,
                pages,
                number > 1 ? "/alerts?" + filters.query() + "&page=" + (number - 1) : null,
                number < pages ? "/alerts?" + filters.query() + "&page=" + (number + 1) : null);
        return Templates.inbox(
                stories,
                ruleOptions(ruleId),
                PERIODS.keySet().stream()
                        .map(id -> new Option(id, periodLabel(id), id.equals(periodId)))
                        .toList(),
                stateOptions(stateId),
                feedbackOptions(filters.feedback()),
                found.items().stream()
                        .flatMap(alert -> alert.outlets().stream())
                        .distinct()
                        .sorted()
                        .toList(),
                filters,
                pager,
                found.items().stream().map(AlertView::id).toList(),
                found.total(),
                found.items().size(),
                acknowledgedNow == null ? null : acknowledgedNow.toString());
    }

    /** The alert a notification links to; a missing alert is a 404 page. */
    @GET
    @Path("/{id}")
    @Produces(MediaType.TEXT_HTML)
    public Response alert(@PathParam("id") long id) {
        return details.find(id, identity.hasRole("admin"))
                .map(detail -> Response.ok(Templates.alert(
                                detail,
                                AlertCard.of(detail.alert()),
                                detail.alert().articles().stream()
                                        .map(AlertsPage::article)
                                        .toList()))
                        .build())
                .orElseGet(() -> Response.status(404)
                        .type(MediaType.TEXT_HTML_TYPE)
                        .entity(Templates.missing(id))
                        .build());
    }

    /** Records the analyst's judgement ({@code relevant}, {@code not_relevant} or {@code unjudged}) for later tuning. */
    @POST
    @Path("/{id}/feedback")
    @Produces(MediaType.TEXT_HTML)
    @Transactional
    @RolesAllowed("analyst")
    public Response feedback(
            @PathParam("id") long id,
            @RestForm String feedback,
            @RestForm("from") String from,
            @RestHeader("HX-Request") String htmx) {
        Feedback judgement = Feedback.of(feedback)
                .orElseThrow(() -> new BadRequestException("feedback is relevant, not_relevant or unjudged"));
        if (!alerts.judge(id, judgement, user(), Instant.now())) {
            throw new NotFoundException("no alert " + id);
        }
        return answer(id, from, htmx);
    }

    /** Marks the alert as handled by the signed-in user; it leaves the inbox's "new" list. */
    @POST
    @Path("/{id}/acknowledge")
    @Produces(MediaType.TEXT_HTML)
    @Transactional
    @RolesAllowed("analyst")
    public Response acknowledge(
            @PathParam("id") long id,
            @RestForm("_csrf") String csrf,
            @RestForm("from") String from,
            @RestHeader("HX-Request") String htmx) {
        if (!alerts.acknowledge(List.of(id), user(), Instant.now()).missing().isEmpty()) {
            throw new NotFoundException("no alert " + id);
        }
        return answer(id, from, htmx);
    }

    /**
     * Acknowledges the ticked alerts ({@code ids}), or every alert of the page shown ({@code scope=page} with
     * {@code pageIds}), and returns to the inbox as it was filtered.
     */
    @POST
    @Path("/acknowledge")
    @Transactional
    @RolesAllowed("analyst")
    public Response acknowledgeMany(
            @RestForm("_csrf") String csrf,
            @RestForm("scope") String scope,
            @RestForm("rule") Long rule,
            @RestForm("period") String period,
            @RestForm("outlet") String outlet,
            @RestForm("state") String state,
            @RestForm("feedback") String feedback,
            @RestForm("escalated") boolean escalated) {
        List<Long> ids = new ArrayList<>();
        for (String value : PostedForm.values("page".equals(scope) ? "pageIds" : "ids")) {
            try {
                ids.add(Long.parseLong(value));
            } catch (NumberFormatException ignored) {
                // not an alert id: nothing to acknowledge
            }
        }
        if (ids.size() > PAGE_SIZE * 2) {
            throw new BadRequestException("at most " + PAGE_SIZE * 2 + " alerts at a time");
        }
        Alerts.Acknowledged done = alerts.acknowledge(ids, user(), Instant.now());
        Filters back = filters(
                rule,
                PERIODS.containsKey(period) ? period : "week",
                outlet,
                state == null ? AlertState.NEW.id() : state,
                feedback == null ? "" : feedback,
                escalated);
        return Response.seeOther(URI.create("/alerts?" + back.query() + "&done=" + done.acknowledged()))
                .build();
    }

    private Response answer(long id, String from, String htmx) {
        if (htmx == null) {
            return Response.seeOther(URI.create("page".equals(from) ? "/alerts/" + id : "/alerts#alert-" + id))
                    .build();
        }
        AlertView alert =
                alerts.find(id, Alerts.INBOX_ARTICLES).orElseThrow(() -> new NotFoundException("no alert " + id));
        return Response.ok(Templates.inbox$alert(AlertCard.of(alert))).build();
    }

    private String user() {
        return identity.getPrincipal().getName();
    }

    private static ArticleView article(AlertArticle article) {
        return new ArticleView(
                article.id(),
                article.title(),
                article.source(),
                Links.webLink(article.url()),
                article.time(),
                article.passages().stream().map(Passages::of).toList());
    }

    private static Filters filters(
            Long rule, String period, String outlet, String state, String feedback, boolean escalated) {
        StringBuilder query = new StringBuilder("period=").append(encode(period));
        if (rule != null) {
            query.append("&rule=").append(rule);
        }
        if (outlet != null && !outlet.isBlank()) {
            query.append("&outlet=").append(encode(outlet.strip()));
        }
        query.append("&state=").append(encode(state));
        if (!feedback.isEmpty()) {
            query.append("&feedback=").append(encode(feedback));
        }
        if (escalated) {
            query.append("&escalated=true");
        }
        return new Filters(
                rule == null ? "" : rule.toString(),
                period,
                outlet == null ? "" : outlet.strip(),
                state,
                feedback,
                escalated,
                query.toString());
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    @SuppressWarnings("unchecked")
    private List<Option> ruleOptions(Long selected) {
        List<Object[]> rows = entityManager
                .createNativeQuery("select id, name from rule order by name")
                .getResultList();
        return rows.stream()
                .map(r -> {
                    long id = ((Number) r[0]).longValue();
                    return new Option(String.valueOf(id), (String) r[1], selected != null && selected == id);
                })
                .toList();
    }

    private static ProblemException badFilter(String name, String allowed, String value) {
        String shown = TextLimits.oneLine(value);
        shown = shown.length() > 40 ? shown.substring(0, 40) + "\u2026" : shown;
        return new ProblemException(Problem.of(400, "Bad Request", allowed + ", not \"" + shown + "\"")
                .withField(name));
    }

    private static List<Option> stateOptions(String selected) {
        return List.of(
                new Option(AlertState.NEW.id(), "new", selected.equals(AlertState.NEW.id())),
                new Option(AlertState.ACKNOWLEDGED.id(), "acknowledged", selected.equals(AlertState.ACKNOWLEDGED.id())),
                new Option("all", "new and acknowledged", selected.equals("all")));
    }

    private static List<Option> feedbackOptions(String selected) {
        return List.of(
                new Option("", "any judgement", selected.isEmpty()),
                new Option(Feedback.RELEVANT.id(), "relevant", selected.equals(Feedback.RELEVANT.id())),
                new Option(Feedback.NOT_RELEVANT.id(), "not relevant", selected.equals(Feedback.NOT_RELEVANT.id())),
                new Option(Feedback.UNJUDGED.id(), "not judged yet", selected.equals(Feedback.UNJUDGED.id())));
    }

    private static String periodLabel(String period) {
        return switch (period) {
            case "day" -> "last day";
            case "week" -> "last week";
            case "month" -> "last month";
            default -> "any time";
        };
    }
}
