package io.vigil.web.rule;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.vigil.engine.watch.ArchiveMatcher;
import io.vigil.engine.watch.ArchiveMatcher.ArchiveHit;
import io.vigil.engine.watch.ArchiveMatcher.DailyAlerts;
import io.vigil.engine.watch.InvalidRuleException;
import io.vigil.engine.watch.RuleBook;
import io.vigil.engine.watch.RuleCatalog;
import io.vigil.engine.watch.RuleCatalog.RuleDefinition;
import io.vigil.engine.watch.WatchRule;
import io.vigil.web.http.Page;
import io.vigil.web.http.Paging;
import io.vigil.web.http.ProblemException;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
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
public class RuleResource {

    /** The most matches a preview lists. */
    static final int MAX_PREVIEW_LIMIT = 100;

    @Inject
    RuleCatalog catalog;

    @Inject
    RuleBook book;

    @Inject
    ArchiveMatcher archive;

    @Inject
    EntityManager entityManager;

    /** What a client sends to create or change a rule; on a change, fields left out keep their value. */
    public record RuleRequest(
            String name,
            String query,
            String type,
            Boolean enabled,
            List<Long> channels,
            String delivery,
            Boolean notifyUpdates) {
        RuleDefinition toDefinition() {
            return new RuleDefinition(name, query, type, enabled, channels, delivery, notifyUpdates);
        }
    }

    /**
     * A rule as the API shows it.
     *
     * @param matchCount the articles it matched
     * @param alertCount the alerts it raised (one per story)
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
            long alertCount) {}

    /** What to preview: a rule expression, its type ({@code query} by default) and how many matches to list. */
    public record PreviewRequest(String query, String type, Integer limit) {}

    /** A stored article the previewed rule matches, and why. */
    public record PreviewMatchJson(
            long articleId,
            String title,
            String source,
            Instant publishedAt,
            long storyId,
            List<String> matchedTerms,
            List<SnippetJson> snippets) {}

    /** Alerts the rule would have raised on one day (UTC). */
    public record DailyAlertsJson(LocalDate date, int alerts) {}

    /**
     * A preview.
     *
     * @param total the matching articles among those examined
     * @param examined the candidate articles the rule ran on
     * @param truncated whether the candidate cap cut the scan short (the figures then cover the newest candidates)
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record PreviewJson(
            long total,
            List<PreviewMatchJson> matches,
            List<DailyAlertsJson> alertsPerDay,
            double averageAlertsPerDay,
            int examined,
            boolean truncated) {}

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

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(RuleRequest request) {
        WatchRule rule = catalog.create(request == null ? null : request.toDefinition());
        return Response.created(URI.create("/api/rules/" + rule.id))
                .entity(get(rule.id))
                .build();
    }

    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public RuleJson update(@PathParam("id") long id, RuleRequest request) {
        if (request == null) {
            throw new InvalidRuleException(null, "the request has no body");
        }
        catalog.update(id, request.toDefinition()).orElseThrow(() -> ProblemException.notFound("no rule " + id));
        return get(id);
    }

    @DELETE
    @Path("/{id}")
    public Response delete(@PathParam("id") long id) {
        if (!catalog.delete(id)) {
            throw ProblemException.notFound("no rule " + id);
        }
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
        var compiled = book.compile(type, request.query());
        ArchiveMatcher.Preview preview = archive.preview(compiled, limit, LocalDate.now(ZoneOffset.UTC));
        List<ArchiveHit> hits = preview.scan().hits();
        List<PreviewMatchJson> matches = hits.subList(0, Math.min(limit, hits.size())).stream()
                .map(hit -> new PreviewMatchJson(
                        hit.articleId(),
                        hit.title(),
                        hit.source(),
                        hit.time(),
                        hit.storyId(),
                        hit.match().matchedTerms(),
                        SnippetJson.from(hit.snippets())))
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
                preview.scan().truncated());
    }

    @SuppressWarnings("unchecked")
    private List<RuleJson> toJson(List<WatchRule> rules) {
        if (rules.isEmpty()) {
            return List.of();
        }
        List<Long> ids = rules.stream().map(rule -> rule.id).toList();
        Map<Long, long[]> counts = new HashMap<>();
        Map<Long, List<Long>> channels = new HashMap<>();
        List<Object[]> rows = entityManager
                .createNativeQuery(
                        """
                        select r.id,
                               (select count(*) from article_match m where m.rule_id = r.id),
                               (select count(*) from alert a where a.rule_id = r.id),
                               array(select rc.channel_id from rule_channel rc where rc.rule_id = r.id
                                     order by rc.channel_id)
                        from rule r where r.id in (?1)
                        """)
                .setParameter(1, ids)
                .getResultList();
        for (Object[] row : rows) {
            long id = ((Number) row[0]).longValue();
            counts.put(id, new long[] {((Number) row[1]).longValue(), ((Number) row[2]).longValue()});
            channels.put(id, longs(row[3]));
        }
        return rules.stream()
                .map(rule -> {
                    long[] count = counts.getOrDefault(rule.id, new long[2]);
                    return new RuleJson(
                            rule.id,
                            rule.name,
                            rule.query,
                            rule.type,
                            rule.enabled,
                            channels.getOrDefault(rule.id, List.of()),
                            rule.delivery,
                            rule.notifyUpdates,
                            rule.createdAt,
                            rule.updatedAt,
                            count[0],
                            count[1]);
                })
                .toList();
    }

    static List<Long> longs(Object array) {
        if (array instanceof java.sql.Array sql) {
            try {
                return longs(sql.getArray());
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
        }
        if (array instanceof Object[] values) {
            return java.util.Arrays.stream(values)
                    .map(value -> ((Number) value).longValue())
                    .toList();
        }
        if (array instanceof long[] values) {
            return java.util.Arrays.stream(values).boxed().toList();
        }
        return List.of();
    }
}
