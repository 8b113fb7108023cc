package io.vigil.web.ui;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.vigil.alerts.channel.Channel;
import io.vigil.alerts.silence.InvalidSilenceException;
import io.vigil.alerts.silence.Silence;
import io.vigil.alerts.silence.Silences;
import io.vigil.alerts.silence.Silences.SilenceDefinition;
import io.vigil.engine.plugin.PluginRegistry;
import io.vigil.engine.watch.ArchiveMatcher;
import io.vigil.engine.watch.ArchiveMatcher.ArchiveHit;
import io.vigil.engine.watch.InvalidRuleException;
import io.vigil.engine.watch.RuleBook;
import io.vigil.engine.watch.RuleCatalog;
import io.vigil.engine.watch.RuleCatalog.RuleDefinition;
import io.vigil.engine.watch.WatchRule;
import io.vigil.spi.PluginKind;
import io.vigil.web.ui.Passages.Passage;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jboss.resteasy.reactive.RestForm;

/**
 * {@code /rules}: the watch rules with their match counts, and the editor — validated as you type, with the error at its
 * position, and a live preview of the archive matches with the words highlighted and the alerts a day it would raise.
 * Also channels and delivery mode, enable, disable, delete, and the rule's silences.
 */
@Path("/rules")
public class RulesPage {

    /** The most matches a preview lists. */
    static final int PREVIEW_SHOWN = 20;

    static final List<String> DELIVERIES = List.of("immediate", "hourly", "daily");

    @Inject
    RuleCatalog catalog;

    @Inject
    RuleBook book;

    @Inject
    ArchiveMatcher archive;

    @Inject
    PluginRegistry plugins;

    @Inject
    Silences silences;

    @Inject
    EntityManager entityManager;

    /** A rule line: what it is, and how much it matched. */
    public record RuleView(
            long id,
            String name,
            String query,
            String type,
            boolean enabled,
            String delivery,
            long matches,
            long alerts) {}

    /** A channel one can tick on a rule. */
    public record ChannelOption(long id, String name, String type, boolean checked) {}

    /** A silence of the rule. */
    public record SilenceView(long id, String query, Instant until, String comment, boolean active) {}

    /** The editor's state. */
    public record RuleForm(
            Long id,
            String name,
            String query,
            String type,
            boolean enabled,
            String delivery,
            boolean notifyUpdates,
            List<String> types,
            List<ChannelOption> channels,
            List<SilenceView> silences,
            String field,
            String error) {
        public boolean errorOn(String name) {
            return error != null && name.equals(field);
        }
    }

    /** A matched article in the preview. */
    public record PreviewHit(long articleId, String title, String source, Instant time, List<Passage> passages) {}

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
            double alertsPerDay) {
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
        static native TemplateInstance rules(List<RuleView> rules);

        static native TemplateInstance editor(RuleForm form);

        static native TemplateInstance preview(PreviewView preview);
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance rules() {
        Map<Long, Long> matches = counts("select rule_id, count(*) from article_match group by rule_id");
        Map<Long, Long> alerts = counts("select rule_id, count(*) from alert group by rule_id");
        List<WatchRule> rules = WatchRule.list("order by name");
        return Templates.rules(rules.stream()
                .map(r -> new RuleView(
                        r.id,
                        r.name,
                        r.query,
                        r.type,
                        r.enabled,
                        r.delivery,
                        matches.getOrDefault(r.id, 0L),
                        alerts.getOrDefault(r.id, 0L)))
                .toList());
    }

    @GET
    @Path("/new")
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance create() {
        return Templates.editor(form(null, "", "", "query", true, "immediate", false, Set.of(), null, null));
    }

    @GET
    @Path("/{id}")
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance edit(@PathParam("id") long id) {
        return Templates.editor(form(find(id), null, null));
    }

    /**
     * The live preview: validates the query and, when it compiles, lists the archive articles it matches with the
     * words marked, and the alerts a day it would have raised. Read-only, so open to viewers too.
     */
    @POST
    @Path("/preview")
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance preview(@RestForm String query, @RestForm String type) {
        String expression = query == null ? "" : query;
        String ruleType = type == null || type.isBlank() ? "query" : type;
        if (expression.isBlank()) {
            return Templates.preview(new PreviewView(null, null, "", "", List.of(), 0, 0, false, 0));
        }
        try {
            var compiled = book.compile(ruleType, expression);
            ArchiveMatcher.Preview preview = archive.preview(compiled, PREVIEW_SHOWN, LocalDate.now(ZoneOffset.UTC));
            List<ArchiveHit> hits = preview.scan().hits();
            List<PreviewHit> shown = hits.subList(0, Math.min(PREVIEW_SHOWN, hits.size())).stream()
                    .map(hit -> new PreviewHit(
                            hit.articleId(),
                            hit.title(),
                            hit.source(),
                            hit.time(),
                            hit.snippets().stream().map(Passages::of).toList()))
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
                    preview.averageAlertsPerDay()));
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
                    0));
        }
    }

    @POST
    @Produces(MediaType.TEXT_HTML)
    public Response add(@RestForm("_csrf") String csrf) {
        return save(null, PostedForm.current());
    }

    @POST
    @Path("/{id}")
    @Produces(MediaType.TEXT_HTML)
    public Response update(@PathParam("id") long id, @RestForm("_csrf") String csrf) {
        find(id);
        return save(id, PostedForm.current());
    }

    /** Turns the rule on or off. */
    @POST
    @Path("/{id}/enabled")
    public Response enable(@PathParam("id") long id, @RestForm boolean enabled) {
        catalog.update(id, new RuleDefinition(null, null, null, enabled, null, null, null));
        return Response.seeOther(URI.create("/rules")).build();
    }

    @POST
    @Path("/{id}/delete")
    public Response delete(@PathParam("id") long id, @RestForm("_csrf") String csrf) {
        catalog.delete(id);
        return Response.seeOther(URI.create("/rules")).build();
    }

    /** Silences the rule for a number of hours, with a comment and optionally only for articles matching a query. */
    @POST
    @Path("/{id}/silences")
    @Produces(MediaType.TEXT_HTML)
    public Response silence(
            @PathParam("id") long id, @RestForm int hours, @RestForm String query, @RestForm String comment) {
        WatchRule rule = find(id);
        Instant now = Instant.now();
        try {
            silences.create(
                    new SilenceDefinition(
                            id,
                            query == null || query.isBlank() ? null : query,
                            now.plus(Duration.ofHours(Math.max(1, hours))),
                            comment == null ? "" : comment),
                    now);
            return Response.seeOther(URI.create("/rules/" + id + "#silences")).build();
        } catch (InvalidSilenceException e) {
            return Response.status(400)
                    .entity(Templates.editor(form(rule, "silence", e.getMessage())))
                    .build();
        }
    }

    @POST
    @Path("/{id}/silences/{silence}/delete")
    public Response unsilence(
            @PathParam("id") long id, @PathParam("silence") long silence, @RestForm("_csrf") String csrf) {
        silences.delete(silence);
        return Response.seeOther(URI.create("/rules/" + id + "#silences")).build();
    }

    private Response save(Long id, Map<String, String> posted) {
        String name = posted.getOrDefault("name", "").strip();
        String query = posted.getOrDefault("query", "");
        String type = posted.getOrDefault("type", "query");
        String delivery = posted.getOrDefault("delivery", "immediate");
        boolean enabled = !"false".equals(posted.get("enabled"));
        boolean notifyUpdates = "true".equals(posted.get("notifyUpdates"));
        Set<Long> channels = new HashSet<>();
        PostedForm.values("channels").forEach(value -> {
            try {
                channels.add(Long.parseLong(value));
            } catch (NumberFormatException ignored) {
                // not a channel id: left out, and the form shows the channels as saved
            }
        });
        RuleDefinition definition = new RuleDefinition(
                name.isEmpty() ? null : name, query, type, enabled, List.copyOf(channels), delivery, notifyUpdates);
        try {
            long saved = id == null
                    ? catalog.create(definition).id
                    : catalog.update(id, definition).orElseThrow().id;
            return Response.seeOther(URI.create("/rules?saved=" + saved)).build();
        } catch (InvalidRuleException e) {
            RuleForm form =
                    form(id, name, query, type, enabled, delivery, notifyUpdates, channels, e.field(), e.getMessage());
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
                rule.delivery,
                rule.notifyUpdates,
                new HashSet<>(rule.channelIds()),
                field,
                error);
    }

    @Transactional
    RuleForm form(
            Long id,
            String name,
            String query,
            String type,
            boolean enabled,
            String delivery,
            boolean notifyUpdates,
            Set<Long> checked,
            String field,
            String error) {
        List<Channel> channels = Channel.list("order by name");
        List<SilenceView> silenceViews = List.of();
        if (id != null) {
            Instant now = Instant.now();
            List<Silence> ruleSilences = Silence.list("ruleId = ?1 order by until desc", id);
            silenceViews = ruleSilences.stream()
                    .map(s -> new SilenceView(s.id, s.query, s.until, s.comment, s.isActive(now)))
                    .toList();
        }
        return new RuleForm(
                id,
                name,
                query,
                type,
                enabled,
                delivery,
                notifyUpdates,
                plugins.typeNames(PluginKind.RULE),
                channels.stream()
                        .map(c -> new ChannelOption(c.id, c.name, c.type, checked.contains(c.id)))
                        .toList(),
                silenceViews,
                field,
                error);
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
