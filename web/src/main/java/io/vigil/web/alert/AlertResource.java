package io.vigil.web.alert;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.security.identity.SecurityIdentity;
import io.vigil.engine.alert.AlertNotices;
import io.vigil.engine.alert.AlertState;
import io.vigil.engine.alert.AlertView;
import io.vigil.engine.alert.AlertView.AlertArticle;
import io.vigil.engine.alert.Alerts;
import io.vigil.engine.alert.Feedback;
import io.vigil.engine.alert.InboxPage;
import io.vigil.engine.alert.InboxQuery;
import io.vigil.web.alert.AlertDetails.DeliveryView;
import io.vigil.web.alert.AlertDetails.Detail;
import io.vigil.web.http.Page;
import io.vigil.web.http.Paging;
import io.vigil.web.http.Problem;
import io.vigil.web.http.ProblemException;
import io.vigil.web.rule.SnippetJson;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
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
import java.util.List;

/**
 * {@code /api/alerts}: one alert per (rule, story), newest first, with the passages that matched in the article that
 * opened it and every article of the story that joined it ("also reported by"); filters by rule, story, time, outlet,
 * state, feedback and escalation; acknowledging one or many, and judging them. {@code GET /api/alerts/{id}} is the
 * alert page's content: the rule as read, every article with its passages, and the notifications made for it.
 */
@Path("/api/alerts")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("viewer")
public class AlertResource {

    /** The most alerts one bulk acknowledgement names. */
    static final int MAX_BULK = 500;

    @Inject
    Alerts alerts;

    @Inject
    AlertDetails details;

    @Inject
    AlertNotices notices;

    @Inject
    SecurityIdentity identity;

    /**
     * An article of an alert's story that matched its rule.
     *
     * @param passages the passages that matched in it; on {@code GET /api/alerts/{id}} only
     */
    public record AlertArticleJson(
            long id,
            String title,
            String source,
            String url,
            Instant publishedAt,
            @JsonInclude(JsonInclude.Include.NON_NULL) List<SnippetJson> passages) {}

    /**
     * The alert's rule as {@code GET /api/alerts/{id}} shows it.
     *
     * @param reading the rule as its type read it: a query fully parenthesised, or {@code null}
     * @param escalation {@code {outlets, within}}, or {@code null}
     */
    public record AlertRuleJson(
            long id, String name, String query, String type, String reading, EscalationJson escalation) {}

    /** A rule's escalation threshold. */
    public record EscalationJson(int outlets, String within) {}

    /**
     * An alert.
     *
     * @param title the headline of the article that opened it
     * @param storyTitle the story's headline now
     * @param acknowledgedAt when someone acknowledged it, or {@code null}
     * @param acknowledgedBy who did, or {@code null}
     * @param feedback {@code relevant}, {@code not_relevant} or {@code null} while unjudged
     * @param judgedBy who judged it, or {@code null}
     * @param escalatedAt when its story reached the rule's escalation threshold, or {@code null}
     * @param link its page, the link every notification carries
     * @param snippets the passages that matched in the article that opened it
     * @param articles the story's matching articles, the first one first
     * @param rule the rule and how it was read; on {@code GET /api/alerts/{id}} only
     * @param deliveries the notifications made for it; on {@code GET /api/alerts/{id}} only
     */
    public record AlertJson(
            long id,
            long ruleId,
            String ruleName,
            long storyId,
            String title,
            String storyTitle,
            int articleCount,
            Instant createdAt,
            Instant updatedAt,
            boolean muted,
            boolean acknowledged,
            Instant acknowledgedAt,
            String acknowledgedBy,
            String feedback,
            String judgedBy,
            Instant judgedAt,
            boolean escalated,
            Instant escalatedAt,
            Integer escalatedOutlets,
            String link,
            List<String> matchedTerms,
            List<SnippetJson> snippets,
            List<AlertArticleJson> articles,
            @JsonInclude(JsonInclude.Include.NON_NULL) AlertRuleJson rule,
            @JsonInclude(JsonInclude.Include.NON_NULL) List<DeliveryView> deliveries) {}

    /** The analyst's judgement: {@code relevant}, {@code not_relevant}, or {@code null} / {@code unjudged} to clear it. */
    public record FeedbackRequest(String feedback) {}

    /** Alerts to acknowledge at once. */
    public record BulkAcknowledgeRequest(List<Long> ids) {}

    /**
     * What a bulk acknowledgement did.
     *
     * @param acknowledged alerts acknowledged now
     * @param alreadyAcknowledged alerts that were before (they keep who and when)
     * @param missing ids no alert has
     */
    public record BulkAcknowledgeJson(int acknowledged, int alreadyAcknowledged, List<Long> missing) {}

    @GET
    public Page<AlertJson> list(
            @QueryParam("ruleId") Long ruleId,
            @QueryParam("storyId") Long storyId,
            @QueryParam("since") String since,
            @QueryParam("until") String until,
            @QueryParam("outlet") String outlet,
            @QueryParam("state") String state,
            @QueryParam("feedback") String feedback,
            @QueryParam("escalated") String escalated,
            @QueryParam("limit") Integer limit,
            @QueryParam("offset") Integer offset) {
        Paging paging = Paging.of(limit, offset);
        InboxQuery query = new InboxQuery(
                ruleId,
                storyId,
                instant("since", since),
                instant("until", until),
                outlet,
                state(state),
                feedback(feedback),
                bool("escalated", escalated),
                null,
                InboxQuery.Order.OPENED,
                paging.limit(),
                paging.offset());
        InboxPage page = alerts.inbox(query, Alerts.INBOX_ARTICLES);
        return new Page<>(
                page.items().stream()
                        .map(alert -> toJson(alert, false, null, null))
                        .toList(),
                page.total());
    }

    @GET
    @Path("/{id}")
    public AlertJson get(@PathParam("id") long id) {
        Detail detail = details.find(id, identity.hasRole("admin"))
                .orElseThrow(() -> ProblemException.notFound("no alert " + id));
        AlertDetails.RuleInfo rule = detail.rule();
        AlertRuleJson ruleJson = new AlertRuleJson(
                rule.id(),
                rule.name(),
                rule.query(),
                rule.type(),
                rule.reading(),
                rule.escalation() == null
                        ? null
                        : new EscalationJson(
                                rule.escalation().outlets(),
                                rule.escalation().within().toString()));
        return toJson(detail.alert(), true, ruleJson, detail.deliveries());
    }

    /** Marks the alert as seen by the caller; acknowledging it again keeps the first who and when. */
    @POST
    @Path("/{id}/acknowledge")
    @RolesAllowed("analyst")
    @Transactional
    public AlertJson acknowledge(@PathParam("id") long id) {
        Alerts.Acknowledged done = alerts.acknowledge(List.of(id), user(), Instant.now());
        if (!done.missing().isEmpty()) {
            throw ProblemException.notFound("no alert " + id);
        }
        return one(id);
    }

    /** Acknowledges many alerts in one go, as the caller; each keeps an earlier acknowledgement. */
    @POST
    @Path("/acknowledge")
    @Consumes(MediaType.APPLICATION_JSON)
    @Transactional
    @RolesAllowed("analyst")
    public BulkAcknowledgeJson acknowledgeAll(BulkAcknowledgeRequest request) {
        if (request == null || request.ids() == null || request.ids().isEmpty()) {
            throw new ProblemException(Problem.of(400, "Bad Request", "ids must list the alerts to acknowledge")
                    .withField("ids"));
        }
        if (request.ids().size() > MAX_BULK) {
            throw new ProblemException(Problem.of(
                            400,
                            "Bad Request",
                            "ids names " + request.ids().size() + " alerts; at most " + MAX_BULK + " at a time")
                    .withField("ids"));
        }
        if (request.ids().contains(null)) {
            throw new ProblemException(
                    Problem.of(400, "Bad Request", "ids holds a null").withField("ids"));
        }
        Alerts.Acknowledged done = alerts.acknowledge(request.ids(), user(), Instant.now());
        return new BulkAcknowledgeJson(done.acknowledged(), done.already(), done.missing());
    }

    /** Records the caller's judgement of the alert; {@code null} (or {@code unjudged}) clears it. */
    @PUT
    @Path("/{id}/feedback")
    @RolesAllowed("analyst")
    @Consumes(MediaType.APPLICATION_JSON)
    @Transactional
    public AlertJson feedback(@PathParam("id") long id, FeedbackRequest request) {
        String given = request == null ? null : request.feedback();
        Feedback feedback = given == null
                ? Feedback.UNJUDGED
                : Feedback.of(given)
                        .orElseThrow(() -> new ProblemException(Problem.of(
                                        400,
                                        "Bad Request",
                                        "feedback must be relevant, not_relevant or null, not '" + given + "'")
                                .withField("feedback")));
        if (!alerts.judge(id, feedback, user(), Instant.now())) {
            throw ProblemException.notFound("no alert " + id);
        }
        return one(id);
    }

    private AlertJson one(long id) {
        AlertView alert =
                alerts.find(id, Alerts.INBOX_ARTICLES).orElseThrow(() -> ProblemException.notFound("no alert " + id));
        return toJson(alert, false, null, null);
    }

    private AlertJson toJson(AlertView alert, boolean withPassages, AlertRuleJson rule, List<DeliveryView> deliveries) {
        return new AlertJson(
                alert.id(),
                alert.ruleId(),
                alert.ruleName(),
                alert.storyId(),
                alert.title(),
                alert.storyTitle(),
                alert.articleCount(),
                alert.createdAt(),
                alert.updatedAt(),
                alert.muted(),
                alert.acknowledged(),
                alert.acknowledgedAt(),
                alert.acknowledgedBy(),
                alert.feedback() == Feedback.UNJUDGED ? null : alert.feedback().id(),
                alert.judgedBy(),
                alert.judgedAt(),
                alert.escalated(),
                alert.escalatedAt(),
                alert.escalatedOutlets(),
                notices.link(alert.id()),
                alert.matchedTerms(),
                SnippetJson.from(alert.openingPassages()),
                alert.articles().stream()
                        .map(article -> article(article, withPassages))
                        .toList(),
                rule,
                deliveries);
    }

    private static AlertArticleJson article(AlertArticle article, boolean withPassages) {
        return new AlertArticleJson(
                article.id(),
                article.title(),
                article.source(),
                article.url(),
                article.time(),
                withPassages ? SnippetJson.from(article.passages()) : null);
    }

    private String user() {
        return identity.getPrincipal().getName();
    }

    private static AlertState state(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        return AlertState.of(value.strip())
                .orElseThrow(() -> new ProblemException(
                        Problem.of(400, "Bad Request", "state must be new or acknowledged, not '" + value + "'")
                                .withField("state")));
    }

    private static Feedback feedback(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        return Feedback.of(value.strip())
                .orElseThrow(() -> new ProblemException(Problem.of(
                                400,
                                "Bad Request",
                                "feedback must be relevant, not_relevant or unjudged, not '" + value + "'")
                        .withField("feedback")));
    }

    private static Boolean bool(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        return switch (value.strip()) {
            case "true" -> true;
            case "false" -> false;
            default ->
                throw new ProblemException(
                        Problem.of(400, "Bad Request", field + " must be true or false, not '" + value + "'")
                                .withField(field));
        };
    }

    private static Instant instant(String field, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return Instant.parse(text);
            } catch (DateTimeParseException again) {
                throw new ProblemException(
                        Problem.of(400, "Bad Request", field + " must be an ISO-8601 time such as 2026-01-31T12:00:00Z")
                                .withField(field));
            }
        }
    }
}
