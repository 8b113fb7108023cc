package io.vigil.web.feed;

import io.quarkus.security.identity.SecurityIdentity;
import io.vigil.engine.watch.WatchRule;
import io.vigil.web.http.Page;
import io.vigil.web.http.ProblemException;
import io.vigil.web.security.SignedIn;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
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

/**
 * {@code /api/feeds}: the caller's Atom feeds of alerts. A new feed's URL, with its token, is in the answer once;
 * Vigil keeps only a hash, so the list shows each feed's token prefix instead. Deleting a feed revokes its URL at once.
 * Any signed-in user may read alerts, so any may have feeds; each sees and revokes only their own.
 */
@Path("/api/feeds")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("viewer")
public class FeedResource {

    @Inject
    SecurityIdentity identity;

    @Inject
    Feeds feeds;

    /** What a client sends to make a feed: a name, and the rule whose alerts it lists (all alerts when left out). */
    public record FeedRequest(String name, Long ruleId) {}

    /**
     * A feed as listed: never its URL, which holds the token.
     *
     * @param prefix the first characters of its token, to tell feeds apart
     */
    public record FeedJson(
            long id, String name, Long ruleId, String ruleName, String prefix, Instant createdAt, Instant lastUsedAt) {}

    /** A feed just made, with the URL to subscribe to — the only time it is shown. */
    public record IssuedJson(long id, String name, Long ruleId, String url, Instant createdAt) {}

    @GET
    @Transactional
    public Page<FeedJson> list() {
        List<FeedJson> mine = feeds.of(identity).stream()
                .map(feed -> {
                    WatchRule rule = feed.ruleId == null ? null : WatchRule.findById(feed.ruleId);
                    return new FeedJson(
                            feed.id,
                            feed.name,
                            feed.ruleId,
                            rule == null ? null : rule.name,
                            feed.prefix,
                            feed.createdAt,
                            feed.lastUsedAt);
                })
                .toList();
        return new Page<>(mine, mine.size());
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Transactional
    public Response create(FeedRequest request) {
        SignedIn.requirePersonFor(identity, "feed URLs");
        if (request == null) {
            throw ProblemException.badRequest("expected a JSON object {name, ruleId?}");
        }
        AlertFeed.Issued issued = feeds.issue(identity, request.name(), request.ruleId());
        AlertFeed feed = issued.feed();
        return Response.created(URI.create("/api/feeds/" + feed.id))
                .entity(new IssuedJson(feed.id, feed.name, feed.ruleId, feeds.url(issued.token()), feed.createdAt))
                .header("Cache-Control", "no-store")
                .build();
    }

    @DELETE
    @Path("/{id}")
    @Transactional
    public Response revoke(@PathParam("id") long id) {
        if (!feeds.revoke(identity, id)) {
            throw ProblemException.notFound("no feed " + id);
        }
        return Response.noContent().build();
    }
}
