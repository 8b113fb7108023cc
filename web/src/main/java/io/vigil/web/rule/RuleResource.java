package io.vigil.web.rule;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.security.identity.SecurityIdentity;
import io.vigil.engine.alert.Alerts;
import io.vigil.engine.watch.ArchiveMatcher;
import io.vigil.engine.watch.ArchiveMatcher.ArchiveHit;
import io.vigil.engine.watch.ArchiveMatcher.DailyAlerts;
import io.vigil.engine.watch.Delivery;
import io.vigil.engine.watch.InvalidRuleException;
import io.vigil.engine.watch.Route;
import io.vigil.engine.watch.RuleBook;
import io.vigil.engine.watch.RuleCatalog;
import io.vigil.engine.watch.RuleCatalog.RuleDefinition;
import io.vigil.engine.watch.RuleFeedback;
import io.vigil.engine.watch.WatchRule;
import io.vigil.web.audit.AuditLog;
import io.vigil.web.audit.AuditTarget;
import io.vigil.web.http.Page;
import io.vigil.web.http.Paging;
import io.vigil.web.http.ProblemException;
import io.vigil.web.security.ChangesNothing;
import io.vigil.web.security.SignedIn;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code /api/rules}: watch rules, validated before they are saved, effective from the next stored article; and
 * {@code /api/rules/preview}, what a rule would have matched in the archive.
 */
@Path("/api/rules")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("viewer")
public class RuleResource {

    @Inject
    AuditLog audit;

    /** The most matches a preview lists. */
    static final int MAX_PREVIEW_LIMIT = 100;

    @Inject
    RuleCatalog catalog;

    @Inject
    RuleBook book;

    @Inject
    ArchiveMatcher archive;

    @Inject
    PreviewSlots previewSlots;

    @Inject
    SecurityIdentity identity;

    @Inject
    EntityManager entityManager;

    @Inject
    Alerts alerts;

    @Inject
    RuleFeedback feedback;

    /**
     * What the analysts' judgments say about a rule.
     *
     * @param precision relevant over judged alerts, absent when none was judged
     * @param suggestions words that separate the not-relevant alerts, each with the changed rule and its effect on
     *     the judged alerts
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record FeedbackJson(
            long ruleId,
            int relevant,
            int notRelevant,
            Double precision,
            List<SuggestionJson> suggestions,
            ThresholdJson threshold) {}

    /** For a scoring rule: the threshold that best separates the judged alerts, and what it keeps and drops. */
    public record ThresholdJson(double value, int keepsRelevant, int removesNotRelevant) {}

    /** A {@code -term} to add, the rule with it, and how many judged alerts it drops (not relevant) and keeps. */
    public record SuggestionJson(String term, String query, int removesNotRelevant, int keepsRelevant) {}

    /**
     * What a client sends to create or change a rule; on a change, fields left out keep their value.
     *
     * @param routes each channel with its own delivery; {@code channels} + {@code delivery} is the one-mode shorthand,
     *     and both may be sent only when they agree
     * @param escalation {@code {"outlets": 3, "within": "PT1H"}}; {@code null} removes it
     */
    public record RuleRequest(
            String name,
            String query,
            String type,
            Boolean enabled,
            List<Long> channels,
            String delivery,
            Boolean notifyUpdates,
            JsonNode routes,
            JsonNode escalation,
            Map<String, String> settings) {
        RuleDefinition toDefinition() {
            return new RuleDefinition(
                    name,
                    query,
                    type,
                    enabled,
                    channels,
                    delivery,
                    notifyUpdates,
                    RoutesJson.definitions(routes),
                    RoutesJson.escalation(escalation),
                    settings);
        }
    }

    /**
     * A rule as the API shows it.
     *
     * @param matchCount the articles it matched
     * @param alertCount the alerts it raised (one per story)
     * @param createdBy the username of who made it, counted against their share of the rules
     *     ({@code vigil.limits.rules-per-user}); {@code null} when nobody is recorded (made before V140, or the user is
     *     gone)
     */
    public record RuleJson(
            long id,
            String name,
            String query,
            String type,
            boolean enabled,
            List<Long> channels,
            String delivery,
            boolean notifyUpdates,
            Instant createdAt,
            Instant updatedAt,
            long matchCount,
            long alertCount,
            List<RouteJson> routes,
            EscalationJson escalation,
            Map<String, String> settings,
            String createdBy) {}

    /** A route: a channel and how it gets the rule's alerts ({@code immediate}, {@code hourly}, {@code daily}, {@code weekly}). */
    public record RouteJson(Long channelId, String delivery) {}

    /** When the rule's stories escalate: {@code outlets} distinct outlets within {@code within} (ISO-8601). */
    public record EscalationJson(int outlets, String within) {}

    /**
     * What to preview: a rule expression, its type ({@code query} by default), its settings (validated like a saved
     * rule's) and how many matches to list.
     */
    public record PreviewRequest(String query, String type, Integer limit, Map<String, String> settings) {}

    /** A stored article the previewed rule matches, and why. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record PreviewMatchJson(
            long articleId,
            String title,
            String source,
            Instant publishedAt,
            long storyId,
            List<String> matchedTerms,
            List<SnippetJson> snippets,
            Double score) {}

    /** Alerts the rule would have raised on one day (UTC). */
    public record DailyAlertsJson(LocalDate date, int alerts) {}

    /**
     * A preview.
     *
     * @param total the matching articles among those examined
     * @param examined the candidate articles the rule ran on
     * @param truncated whether the candidate cap cut the scan short (the list and {@code total} then cover the newest
     *     candidates; the alert history never is)
     * @param historyExamined the articles of the last 30 days the rule ran on to count the alerts per day
     * @param reading how the rule type read the rule, fully parenthesised with every expansion (absent for types that
     *     have nothing to add)
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record PreviewJson(
            long total,
            List<PreviewMatchJson> matches,
            List<DailyAlertsJson> alertsPerDay,
            double averageAlertsPerDay,
            int examined,
            boolean truncated,
            int historyExamined,
            String reading) {}

    @GET
    public Page<RuleJson> list(@QueryParam("limit") Integer limit, @QueryParam("offset") Integer offset) {
        Paging paging = Paging.of(limit, offset);
        List<WatchRule> rules = WatchRule.<WatchRule>find("order by id")
                .range(paging.offset(), paging.offset() + paging.limit() - 1)
                .list();
        return new Page<>(toJson(rules), WatchRule.count());
    }

    @GET
    @Path("/{id}")
    public RuleJson get(@PathParam("id") long id) {
        WatchRule rule = WatchRule.findById(id);
        if (rule == null) {
            throw ProblemException.notFound("no rule " + id);
        }
        return toJson(List.of(rule)).get(0);
    }

    /** The rule's precision over its judged alerts and the {@code -term} suggestions drawn from them. */
    @GET
    @RolesAllowed("viewer")
    @Path("/{id}/feedback")
    public FeedbackJson feedback(@PathParam("id") long id) {
        WatchRule rule = WatchRule.findById(id);
        if (rule == null) {
            throw ProblemException.notFound("no rule " + id);
        }
        RuleFeedback.Report report = feedback.report(id, rule.type, rule.query, rule.settings);
        return new FeedbackJson(
                id,
                report.judged().relevant(),
                report.judged().notRelevant(),
                report.judged().precision().orElse(null),
                report.suggestions().stream()
                        .map(s -> new SuggestionJson(s.term(), s.query(), s.removes(), s.keeps()))
                        .toList(),
                report.threshold() == null
                        ? null
                        : new ThresholdJson(
                                report.threshold().value(),
                                report.threshold().keepsRelevant(),
                                report.threshold().removesNotRelevant()));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("analyst")
    @Transactional
    public Response create(RuleRequest request) {
        WatchRule rule = catalog.create(request == null ? null : request.toDefinition(), SignedIn.creatorId(identity));
        audit.record("rule.create", AuditTarget.rule(rule.id, rule.name), describe(rule));
        return Response.created(URI.create("/api/rules/" + rule.id))
                .entity(get(rule.id))
                .build();
    }

    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("analyst")
    @Transactional
    public RuleJson update(@PathParam("id") long id, RuleRequest request) {
        if (request == null) {
            throw new InvalidRuleException(null, "the request has no body");
        }
        WatchRule rule = catalog.update(id, request.toDefinition())
                .orElseThrow(() -> ProblemException.notFound("no rule " + id));
        audit.record("rule.update", AuditTarget.rule(rule.id, rule.name), describe(rule));
        return get(id);
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed("analyst")
    @Transactional
    public Response delete(@PathParam("id") long id) {
        WatchRule rule = WatchRule.findById(id);
        if (rule == null || !catalog.delete(id)) {
            throw ProblemException.notFound("no rule " + id);
        }
        audit.record("rule.delete", AuditTarget.rule(id, rule.name), describe(rule));
        return Response.noContent().build();
    }

    /**
     * What a rule would match in the archive, with the same semantics as live matching, and how many alerts a day it
     * would have raised over the last 30 days. A rule that does not compile gets the same 400 as on saving, so an
     * editor can call this on every keystroke.
     */
    @POST
    @Path("/preview")
    @Consumes(MediaType.APPLICATION_JSON)
    @ChangesNothing
    public PreviewJson preview(PreviewRequest request) {
        if (request == null || request.query() == null) {
            throw new InvalidRuleException("query", InvalidRuleException.EMPTY, 0);
        }
        int limit = request.limit() == null ? 20 : request.limit();
        if (limit < 0 || limit > MAX_PREVIEW_LIMIT) {
            throw new ProblemException(
                    io.vigil.web.http.Problem.of(400, "Bad Request", "limit must be between 0 and " + MAX_PREVIEW_LIMIT)
                            .withField("limit"));
        }
        String type = request.type() == null || request.type().isBlank()
                ? "query"
                : request.type().strip();
        var compiled = book.compile(type, request.query(), request.settings());
        ArchiveMatcher.Preview preview;
        try (PreviewSlots.Slot slot = previewSlots.take(identity.getPrincipal().getName())) {
            preview = archive.preview(compiled, limit, LocalDate.now(ZoneOffset.UTC));
        }
        List<ArchiveHit> hits = preview.scan().hits();
        List<PreviewMatchJson> matches = hits.subList(0, Math.min(limit, hits.size())).stream()
                .map(hit -> new PreviewMatchJson(
                        hit.articleId(),
                        hit.title(),
                        hit.source(),
                        hit.time(),
                        hit.storyId(),
                        hit.match().matchedTerms(),
                        SnippetJson.from(hit.snippets()),
                        hit.match().score()))
                .toList();
        List<DailyAlertsJson> days = preview.alertsPerDay().stream()
                .map((DailyAlerts day) -> new DailyAlertsJson(day.date(), day.alerts()))
                .toList();
        return new PreviewJson(
                hits.size(),
                matches,
                days,
                preview.averageAlertsPerDay(),
                preview.scan().examined(),
                preview.scan().truncated(),
                preview.historyExamined(),
                compiled.expandedReading().orElse(null));
    }

    /** What the audit log says about a rule: its expression and how it delivers. */
    public static String describe(WatchRule rule) {
        return rule.type + " " + rule.query + " (" + (rule.enabled ? "enabled" : "disabled") + ", " + rule.delivery
                + ")";
    }

    @SuppressWarnings("unchecked")
    private List<RuleJson> toJson(List<WatchRule> rules) {
        if (rules.isEmpty()) {
            return List.of();
        }
        List<Long> ids = rules.stream().map(rule -> rule.id).toList();
        Map<Long, Long> matches = new HashMap<>();
        List<Object[]> rows = entityManager
                .createNativeQuery("select rule_id, count(*) from article_match where rule_id in (?1) group by rule_id")
                .setParameter(1, ids)
                .getResultList();
        for (Object[] row : rows) {
            matches.put(((Number) row[0]).longValue(), ((Number) row[1]).longValue());
        }
        Map<Long, Long> alertCounts = alerts.countsByRule(ids);
        Map<Long, List<Route>> routes = WatchRule.routesOf(ids);
        Map<Long, String> makers = new HashMap<>();
        List<Object[]> made = entityManager
                .createNativeQuery(
                        "select r.id, u.username from rule r join users u on u.id = r.created_by where r.id in (?1)")
                .setParameter(1, ids)
                .getResultList();
        for (Object[] row : made) {
            makers.put(((Number) row[0]).longValue(), (String) row[1]);
        }
        return rules.stream()
                .map(rule -> {
                    List<Route> ruleRoutes = routes.getOrDefault(rule.id, List.of());
                    return new RuleJson(
                            rule.id,
                            rule.name,
                            rule.query,
                            rule.type,
                            rule.enabled,
                            ruleRoutes.stream().map(Route::channelId).toList(),
                            WatchRule.sharedDelivery(rule.delivery, ruleRoutes)
                                    .map(Delivery::id)
                                    .orElse(null),
                            rule.notifyUpdates,
                            rule.createdAt,
                            rule.updatedAt,
                            matches.getOrDefault(rule.id, 0L),
                            alertCounts.getOrDefault(rule.id, 0L),
                            RoutesJson.of(ruleRoutes),
                            rule.escalation()
                                    .map(value -> new EscalationJson(
                                            value.outlets(), value.within().toString()))
                                    .orElse(null),
                            rule.settings == null ? Map.of() : rule.settings,
                            makers.get(rule.id));
                })
                .toList();
    }
}
