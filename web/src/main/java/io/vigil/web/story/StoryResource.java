package io.vigil.web.story;

import io.vigil.engine.article.Article;
import io.vigil.engine.story.Story;
import io.vigil.web.article.ArticleResource.ArticleJson;
import io.vigil.web.http.Page;
import io.vigil.web.http.Paging;
import io.vigil.web.http.ProblemException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;

/** {@code /api/stories}: stories, the most recently active first. */
@Path("/api/stories")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("viewer")
public class StoryResource {

    /** A story in a list. */
    public record StoryJson(long id, String title, int articleCount, Instant firstSeenAt, Instant lastSeenAt) {
        public static StoryJson from(Story story) {
            return new StoryJson(story.id, story.title, story.articleCount, story.firstSeenAt, story.lastSeenAt);
        }
    }

    /** One story with its articles, oldest first. */
    public record StoryDetailJson(
            long id,
            String title,
            int articleCount,
            Instant firstSeenAt,
            Instant lastSeenAt,
            List<ArticleJson> articles) {}

    @GET
    public Page<StoryJson> list(@QueryParam("limit") Integer limit, @QueryParam("offset") Integer offset) {
        Paging paging = Paging.of(limit, offset);
        List<Story> stories = Story.find("order by lastSeenAt desc, id desc")
                .range(paging.offset(), paging.offset() + paging.limit() - 1)
                .list();
        return new Page<>(stories.stream().map(StoryJson::from).toList(), Story.count());
    }

    @GET
    @Path("/{id}")
    public StoryDetailJson get(@PathParam("id") long id) {
        Story story = Story.findById(id);
        if (story == null) {
            throw ProblemException.notFound("no story " + id);
        }
        List<ArticleJson> articles = Article.ofStory(id).stream()
                .map(a -> new ArticleJson(a.id, a.title, a.url, a.sourceName, a.time(), id))
                .toList();
        return new StoryDetailJson(
                story.id, story.title, story.articleCount, story.firstSeenAt, story.lastSeenAt, articles);
    }
}
