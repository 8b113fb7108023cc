package io.vigil.web.feed;

import io.vigil.engine.alert.AlertNotices;
import io.vigil.engine.alert.AlertView;
import io.vigil.engine.alert.Alerts;
import io.vigil.engine.alert.InboxQuery;
import io.vigil.engine.digest.Sha256;
import io.vigil.web.feed.Feeds.FeedRef;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * {@code GET /feeds/atom/{token}}: an Atom 1.0 feed of alerts for feed readers (Miniflux, FreshRSS, Thunderbird), which
 * cannot sign in. The newest-changed {@value #ENTRIES} alerts, not muted ones, of every rule or of the feed's rule.
 *
 * <p>Answers a strong {@code ETag} (a hash of the document) and {@code 304 Not Modified} to a reader that sends it
 * back in {@code If-None-Match}, so polling costs a query and no transfer while nothing changed.
 */
@Path("/feeds/atom/{token}")
// Open to anyone: the token in the path is the credential. It is checked here against the stored hashes, and an
// unknown or revoked token gets the same 404 as a wrong path, never data.
@PermitAll
public class AtomFeedResource {

    public static final String ATOM = "application/atom+xml";

    /** Entries per feed: enough for a reader that polls every few minutes, small enough to build on every poll. */
    static final int ENTRIES = 50;

    /** Articles an entry lists; the link leads to the rest. */
    static final int ARTICLES = 20;

    @Inject
    Feeds feeds;

    @Inject
    Alerts alerts;

    @Inject
    AlertNotices notices;

    @GET
    @Produces(ATOM)
    public Response read(@PathParam("token") String token, @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        Optional<FeedRef> found = feeds.open(token, Instant.now());
        if (found.isEmpty()) {
            return Response.status(404)
                    .type("text/plain")
                    .entity("no such feed\n")
                    .build();
        }
        FeedRef feed = found.get();
        InboxQuery query = InboxQuery.all(ENTRIES, 0)
                .withRule(feed.ruleId())
                .withMuted(false)
                .withOrder(InboxQuery.Order.CHANGED);
        List<AlertView> entries = alerts.inbox(query, ARTICLES).items();
        String document = AlertAtom.write(feed, entries, feeds.url(token), feeds.base(), notices::link);
        byte[] body = document.getBytes(StandardCharsets.UTF_8);
        String etag = "\"" + digest(body) + "\"";
        Response.ResponseBuilder answer =
                matches(ifNoneMatch, etag) ? Response.notModified() : Response.ok(body, ATOM + ";charset=UTF-8");
        return answer.header(HttpHeaders.ETAG, etag)
                // a reader may keep it, but must ask again (cheaply, with the ETag) before showing it
                .header(HttpHeaders.CACHE_CONTROL, "private, no-cache")
                .header("Referrer-Policy", "no-referrer")
                .build();
    }

    /** Whether {@code If-None-Match} names this entity tag (weak comparison, as RFC 9110 asks for it). */
    static boolean matches(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null || ifNoneMatch.isBlank()) {
            return false;
        }
        String wanted = opaque(etag);
        for (String candidate : ifNoneMatch.split(",")) {
            String tag = candidate.strip();
            if (tag.equals("*") || opaque(tag).equals(wanted)) {
                return true;
            }
        }
        return false;
    }

    private static String opaque(String tag) {
        return tag.startsWith("W/") ? tag.substring(2) : tag;
    }

    private static String digest(byte[] body) {
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(Sha256.digest(body))
                .substring(0, 27);
    }
}
