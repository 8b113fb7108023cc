package io.vigil.web.ui;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.identity.SecurityIdentity;
import io.vigil.alerts.channel.Channel;
import io.vigil.alerts.silence.InvalidSilenceException;
import io.vigil.alerts.silence.Silence;
import io.vigil.alerts.silence.Silences;
import io.vigil.alerts.silence.Silences.SilenceDefinition;
import io.vigil.engine.alert.Alerts;
import io.vigil.engine.plugin.PluginRegistry;
import io.vigil.engine.watch.ArchiveMatcher;
import io.vigil.engine.watch.ArchiveMatcher.ArchiveHit;
import io.vigil.engine.watch.Delivery;
import io.vigil.engine.watch.Escalation;
import io.vigil.engine.watch.InvalidRuleException;
import io.vigil.engine.watch.Route;
import io.vigil.engine.watch.RuleBook;
import io.vigil.engine.watch.RuleCatalog;
import io.vigil.engine.watch.RuleCatalog.EscalationDefinition;
import io.vigil.engine.watch.RuleCatalog.RouteDefinition;
import io.vigil.engine.watch.RuleCatalog.RuleDefinition;
import io.vigil.engine.watch.RuleFeedback;
import io.vigil.engine.watch.WatchRule;
import io.vigil.spi.PluginKind;
import io.vigil.web.audit.AuditLog;
import io.vigil.web.audit.AuditTarget;
import io.vigil.web.http.ProblemException;
import io.vigil.web.rule.PreviewSlots;
import io.vigil.web.rule.RuleResource;
import io.vigil.web.security.ChangesNothing;
import io.vigil.web.security.Makers;
import io.vigil.web.security.SignedIn;
import io.vigil.web.silence.SilenceResource;
import io.vigil.web.ui.Passages.Passage;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
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
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestHeader;

/**
 * {@code /rules}: the watch rules with their match counts, and the editor — validated as you type, with the error at its
 * position, and a live preview of the archive matches with the words highlighted and the alerts a day it would raise.
 * Also the rule's routes (each channel with its own delivery), its escalation, enable, disable, delete, and its
 * silences.
 */
@Path("/rules")
@RolesAllowed("viewer")
public class RulesPage {

    @Inject
    AuditLog audit;

    /** The most matches a preview lists. */
    static final int PREVIEW_SHOWN = 20;

    /** The escalation windows the editor offers; a rule saved with another through the API shows that one too. */
    static final List<String> ESCALATION_WINDOWS =
            List.of("PT15M", "PT30M", "PT1H", "PT3H", "PT6H", "PT12H", "P1D", "P3D", "P7D");

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
    PluginRegistry plugins;

    @Inject
    Silences silences;

    @Inject
    EntityManager entityManager;

    @Inject
    Alerts alerts;

    @Inject
    RuleFeedback feedback;

    /**
     * A rule line: what it is, how much it matched, and how its judged alerts went.
     *
     * @param relevant alerts judged relevant
     * @param notRelevant alerts judged not relevant
     */
    public record RuleView(
            long id,
            String name,
            String query,
            String type,
            boolean enabled,
            String delivery,
            long matches,
            long alerts,
            int relevant,
            int notRelevant) {
        /** The judged alerts. */
        public int judgedCount() {
            return relevant + notRelevant;
        }

        /** Whether any alert was judged. */
        public boolean judged() {
            return relevant + notRelevant > 0;
        }

        /** Precision over the judged alerts, as a percentage. */
        public String precisionText() {
            return Math.round(100.0 * relevant / Math.max(1, relevant + notRelevant)) + "%";
        }
    }

    /** A suggested {@code -term}, the rule it makes, and what it would do to the judged alerts. */
    public record SuggestionView(
            long ruleId, String term, String query, int removes, int keeps, int notRelevant, int relevant) {
        /** The editor with the changed rule filled in, so its preview shows before anything is saved. */
        public String editorLink() {
            return "/rules/" + ruleId + "?query="
                    + java.net.URLEncoder.encode(query, java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    /**
     * For a scoring rule, the threshold that best separates its judged alerts, and what it would do to them.
     *
     * @param value as the rule's {@code threshold} setting takes it, {@code 0.62}
     */
    public record ThresholdView(
            long ruleId, String value, int keepsRelevant, int relevant, int removesNotRelevant, int notRelevant) {
        /** The editor with the changed threshold in the settings form, so its preview shows before anything is saved. */
        public String editorLink() {
            return "/rules/" + ruleId + "?threshold="
                    + java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    /** A channel one can tick on a rule, with the delivery of its route (or the one a new route would get). */
    public record ChannelOption(long id, String name, String type, boolean checked, String delivery) {}

    /** A delivery a route can have, for the route's select. */
    public record DeliveryOption(String id, String label) {}

    /** An escalation window the editor offers. */
    public record WindowOption(String id, String label, boolean selected) {}

    /**
     * The routing part of the editor: the routes (channel to delivery), the delivery a newly ticked channel gets, and
     * the escalation as typed.
     *
     * @param escalationOutlets the outlets as typed; empty for no escalation
     * @param escalationWithin the window, ISO-8601
     */
    public record Routing(
            Map<Long, Delivery> routes, Delivery fallback, String escalationOutlets, String escalationWithin) {

        static Routing of(WatchRule rule) {
            Map<Long, Delivery> routes = new LinkedHashMap<>();
            rule.routes().forEach(route -> routes.put(route.channelId(), route.delivery()));
            return new Routing(
                    routes,
                    rule.delivery,
                    rule.escalation().map(e -> String.valueOf(e.outlets())).orElse(""),
                    rule.escalation().map(e -> e.within().toString()).orElse("PT1H"));
        }

        static Routing none() {
            return new Routing(Map.of(), Delivery.IMMEDIATE, "", "PT1H");
        }
    }

    /** A silence of the rule. */
    public record SilenceView(long id, String query, Instant until, String comment, boolean active, String createdBy) {}

    /** The editor's state. */
    public record RuleForm(
            Long id,
            String name,
            String query,
            String type,
            boolean enabled,
            boolean notifyUpdates,
            List<String> types,
            List<ChannelOption> channels,
            List<DeliveryOption> deliveries,
            String escalationOutlets,
            List<WindowOption> escalationWindows,
            List<SilenceView> silences,
            String field,
            String error,
            String notice,
            List<ConfigForm.Input> settings,
            String typeProblem) {
        public boolean errorOn(String name) {
            return error != null && name.equals(field);
        }

        /** Whether the error is about the routes ({@code routes}, {@code routes[2].delivery}, {@code channels}). */
        public boolean errorOnRoutes() {
            return error != null && field != null && (field.startsWith("routes") || field.equals("channels"));
        }

        /** Whether the error is about a setting ({@code settings.threshold}); shown at its input. */
        public boolean errorOnSettings() {
            return error != null && field != null && field.startsWith("settings.");
        }

        public boolean errorOnEscalation() {
            return error != null && field != null && field.startsWith("escalation");
        }
    }

    /** A matched article in the preview. */
    /** @param score for a scoring rule type, {@code similarity 0.62}; {@code null} for Boolean rules */
    public record PreviewHit(
            long articleId, String title, String source, Instant time, List<Passage> passages, String score) {}

    /**
     * The preview: the query's error (with the text before and after its position) or its matches.
     *
     * @param before the query up to the error position
     * @param after the query from the error position on
     */
    public record PreviewView(
            String error,
            Integer position,
            String before,
            String after,
            List<PreviewHit> hits,
            int total,
            int examined,
            boolean truncated,
            double alertsPerDay,
            String reading) {
        /** The character the error points at (a space past the end), to be marked. */
        public String at() {
            return after.isEmpty() ? " " : after.substring(0, 1);
        }

        /** The query after the marked character. */
        public String rest() {
            return after.isEmpty() ? "" : after.substring(1);
        }

        public String alertsPerDayText() {
            return String.format(java.util.Locale.ROOT, "%.1f", alertsPerDay);
        }
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance rules(List<RuleView> rules, Map<String, String> unavailable, String savedName);

        static native TemplateInstance settings(List<ConfigForm.Input> inputs, String typeProblem);

        static native TemplateInstance editor(RuleForm form);

        static native TemplateInstance preview(PreviewView preview);

        static native TemplateInstance suggestions(
                long ruleId, List<SuggestionView> suggestions, ThresholdView threshold);
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance rules(@QueryParam("saved") Long saved) {
        Map<Long, Long> matches = counts("select rule_id, count(*) from article_match group by rule_id");
        Map<Long, Long> alertCounts = alerts.countsByRule(null);
        Map<Long, RuleFeedback.Judged> judged = feedback.judgedPerRule();
        List<WatchRule> rules = WatchRule.list("order by name");
        Map<Long, List<Route>> routes =
                WatchRule.routesOf(rules.stream().map(rule -> rule.id).toList());
        return Templates.rules(
                rules.stream()
                        .map(r -> new RuleView(
                                r.id,
                                r.name,
                                r.query,
                                r.type,
                                r.enabled,
                                deliveryText(r.delivery, routes.getOrDefault(r.id, List.of())),
                                matches.getOrDefault(r.id, 0L),
                                alertCounts.getOrDefault(r.id, 0L),
                                judged.getOrDefault(r.id, NOT_JUDGED).relevant(),
                                judged.getOrDefault(r.id, NOT_JUDGED).notRelevant()))
                        .toList(),
                book.unavailableTypes(),
                // where saving the editor leads (/rules?saved=ID): say which rule was saved
                rules.stream()
                        .filter(rule -> saved != null && rule.id.equals(saved))
                        .map(rule -> rule.name)
                        .findFirst()
                        .orElse(null));
    }

    /** The settings inputs of a rule type, which the editor swaps in when the type changes. */
    @GET
    @Path("/settings")
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance settings(@QueryParam("type") String type) {
        String ruleType = type == null || type.isBlank() ? "query" : type.strip();
        return Templates.settings(
                settingsInputs(ruleType, Map.of(), null, null),
                book.unavailableTypes().get(ruleType));
    }

    /** One input per setting of the type's spec, showing {@code values} and the error of {@code field}. */
    private List<ConfigForm.Input> settingsInputs(String type, Map<String, String> values, String field, String error) {
        String settingField =
                field != null && field.startsWith("settings.") ? field.substring("settings.".length()) : null;
        return plugins.ruleTypeFactory(type)
                .map(factory -> ConfigForm.inputs(factory.configSpec(), values, settingField, error, false))
                .orElse(List.of());
    }

    /** Whether the rule type has a {@code threshold} setting, the one a feedback threshold suggestion changes. */
    private boolean hasThreshold(String type) {
        return plugins.ruleTypeFactory(type)
                .map(factory -> factory.configSpec().field(THRESHOLD).isPresent())
                .orElse(false);
    }

    /** The posted settings of the posted type ({@code config.*} inputs). */
    private Map<String, String> postedSettings(String type, Map<String, String> posted) {
        return plugins.ruleTypeFactory(type)
                .map(factory -> ConfigForm.posted(factory.configSpec(), posted, Map.of()))
                .orElse(Map.of());
    }

    private static final RuleFeedback.Judged NOT_JUDGED = new RuleFeedback.Judged(0, 0);

    /**
     * The words that separate a rule's not-relevant alerts from its relevant ones, as {@code -word} suggestions, or for
     * a scoring rule the threshold that does; a fragment the rules page loads for each rule with not-relevant alerts.
     */
    @GET
    @RolesAllowed("viewer")
    @Path("/{id}/suggestions")
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance suggestions(@PathParam("id") long id) {
        WatchRule rule = find(id);
        RuleFeedback.Report report = feedback.report(id, rule.type, rule.query, rule.settings);
        return Templates.suggestions(
                id,
                report.suggestions().stream()
                        .map(s -> new SuggestionView(
                                id,
                                s.term(),
                                s.query(),
                                s.removes(),
                                s.keeps(),
                                report.judged().notRelevant(),
                                report.judged().relevant()))
                        .toList(),
                report.threshold() == null
                        ? null
                        : new ThresholdView(
                                id,
                                thresholdText(report.threshold().value()),
                                report.threshold().keepsRelevant(),
                                report.judged().relevant(),
                                report.threshold().removesNotRelevant(),
                                report.judged().notRelevant()));
    }

    /** {@code 0.62}: the suggestion rounded as the setting is written, without trailing zeros. */
    static String thresholdText(double value) {
        return java.math.BigDecimal.valueOf(value)
                .setScale(3, java.math.RoundingMode.HALF_UP)
                .stripTrailingZeros()
                .toPlainString();
    }

    /** The setting a feedback threshold suggestion changes. */
    static final String THRESHOLD = "threshold";

    @GET
    @Path("/new")
    @Produces(MediaType.TEXT_HTML)
    @Transactional
    public TemplateInstance create() {
        return Templates.editor(form(null, "", "", "query", true, false, Routing.none(), null, null, null));
    }

    /**
     * The editor of a new {@code similar} rule for articles like this one: prefilled with the article's title as the
     * description and its id, so the preview shows its neighbours at once.
     */
    @GET
    @Path("/new/similar")
    @Produces(MediaType.TEXT_HTML)
    @Transactional
    public TemplateInstance similar(@QueryParam("article") long articleId) {
        io.vigil.engine.article.Article article = io.vigil.engine.article.Article.findById(articleId);
        if (article == null) {
            throw new NotFoundException("no article " + articleId);
        }
        return Templates.editor(form(
                null,
                "Like: " + article.title,
                article.title,
                "similar",
                true,
                false,
                Routing.none(),
                Map.of("articles", Long.toString(articleId)),
                null,
                null,
                "Articles like \"" + article.title + "\": the description is its title; edit it, or add article ids,"
                        + " then check the preview and save."));
    }

    /**
     * The editor of a saved rule; with {@code query}, the rule as a feedback suggestion changed it, not yet saved, so the
     * preview shows what the change does and Save accepts it.
     */
    @GET
    @Path("/{id}")
    @Produces(MediaType.TEXT_HTML)
    @Transactional
    public TemplateInstance edit(
            @PathParam("id") long id,
            @QueryParam("query") String suggested,
            @QueryParam("threshold") String suggestedThreshold) {
        WatchRule rule = find(id);
        if (suggestedThreshold != null && !suggestedThreshold.isBlank() && hasThreshold(rule.type)) {
            String threshold = suggestedThreshold.strip();
            String saved = rule.settings == null ? null : rule.settings.get(THRESHOLD);
            if (!threshold.equals(saved)) {
                Map<String, String> settings = new LinkedHashMap<>();
                if (rule.settings != null) {
                    settings.putAll(rule.settings);
                }
                settings.put(THRESHOLD, threshold);
                return Templates.editor(form(
                        rule.id,
                        rule.name,
                        rule.query,
                        rule.type,
                        rule.enabled,
                        rule.notifyUpdates,
                        Routing.of(rule),
                        settings,
                        null,
                        null,
                        "Suggested from the judged alerts: check the preview, then save to accept the threshold "
                                + threshold + " (the saved rule has "
                                + (saved == null ? "the default" : saved) + ")."));
            }
        }
        if (suggested == null || suggested.isBlank() || suggested.equals(rule.query)) {
            return Templates.editor(form(rule, null, null));
        }
        return Templates.editor(form(
                rule.id,
                rule.name,
                suggested,
                rule.type,
                rule.enabled,
                rule.notifyUpdates,
                Routing.of(rule),
                rule.settings,
                null,
                null,
                "Suggested from the alerts judged not relevant: check the preview, then save to accept the change"
                        + " (the saved rule was: " + rule.query + ")."));
    }

    /**
     * The live preview: validates the query and, when it compiles, lists the archive articles it matches with the
     * words marked, and the alerts a day it would have raised. Read-only, so open to viewers too.
     */
    @POST
    @Path("/preview")
    @Produces(MediaType.TEXT_HTML)
    @ChangesNothing
    public TemplateInstance preview(
            @RestForm String query, @RestForm String type, @RestHeader("HX-Request") String htmx) {
        String expression = query == null ? "" : query;
        String ruleType = type == null || type.isBlank() ? "query" : type;
        Map<String, String> settings = postedSettings(ruleType, PostedForm.current());
        if (expression.isBlank()) {
            return Templates.preview(new PreviewView(null, null, "", "", List.of(), 0, 0, false, 0, null));
        }
        try {
            var compiled = book.compile(ruleType, expression, settings);
            PreviewSlots.Slot taken;
            try {
                taken = previewSlots.take(identity.getPrincipal().getName());
            } catch (ProblemException busy) {
                if (htmx == null) {
                    throw busy;
                }
                // htmx swaps only successful answers: the editor shows why there is no preview where it would be.
                return Templates.preview(
                        new PreviewView(busy.getMessage(), null, "", "", List.of(), 0, 0, false, 0, null));
            }
            ArchiveMatcher.Preview preview;
            try (PreviewSlots.Slot slot = taken) {
                preview = archive.preview(compiled, PREVIEW_SHOWN, LocalDate.now(ZoneOffset.UTC));
            }
            List<ArchiveHit> hits = preview.scan().hits();
            List<PreviewHit> shown = hits.subList(0, Math.min(PREVIEW_SHOWN, hits.size())).stream()
                    .map(hit -> new PreviewHit(
                            hit.articleId(),
                            hit.title(),
                            hit.source(),
                            hit.time(),
                            hit.snippets().stream().map(Passages::of).toList(),
                            hit.match().score() == null
                                    ? null
                                    : String.format(
                                            java.util.Locale.ROOT,
                                            "similarity %.2f",
                                            hit.match().score())))
                    .toList();
            return Templates.preview(new PreviewView(
                    null,
                    null,
                    "",
                    "",
                    shown,
                    hits.size(),
                    preview.scan().examined(),
                    preview.scan().truncated(),
                    preview.averageAlertsPerDay(),
                    compiled.expandedReading().orElse(null)));
        } catch (InvalidRuleException e) {
            Integer position = e.position();
            int at = position == null ? expression.length() : Math.max(0, Math.min(position, expression.length()));
            return Templates.preview(new PreviewView(
                    e.getMessage(),
                    position,
                    expression.substring(0, at),
                    expression.substring(at),
                    List.of(),
                    0,
                    0,
                    false,
                    0,
                    null));
        }
    }

    @POST
    @Produces(MediaType.TEXT_HTML)
    @RolesAllowed("analyst")
    public Response add(@RestForm("_csrf") String csrf) {
        return save(null, PostedForm.current());
    }

    @POST
    @Path("/{id}")
    @Produces(MediaType.TEXT_HTML)
    @RolesAllowed("analyst")
    public Response update(@PathParam("id") long id, @RestForm("_csrf") String csrf) {
        find(id);
        return save(id, PostedForm.current());
    }

    /** Turns the rule on or off. */
    @POST
    @Path("/{id}/enabled")
    @RolesAllowed("analyst")
    @Transactional
    public Response enable(@PathParam("id") long id, @RestForm boolean enabled) {
        WatchRule rule = catalog.update(id, new RuleDefinition(null, null, null, enabled, null, null, null))
                .orElseThrow(() -> new NotFoundException("no rule " + id));
        audit.record(enabled ? "rule.enable" : "rule.disable", AuditTarget.rule(id, rule.name), null);
        return Response.seeOther(URI.create("/rules")).build();
    }

    @POST
    @Path("/{id}/delete")
    @RolesAllowed("analyst")
    @Transactional
    public Response delete(@PathParam("id") long id, @RestForm("_csrf") String csrf) {
        WatchRule rule = WatchRule.findById(id);
        if (rule != null && catalog.delete(id)) {
            audit.record("rule.delete", AuditTarget.rule(id, rule.name), RuleResource.describe(rule));
        }
        return Response.seeOther(URI.create("/rules")).build();
    }

    /** Silences the rule for a number of hours, with a comment and optionally only for articles matching a query. */
    @POST
    @Path("/{id}/silences")
    @Produces(MediaType.TEXT_HTML)
    @RolesAllowed("analyst")
    public Response silence(
            @PathParam("id") long id, @RestForm int hours, @RestForm String query, @RestForm String comment) {
        WatchRule rule = find(id);
        Instant now = Instant.now();
        try {
            QuarkusTransaction.joiningExisting().run(() -> {
                Silence silence = silences.create(
                        new SilenceDefinition(
                                id,
                                query == null || query.isBlank() ? null : query,
                                now.plus(Duration.ofHours(Math.max(1, hours))),
                                comment == null ? "" : comment),
                        SignedIn.creatorId(identity),
                        now);
                audit.record(
                        "silence.create",
                        AuditTarget.silence(silence.id, rule.name),
                        SilenceResource.describe(silence));
            });
            return Response.seeOther(URI.create("/rules/" + id + "#silences")).build();
        } catch (InvalidSilenceException e) {
            return Response.status(400)
                    .entity(Templates.editor(form(rule, "silence", e.getMessage())))
                    .build();
        }
    }

    @POST
    @Path("/{id}/silences/{silence}/delete")
    @RolesAllowed("analyst")
    @Transactional
    public Response unsilence(
            @PathParam("id") long id, @PathParam("silence") long silence, @RestForm("_csrf") String csrf) {
        Silence existing = Silence.findById(silence);
        if (existing != null && silences.delete(silence)) {
            audit.record("silence.delete", AuditTarget.silence(silence, null), SilenceResource.describe(existing));
        }
        return Response.seeOther(URI.create("/rules/" + id + "#silences")).build();
    }

    private Response save(Long id, Map<String, String> posted) {
        String name = posted.getOrDefault("name", "").strip();
        String query = posted.getOrDefault("query", "");
        String type = posted.getOrDefault("type", "query");
        boolean enabled = !"false".equals(posted.get("enabled"));
        boolean notifyUpdates = "true".equals(posted.get("notifyUpdates"));
        PostedRoutes routing = postedRoutes(posted);
        Map<String, String> settings = postedSettings(type, posted);
        RuleDefinition definition = new RuleDefinition(
                name.isEmpty() ? null : name,
                query,
                type,
                enabled,
                null,
                null,
                notifyUpdates,
                routing.routes(),
                routing.escalation(),
                settings);
        try {
            if (routing.refused() != null) {
                throw routing.refused();
            }
            long saved = QuarkusTransaction.joiningExisting().call(() -> {
                WatchRule rule = id == null
                        ? catalog.create(definition, SignedIn.creatorId(identity))
                        : catalog.update(id, definition).orElseThrow();
                audit.record(
                        id == null ? "rule.create" : "rule.update",
                        AuditTarget.rule(rule.id, rule.name),
                        RuleResource.describe(rule));
                return rule.id;
            });
            return Response.seeOther(URI.create("/rules?saved=" + saved)).build();
        } catch (InvalidRuleException e) {
            RuleForm form = form(
                    id,
                    name,
                    query,
                    type,
                    enabled,
                    notifyUpdates,
                    routing.form(),
                    settings,
                    e.field(),
                    e.getMessage(),
                    null);
            return Response.status(400)
                    .entity(Templates.editor(form))
                    .type(MediaType.TEXT_HTML_TYPE)
                    .build();
        }
    }

    /** The editor of a saved rule as it is saved, with {@code error} on {@code field} when there is one. */
    private RuleForm form(WatchRule rule, String field, String error) {
        return form(
                rule.id,
                rule.name,
                rule.query,
                rule.type,
                rule.enabled,
                rule.notifyUpdates,
                Routing.of(rule),
                rule.settings,
                field,
                error,
                null);
    }

    @Transactional
    RuleForm form(
            Long id,
            String name,
            String query,
            String type,
            boolean enabled,
            boolean notifyUpdates,
            Routing routing,
            String field,
            String error,
            String notice) {
        return form(id, name, query, type, enabled, notifyUpdates, routing, Map.of(), field, error, notice);
    }

    @Transactional
    RuleForm form(
            Long id,
            String name,
            String query,
            String type,
            boolean enabled,
            boolean notifyUpdates,
            Routing routing,
            Map<String, String> settings,
            String field,
            String error,
            String notice) {
        List<Channel> channels = Channel.list("order by name");
        List<SilenceView> silenceViews = List.of();
        if (id != null) {
            Instant now = Instant.now();
            List<Silence> ruleSilences = Silence.list("ruleId = ?1 order by until desc", id);
            silenceViews = ruleSilences.stream()
                    .map(s -> new SilenceView(
                            s.id, s.query, s.until, s.comment, s.isActive(now), Makers.username(s.createdBy)))
                    .toList();
        }
        return new RuleForm(
                id,
                name,
                query,
                type,
                enabled,
                notifyUpdates,
                plugins.typeNames(PluginKind.RULE),
                channels.stream()
                        .map(c -> new ChannelOption(
                                c.id,
                                c.name,
                                c.type,
                                routing.routes().containsKey(c.id),
                                routing.routes()
                                        .getOrDefault(c.id, routing.fallback())
                                        .id()))
                        .toList(),
                DELIVERY_OPTIONS,
                routing.escalationOutlets(),
                windows(routing.escalationWithin()),
                silenceViews,
                field,
                error,
                notice,
                settingsInputs(type, settings == null ? Map.of() : settings, field, error),
                book.unavailableTypes().get(type));
    }

    // --- Routes and escalation in the editor ---

    static final List<DeliveryOption> DELIVERY_OPTIONS = List.of(
            new DeliveryOption(Delivery.IMMEDIATE.id(), "immediately"),
            new DeliveryOption(Delivery.HOURLY.id(), "hourly digest"),
            new DeliveryOption(Delivery.DAILY.id(), "daily digest"),
            new DeliveryOption(Delivery.WEEKLY.id(), "weekly digest"));

    /** The routes and escalation as posted, for the catalog and, should it refuse them, for the form again. */
    /** The routes section as posted; {@code refused} when the outlets typed are not a number, to be shown as typed. */
    private record PostedRoutes(
            List<RouteDefinition> routes,
            EscalationDefinition escalation,
            Routing form,
            InvalidRuleException refused) {}

    /**
     * Reads the routes section: each ticked {@code channels} box with its {@code delivery-<id>} select, and the
     * escalation ({@code escalationOutlets} empty for none, {@code escalationWithin}).
     */
    private static PostedRoutes postedRoutes(Map<String, String> posted) {
        List<RouteDefinition> routes = new ArrayList<>();
        Map<Long, Delivery> shown = new LinkedHashMap<>();
        Set<Long> seen = new HashSet<>();
        for (String value : PostedForm.values("channels")) {
            long channelId;
            try {
                channelId = Long.parseLong(value);
            } catch (NumberFormatException ignored) {
                continue; // not a channel id: left out, and the form shows the channels as saved
            }
            if (seen.add(channelId)) {
                String delivery = posted.getOrDefault("delivery-" + channelId, Delivery.IMMEDIATE.id());
                routes.add(new RouteDefinition(channelId, delivery));
                shown.put(channelId, Delivery.of(delivery).orElse(Delivery.IMMEDIATE));
            }
        }
        String outlets = posted.getOrDefault("escalationOutlets", "").strip();
        String within = posted.getOrDefault("escalationWithin", "PT1H").strip();
        EscalationDefinition escalation = EscalationDefinition.NONE;
        InvalidRuleException refused = null;
        if (!outlets.isEmpty()) {
            try {
                escalation = new EscalationDefinition(Integer.valueOf(outlets), within);
            } catch (NumberFormatException e) {
                refused = new InvalidRuleException(
                        "escalation.outlets",
                        "escalation.outlets must be a whole number, " + Escalation.MIN_OUTLETS + " to "
                                + Escalation.MAX_OUTLETS + " distinct outlets, not '" + outlets + "'");
            }
        }
        return new PostedRoutes(routes, escalation, new Routing(shown, Delivery.IMMEDIATE, outlets, within), refused);
    }

    private static List<WindowOption> windows(String selected) {
        List<String> ids = new ArrayList<>(ESCALATION_WINDOWS);
        if (selected != null && !selected.isBlank() && !ids.contains(selected)) {
            ids.add(0, selected);
        }
        return ids.stream()
                .map(id -> new WindowOption(id, windowLabel(id), id.equals(selected)))
                .toList();
    }

    /** "1 hour", "15 minutes", "3 days"; an unusual window as written. */
    static String windowLabel(String iso) {
        try {
            Duration duration = Duration.parse(iso);
            long minutes = duration.toMinutes();
            if (minutes > 0 && duration.equals(Duration.ofMinutes(minutes))) {
                if (minutes % (60 * 24) == 0) {
                    return plural(minutes / (60 * 24), "day");
                }
                if (minutes % 60 == 0) {
                    return plural(minutes / 60, "hour");
                }
                return plural(minutes, "minute");
            }
        } catch (java.time.format.DateTimeParseException ignored) {
            // shown as typed; the catalog refuses it when saved
        }
        return iso;
    }

    private static String plural(long n, String unit) {
        return n + " " + unit + (n == 1 ? "" : "s");
    }

    /** The rules list's delivery column: the one all routes share, or each delivery with its number of channels. */
    static String deliveryText(Delivery own, List<Route> routes) {
        return WatchRule.sharedDelivery(own, routes).map(Delivery::id).orElseGet(() -> routes.stream()
                .collect(java.util.stream.Collectors.groupingBy(
                        Route::delivery, java.util.TreeMap::new, java.util.stream.Collectors.counting()))
                .entrySet()
                .stream()
                .map(entry -> entry.getKey().id() + " (" + entry.getValue() + ")")
                .collect(java.util.stream.Collectors.joining(", ")));
    }

    @SuppressWarnings("unchecked")
    private Map<Long, Long> counts(String sql) {
        Map<Long, Long> counts = new HashMap<>();
        for (Object[] row :
                (List<Object[]>) entityManager.createNativeQuery(sql).getResultList()) {
            counts.put(((Number) row[0]).longValue(), ((Number) row[1]).longValue());
        }
        return counts;
    }

    private static WatchRule find(long id) {
        WatchRule rule = WatchRule.findById(id);
        if (rule == null) {
            throw new NotFoundException("no rule " + id);
        }
        return rule;
    }
}
