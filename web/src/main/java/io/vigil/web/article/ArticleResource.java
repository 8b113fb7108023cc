package io.vigil.web.article;

import io.quarkus.security.identity.SecurityIdentity;
import io.vigil.engine.archive.NativeRows;
import io.vigil.engine.article.Article;
import io.vigil.engine.watch.ArchiveMatcher;
import io.vigil.engine.watch.ArchiveMatcher.ArchiveHit;
import io.vigil.engine.watch.RuleBook;
import io.vigil.engine.watch.StoredSnippets;
import io.vigil.web.http.Paging;
import io.vigil.web.http.ProblemException;
import io.vigil.web.retention.ArticlePins;
import io.vigil.web.rule.SnippetJson;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;

/** {@code /api/articles}: the archive, newest first, optionally searched with the rule query language. */
@Path("/api/articles")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("viewer")
public class ArticleResource {

    @Inject
    EntityManager entityManager;

    @Inject
    RuleBook book;

    @Inject
    ArchiveMatcher archive;

    @Inject
    ArticlePins pins;

    @Inject
    SecurityIdentity identity;

    /** An article's pin: pinned articles are kept whatever {@code vigil.archive.keep} says. */
    public record PinJson(long articleId, boolean pinned, String pinnedBy, Instant pinnedAt) {}

    /** Pins the article so retention keeps it. */
    @POST
    @Path("/{id}/pin")
    @RolesAllowed("analyst")
    public PinJson pin(@PathParam("id") long id) {
        if (!pins.pin(id, identity.getPrincipal().getName(), Instant.now())) {
            throw ProblemException.notFound("no article " + id);
        }
        return pinOf(id);
    }

    /** Removes the article's pin: it is kept only as long as the retention period (or a reference) says. */
    @DELETE
    @Path("/{id}/pin")
    @RolesAllowed("analyst")
    public PinJson unpin(@PathParam("id") long id) {
        if (!pins.unpin(id)) {
            throw ProblemException.notFound("no article " + id);
        }
        return pinOf(id);
    }

    private PinJson pinOf(long id) {
        return pins.of(id)
                .map(pin -> new PinJson(id, true, pin.by(), pin.at()))
                .orElse(new PinJson(id, false, null, null));
    }

    /** An article in a list. */
    public record ArticleJson(long id, String title, String url, String source, Instant publishedAt, long storyId) {
        static ArticleJson from(Article article) {
            return new ArticleJson(
                    article.id, article.title, article.url, article.sourceName, article.time(), article.story.id);
        }
    }

    /** One article with its text. */
    public record ArticleDetailJson(
            long id,
            String title,
            String url,
            String source,
            Instant publishedAt,
            Instant fetchedAt,
            String language,
            long storyId,
            String body) {
        static ArticleDetailJson from(Article article) {
            return new ArticleDetailJson(
                    article.id,
                    article.title,
                    article.url,
                    article.sourceName,
                    article.time(),
                    article.fetchedAt,
                    article.language,
                    article.story.id,
                    article.body);
        }
    }

    @GET
    public io.vigil.web.http.Page<ArticleJson> list(
            @QueryParam("q") String query, @QueryParam("limit") Integer limit, @QueryParam("offset") Integer offset) {
        Paging paging = Paging.of(limit, offset);
        if (query == null || query.isBlank()) {
            List<Article> rows = Article.find("order by fetchedAt desc, id desc")
                    .range(paging.offset(), paging.offset() + paging.limit() - 1)
                    .list();
            List<ArticleJson> items = rows.stream().map(ArticleJson::from).toList();
            return new io.vigil.web.http.Page<>(items, Article.count());
        }
        return search(query.strip(), paging);
    }

    /**
     * Articles matching {@code q} as a {@code query} rule, newest first, with the semantics of live matching and rule
     * previews: candidates from the full-text index, then the real rule. A rule that does not compile is a 400 with
     * its position.
     */
    private io.vigil.web.http.Page<ArticleJson> search(String query, Paging paging) {
        ArchiveMatcher.Scan scan = archive.scan(book.compile("query", query), 0);
        List<ArchiveHit> hits = scan.hits();
        List<ArticleJson> items = hits
                .subList(
                        Math.min(paging.offset(), hits.size()), Math.min(hits.size(), paging.offset() + paging.limit()))
                .stream()
                .map(hit -> new ArticleJson(
                        hit.articleId(), hit.title(), hit.url(), hit.source(), hit.time(), hit.storyId()))
                .toList();
        return new io.vigil.web.http.Page<>(items, hits.size());
    }

    @GET
    @Path("/{id}")
    public ArticleDetailJson get(@PathParam("id") long id) {
        Article article = Article.findById(id);
        if (article == null) {
            throw ProblemException.notFound("no article " + id);
        }
        return ArticleDetailJson.from(article);
    }

    /** A rule that matched an article, and the passages that made it match. */
    public record ArticleMatchJson(
            long ruleId, String ruleName, Instant matchedAt, List<String> matchedTerms, List<SnippetJson> snippets) {}

    /** The rules that matched this article when it was stored, with their snippets. */
    @GET
    @Path("/{id}/matches")
    @SuppressWarnings("unchecked")
    public List<ArticleMatchJson> matches(@PathParam("id") long id) {
        if (Article.findById(id) == null) {
            throw ProblemException.notFound("no article " + id);
        }
        List<Object[]> rows = entityManager
                .createNativeQuery(
                        """
                        select m.rule_id, r.name, m.matched_at, m.matched_terms, m.snippets::text
                        from article_match m join rule r on r.id = m.rule_id
                        where m.article_id = ?1 order by m.rule_id
                        """)
                .setParameter(1, id)
                .getResultList();
        return rows.stream()
                .map(row -> new ArticleMatchJson(
                        ((Number) row[0]).longValue(),
                        (String) row[1],
                        NativeRows.instant(row[2]),
                        NativeRows.strings(row[3]),
                        SnippetJson.from(StoredSnippets.fromJson((String) row[4]))))
                .toList();
    }
}
