package io.vigil.web.ui;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.identity.SecurityIdentity;
import io.vigil.engine.article.Article;
import io.vigil.engine.story.Story;
import io.vigil.engine.watch.ArchiveMatcher;
import io.vigil.engine.watch.ArchiveMatcher.ArchiveHit;
import io.vigil.engine.watch.InvalidRuleException;
import io.vigil.engine.watch.RuleBook;
import io.vigil.web.retention.ArticlePins;
import io.vigil.web.ui.Passages.Passage;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
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
import java.time.Instant;
import java.util.List;
import org.jboss.resteasy.reactive.RestForm;

/**
 * {@code /articles}: the archive, newest first, searched with the rule query language (the same semantics as rules and
 * their previews); one story's articles; and an article's own page with its story siblings and the rules it matched.
 */
@Path("/articles")
@RolesAllowed("viewer")
public class ArticlesPage {

    static final int SHOWN = 50;

    @Inject
    RuleBook book;

    @Inject
    ArchiveMatcher archive;

    @Inject
    EntityManager entityManager;

    @Inject
    ArticlePins pins;

    @Inject
    SecurityIdentity identity;

    /** An article in a list, with the passages a search matched. */
    public record ArticleLine(
            long id, String title, String source, Instant time, long storyId, String lede, List<Passage> passages) {}

    /** A rule that matched the article, and why. */
    public record MatchedRule(long id, String name, List<Passage> passages) {}

    /** One article in full. */
    public record ArticleView(
            long id,
            String title,
            String source,
            String url,
            Instant published,
            Instant fetched,
            long storyId,
            String storyTitle,
            List<String> paragraphs,
            List<ArticleLine> siblings,
            List<MatchedRule> rules,
            ArticlePins.Pin pin) {}

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance articles(
                String query,
                String error,
                Integer position,
                Long story,
                String storyTitle,
                List<ArticleLine> articles,
                long total);

        static native TemplateInstance article(ArticleView article);
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance articles(@QueryParam("q") String query, @QueryParam("story") Long storyId) {
        if (query != null && !query.isBlank()) {
            try {
                ArchiveMatcher.Scan scan = archive.scan(book.compile("query", query), SHOWN);
                List<ArticleLine> lines = scan
                        .hits()
                        .subList(0, Math.min(SHOWN, scan.hits().size()))
                        .stream()
                        .map(ArticlesPage::line)
                        .toList();
                return Templates.articles(
                        query, null, null, null, null, lines, scan.hits().size());
            } catch (InvalidRuleException e) {
                return Templates.articles(query, e.getMessage(), e.position(), null, null, List.of(), 0);
            }
        }
        if (storyId != null) {
            Story story = Story.findById(storyId);
            if (story == null) {
                throw new NotFoundException("no story " + storyId);
            }
            List<Article> articles = Article.list("story.id = ?1 order by fetchedAt, id", storyId);
            return Templates.articles(
                    null,
                    null,
                    null,
                    storyId,
                    story.title,
                    articles.stream().map(ArticlesPage::line).toList(),
                    articles.size());
        }
        List<Article> articles =
                Article.find("order by fetchedAt desc, id desc").page(0, SHOWN).list();
        return Templates.articles(
                null,
                null,
                null,
                null,
                null,
                articles.stream().map(ArticlesPage::line).toList(),
                Article.count());
    }

    @GET
    @Path("/{id}")
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance article(@PathParam("id") long id) {
        Article article = Article.findById(id);
        if (article == null) {
            throw new NotFoundException("no article " + id);
        }
        List<Article> siblings =
                Article.list("story.id = ?1 and id <> ?2 order by fetchedAt, id", article.story.id, id);
        return Templates.article(new ArticleView(
                article.id,
                article.title,
                article.sourceName,
                article.url,
                article.publishedAt,
                article.fetchedAt,
                article.story.id,
                article.story.title,
                List.of(article.body.split("\\n\\s*\\n")),
                siblings.stream().map(ArticlesPage::line).toList(),
                rules(id),
                pins.of(id).orElse(null)));
    }

    /** The article page's Pin / Unpin button ({@code pinned=true|false}); back to the article. */
    @POST
    @Path("/{id}/pin")
    @RolesAllowed("analyst")
    public Response pin(@PathParam("id") long id, @RestForm("_csrf") String csrf, @RestForm String pinned) {
        boolean found = "false".equals(pinned)
                ? pins.unpin(id)
                : pins.pin(id, identity.getPrincipal().getName(), Instant.now());
        if (!found) {
            throw new NotFoundException("no article " + id);
        }
        return Response.seeOther(URI.create("/articles/" + id)).build();
    }

    @SuppressWarnings("unchecked")
    private List<MatchedRule> rules(long articleId) {
        List<Object[]> rows = entityManager
                .createNativeQuery(
                        """
                        select r.id, r.name, cast(m.snippets as text) from article_match m
                        join rule r on r.id = m.rule_id where m.article_id = ?1 order by r.name""")
                .setParameter(1, articleId)
                .getResultList();
        return rows.stream()
                .map(r ->
                        new MatchedRule(((Number) r[0]).longValue(), (String) r[1], Passages.fromStored((String) r[2])))
                .toList();
    }

    private static ArticleLine line(Article article) {
        return new ArticleLine(
                article.id,
                article.title,
                article.sourceName,
                article.time(),
                article.story.id,
                lede(article.body),
                List.of());
    }

    private static ArticleLine line(ArchiveHit hit) {
        return new ArticleLine(
                hit.articleId(),
                hit.title(),
                hit.source(),
                hit.time(),
                hit.storyId(),
                null,
                hit.snippets().stream().map(Passages::of).toList());
    }

    static String lede(String body) {
        int end = body.indexOf("\n\n");
        String first = end < 0 ? body : body.substring(0, end);
        return first.length() <= 280 ? first : first.substring(0, 277) + "…";
    }
}
