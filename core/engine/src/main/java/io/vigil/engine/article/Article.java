package io.vigil.engine.article;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.vigil.engine.story.Story;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.hibernate.annotations.DynamicUpdate;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** One clean article as stored in the archive: once per outlet, grouped with its copies into a {@link Story}. */
@Entity
// Only the changed columns are written, so writers that read the row at different times do not undo each other.
@DynamicUpdate
@Table(name = "article")
public class Article extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    /** The configured source that fetched it, or {@code null} for a push without one. */
    @Column(name = "source_id")
    public Long sourceId;

    /** The outlet as users see it. */
    @Column(name = "source_name", nullable = false)
    public String sourceName;

    @Column(name = "external_id", nullable = false)
    public String externalId;

    public String url;

    @Column(nullable = false)
    public String title;

    @Column(nullable = false)
    public String body;

    @Column(name = "published_at")
    public Instant publishedAt;

    @Column(name = "fetched_at", nullable = false)
    public Instant fetchedAt;

    public String language;

    @Column(name = "content_hash", nullable = false)
    public String contentHash;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "minhash", nullable = false)
    public int[] minHashes;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "sketch_bands", nullable = false)
    public long[] sketchBands;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "story_id", nullable = false)
    public Story story;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public Map<String, String> metadata;

    /** The time to show and sort by: when the outlet published it, or when we fetched it. */
    public Instant time() {
        return publishedAt != null ? publishedAt : fetchedAt;
    }

    /** The articles of a story, oldest first. */
    public static List<Article> ofStory(long storyId) {
        return list("story.id = ?1 order by fetchedAt, id", storyId);
    }
}
