package io.vigil.web.ui;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.identity.SecurityIdentity;
import io.vigil.engine.watch.WatchRule;
import io.vigil.web.feed.AlertFeed;
import io.vigil.web.feed.Feeds;
import io.vigil.web.http.Problem;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jboss.resteasy.reactive.RestForm;

/**
 * {@code /feeds}: the signed-in user's Atom feeds of alerts — make one (all alerts or one rule's; its URL is shown
 * once, with a button that copies it), see when a reader last fetched it, revoke it.
 */
@Path("/feeds")
@RolesAllowed("viewer")
public class FeedsPage {

    @Inject
    SecurityIdentity identity;

    @Inject
    Feeds feeds;

    /** A feed as listed. */
    public record FeedView(long id, String name, String rule, String prefix, Instant createdAt, Instant lastUsedAt) {}

    /** A rule a feed can follow. */
    public record RuleOption(long id, String name) {}

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance feeds(
                List<FeedView> feeds, List<RuleOption> rules, String issuedUrl, String issuedName, String nameError);
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    @Transactional
    public TemplateInstance list() {
        return Templates.feeds(views(), rules(), null, null, null);
    }

    /** Makes a feed; a refused one shows the form again with the reason. */
    @POST
    @Produces(MediaType.TEXT_HTML)
    @Transactional
    public Response make(@RestForm String name, @RestForm String ruleId) {
        Long rule = null;
        if (ruleId != null && !ruleId.isBlank()) {
            try {
                rule = Long.valueOf(ruleId.strip());
            } catch (NumberFormatException e) {
                return refused("there is no rule " + ruleId);
            }
        }
        // Asked first: an exception out of the issuing would leave this transaction fit only for rolling back.
        Optional<Problem> problem = feeds.problem(name, rule);
        if (problem.isPresent()) {
            return refused(problem.get().detail());
        }
        AlertFeed.Issued issued = feeds.issue(identity, name, rule);
        return Response.ok(Templates.feeds(views(), rules(), feeds.url(issued.token()), issued.feed().name, null))
                .header("Cache-Control", "no-store")
                .build();
    }

    private Response refused(String reason) {
        return Response.status(400)
                .entity(Templates.feeds(views(), rules(), null, null, reason))
                .build();
    }

    @POST
    @Path("/{id}/revoke")
    @Transactional
    public Response revoke(@PathParam("id") long id, @RestForm("_csrf") String csrf) {
        feeds.revoke(identity, id);
        return Response.seeOther(URI.create("/feeds")).build();
    }

    private List<FeedView> views() {
        Map<Long, String> names = rules().stream().collect(Collectors.toMap(RuleOption::id, RuleOption::name));
        return feeds.of(identity).stream()
                .map(feed -> new FeedView(
                        feed.id,
                        feed.name,
                        feed.ruleId == null ? "all alerts" : names.getOrDefault(feed.ruleId, "rule " + feed.ruleId),
                        feed.prefix,
                        feed.createdAt,
                        feed.lastUsedAt))
                .toList();
    }

    private static List<RuleOption> rules() {
        List<WatchRule> rules = WatchRule.list("order by name");
        return rules.stream().map(rule -> new RuleOption(rule.id, rule.name)).toList();
    }
}
