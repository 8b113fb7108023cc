package io.vigil.web.retention;

import io.vigil.engine.limits.CreationLimits;
import io.vigil.engine.limits.Limit;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** An analyst's pin on an article: a pinned article outlives {@code vigil.archive.keep} (see ArchiveRetention). */
@ApplicationScoped
public class ArticlePins {

    @Inject
    CreationLimits limits;

    @Inject
    EntityManager entityManager;

    /** Who pinned an article and when. */
    public record Pin(String by, Instant at) {}

    /** Pins the article (keeping the first pin's author and time); false when there is no such article. */
    @Transactional
    public boolean pin(long articleId, String by, Instant at) {
        // The key share lock holds off retention's delete of this article's key (ArchiveRetention retires a month by
        // deleting keys, then dropping the month): once pinned, retention sees the pin and keeps the article.
        if (entityManager
                .createNativeQuery("select id from article_key where id = ?1 for key share")
                .setParameter(1, articleId)
                .getResultList()
                .isEmpty()) {
            return false;
        }
        admitIfNew(articleId, by);
        return entityManager
                        .createNativeQuery("update article set pinned_at = coalesce(pinned_at, ?1),"
                                + " pinned_by = case when pinned_at is null then ?2 else pinned_by end where id = ?3")
                        .setParameter(1, at)
                        .setParameter(2, by)
                        .setParameter(3, articleId)
                        .executeUpdate()
                > 0;
    }

    /** Counts a pin that is not there yet against its author's cap ({@code vigil.limits.pins}). */
    private void admitIfNew(long articleId, String by) {
        boolean pinned = !entityManager
                .createNativeQuery("select 1 from article where id = ?1 and pinned_at is not null")
                .setParameter(1, articleId)
                .getResultList()
                .isEmpty();
        if (pinned) {
            return; // the first pin's author keeps it, so pinning it again holds nothing more
        }
        List<?> user = entityManager
                .createNativeQuery("select id from users where username = ?1")
                .setParameter(1, by)
                .getResultList();
        if (!user.isEmpty()) {
            limits.admitOne(Limit.PINS, ((Number) user.get(0)).longValue());
        }
    }

    /** Removes the pin; false when there is no such article. */
    @Transactional
    public boolean unpin(long articleId) {
        return entityManager
                        .createNativeQuery("update article set pinned_at = null, pinned_by = null where id = ?1")
                        .setParameter(1, articleId)
                        .executeUpdate()
                > 0;
    }

    /** The article's pin, if it has one. */
    @SuppressWarnings("unchecked")
    public Optional<Pin> of(long articleId) {
        List<Object[]> rows = entityManager
                .createNativeQuery("select pinned_by, pinned_at from article where id = ?1 and pinned_at is not null")
                .setParameter(1, articleId)
                .getResultList();
        return rows.stream().findFirst().map(row -> new Pin((String) row[0], toInstant(row[1])));
    }

    private static Instant toInstant(Object value) {
        return switch (value) {
            case Instant instant -> instant;
            case java.time.OffsetDateTime time -> time.toInstant();
            case java.sql.Timestamp timestamp -> timestamp.toInstant();
            default -> throw new IllegalStateException("unexpected time " + value);
        };
    }
}
