package io.vigil.web.source;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.vigil.engine.input.TextLimits;
import io.vigil.engine.plugin.InstalledType;
import io.vigil.engine.plugin.PluginRegistry;
import io.vigil.engine.source.ConfiguredSource;
import io.vigil.engine.source.InvalidSourceException;
import io.vigil.engine.source.SourceCatalog;
import io.vigil.engine.source.SourceCatalog.SourceDefinition;
import io.vigil.opml.FeedOutline;
import io.vigil.opml.OpmlDocument;
import io.vigil.spi.PluginKind;
import io.vigil.spi.source.SourceFactory;
import io.vigil.web.audit.AuditLog;
import io.vigil.web.http.Problem;
import io.vigil.web.http.ProblemException;
import io.vigil.web.security.SignedIn;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code /api/sources/opml}: imports an OPML subscription list as sources of a feed-reading type, one per feed, and
 * exports the sources of every such type as one. Which types read feeds, and which of their settings holds the address,
 * each type declares ({@link SourceFactory#readsFeeds()}, {@link SourceFactory#addressField()}); none is named here.
 *
 * <p>An import is not one transaction: each feed is created on its own and reported on its own — created, skipped
 * (a source already reads that feed) or invalid (with the reason) — so one bad line never costs the other 199.
 */
@Path("/api/sources/opml")
@RolesAllowed("viewer")
public class OpmlResource {

    @Inject
    AuditLog audit;

    static final String OPML_MEDIA_TYPE = "text/x-opml";
    private static final int MAX_NAME = 200;

    @Inject
    SourceCatalog catalog;

    @Inject
    io.quarkus.security.identity.SecurityIdentity identity;

    @Inject
    PluginRegistry plugins;

    /** A source type that reads feeds, and the setting that holds a feed's address. */
    private record FeedType(String type, String addressField) {}

    /** The installed types that read feeds: built-in ones first, then by type name. */
    private List<FeedType> feedTypes() {
        return plugins.all().stream()
                .filter(installed -> installed.kind() == PluginKind.SOURCE)
                .filter(installed -> installed.factory() instanceof SourceFactory factory
                        && factory.readsFeeds()
                        && factory.addressField().isPresent())
                .sorted(Comparator.comparing(
                        (InstalledType installed) -> !installed.origin().equals("built-in")))
                .map(installed -> new FeedType(
                        installed.factory().type(),
                        ((SourceFactory) installed.factory()).addressField().orElseThrow()))
                .toList();
    }

    /** What became of one feed of an imported list. */
    public record FeedResult(String title, String url, String outcome, Long sourceId, String name, String reason) {
        static FeedResult created(FeedOutline feed, ConfiguredSource source) {
            return new FeedResult(feed.title(), feed.xmlUrl(), "created", source.id, source.name, null);
        }

        static FeedResult skipped(FeedOutline feed, ConfiguredSource existing) {
            return new FeedResult(
                    feed.title(),
                    feed.xmlUrl(),
                    "skipped",
                    existing.id,
                    existing.name,
                    "source '" + existing.name + "' already reads this feed");
        }

        static FeedResult invalid(FeedOutline feed, String reason) {
            return new FeedResult(feed.title(), feed.xmlUrl(), "invalid", null, null, reason);
        }
    }

    /** The outcome of an import: counts, and one line per feed in document order. */
    public record ImportJson(int created, int skipped, int invalid, List<FeedResult> feeds) {}

    /**
     * Creates a source for every feed of the list that no source reads yet.
     *
     * @param type the feed-reading source type to create; the first installed one (built-ins first) when absent
     * @param interval how often the new sources are fetched ({@code 15m}, {@code PT1H}); the feed type's default when
     *     absent
     */
    @POST
    @Consumes({OPML_MEDIA_TYPE, "text/xml", MediaType.APPLICATION_XML, "application/x-opml", MediaType.TEXT_PLAIN})
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed("admin")
    public ImportJson importList(
            @QueryParam("type") String type, @QueryParam("interval") String interval, byte[] body) {
        List<FeedType> feedTypes = feedTypes();
        String installed = feedTypes.stream().map(FeedType::type).toList().toString();
        FeedType target = type == null || type.isBlank()
                ? feedTypes.stream()
                        .findFirst()
                        .orElseThrow(() -> ProblemException.badRequest("no installed source type reads feeds"))
                : feedTypes.stream()
                        .filter(feedType -> feedType.type().equals(type))
                        .findFirst()
                        .orElseThrow(() -> new ProblemException(Problem.of(
                                        400,
                                        "Bad Request",
                                        "'" + type + "' is no installed source type that reads feeds (those that do: "
                                                + installed + ")")
                                .withField("type")));
        if (body == null || body.length == 0) {
            throw ProblemException.badRequest("the request body is empty; send an OPML document");
        }
        List<FeedOutline> feeds;
        try {
            feeds = OpmlDocument.parse(new ByteArrayInputStream(body));
        } catch (IOException e) {
            throw ProblemException.badRequest("cannot read the OPML document: " + e.getMessage());
        }
        if (feeds.isEmpty()) {
            throw ProblemException.badRequest("the document lists no feeds (no outline with an xmlUrl)");
        }
        Map<String, ConfiguredSource> byAddress = new HashMap<>();
        Set<String> names = new HashSet<>();
        Map<String, String> addressFields = new HashMap<>();
        feedTypes.forEach(feedType -> addressFields.put(feedType.type(), feedType.addressField()));
        for (ConfiguredSource source : ConfiguredSource.<ConfiguredSource>listAll()) {
            names.add(source.name);
            String address =
                    addressFields.containsKey(source.type) ? source.config.get(addressFields.get(source.type)) : null;
            if (address != null) {
                byAddress.putIfAbsent(addressKey(address), source);
            }
        }
        Long importedBy = SignedIn.creatorId(identity);
        List<FeedResult> results = new ArrayList<>();
        for (FeedOutline feed : feeds) {
            String key = addressKey(feed.xmlUrl());
            ConfiguredSource existing = byAddress.get(key);
            if (existing != null) {
                results.add(FeedResult.skipped(feed, existing));
                continue;
            }
            Map<String, String> config = Map.of(target.addressField(), feed.xmlUrl());
            try {
                SourceDefinition definition =
                        new SourceDefinition(target.type(), uniqueName(feed, names), config, true, interval);
                ConfiguredSource source = QuarkusTransaction.requiringNew().call(() -> {
                    ConfiguredSource created = catalog.create(definition, importedBy);
                    audit.record(
                            "source.create",
                            SourceResource.target(created),
                            SourceResource.describe(created) + ", from an OPML import");
                    return created;
                });
                names.add(source.name);
                byAddress.put(key, source);
                results.add(FeedResult.created(feed, source));
            } catch (InvalidSourceException e) {
                results.add(FeedResult.invalid(feed, e.getMessage()));
            }
        }
        return new ImportJson(count(results, "created"), count(results, "skipped"), count(results, "invalid"), results);
    }

    /**
     * Every source of a feed-reading type as an OPML 2.0 subscription list, titled with the source names. Feed URLs
     * keep their credentials (user-info, token-like query parameters) for admins only.
     */
    @GET
    @Produces(OPML_MEDIA_TYPE + ";charset=UTF-8")
    public Response exportList() {
        boolean whole = identity.hasRole("admin");
        Map<String, String> addressFields = new HashMap<>();
        feedTypes().forEach(feedType -> addressFields.put(feedType.type(), feedType.addressField()));
        List<FeedOutline> feeds = ConfiguredSource.<ConfiguredSource>list("order by name").stream()
                .filter(source -> addressFields.containsKey(source.type))
                .filter(source -> source.config.get(addressFields.get(source.type)) != null)
                .map(source -> new FeedOutline(
                        source.name,
                        io.vigil.engine.secret.CredentialMasks.shown(
                                        plugins.sourceFactory(source.type)
                                                .map(factory -> factory.configSpec())
                                                .orElse(io.vigil.spi.config.ConfigSpec.empty()),
                                        source.config,
                                        whole)
                                .get(addressFields.get(source.type)),
                        "",
                        ""))
                .toList();
        return Response.ok(OpmlDocument.write(feeds))
                .header("Content-Disposition", "attachment; filename=\"vigil-feeds.opml\"")
                .build();
    }

    private static int count(List<FeedResult> results, String outcome) {
        return (int) results.stream().filter(r -> r.outcome().equals(outcome)).count();
    }

    /**
     * The name a new source gets: the list's title for the feed (or the feed's host when it has none), made unique
     * with the host and then a number.
     */
    static String uniqueName(FeedOutline feed, Set<String> taken) {
        String host = host(feed.xmlUrl());
        String title = feed.title().equals(feed.xmlUrl()) && host != null ? host : feed.title();
        String base = shorten(TextLimits.oneLine(title));
        if (!taken.contains(base)) {
            return base;
        }
        String withHost = host == null ? base : shorten(base + " (" + host + ")");
        for (int n = 1; ; n++) {
            String candidate = n == 1 ? withHost : shorten(withHost + " " + n);
            if (!taken.contains(candidate)) {
                return candidate;
            }
        }
    }

    private static String shorten(String name) {
        return name.length() <= MAX_NAME ? name : name.substring(0, MAX_NAME).strip();
    }

    /**
     * The form in which two addresses of one feed compare equal: scheme and host lowercased, a default port and a
     * fragment dropped. Path and query stay as they are, since servers may tell them apart.
     */
    static String addressKey(String url) {
        String trimmed = url.strip();
        try {
            URI uri = new URI(trimmed);
            if (uri.getScheme() == null || uri.getHost() == null) {
                return trimmed;
            }
            String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
            int port = uri.getPort();
            boolean defaultPort =
                    port == -1 || (scheme.equals("http") && port == 80) || (scheme.equals("https") && port == 443);
            String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
            return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port) + path
                    + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        } catch (URISyntaxException e) {
            return trimmed;
        }
    }

    private static String host(String url) {
        try {
            String host = new URI(url.strip()).getHost();
            return host == null ? null : host.toLowerCase(Locale.ROOT);
        } catch (URISyntaxException e) {
            return null;
        }
    }
}
