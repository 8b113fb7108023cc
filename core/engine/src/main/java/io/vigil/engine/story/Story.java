package io.vigil.engine.story;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.DynamicUpdate;

/**
 * A news story: the copies of one article carried by one or more outlets. Rows are written by the ingest pipeline
 * ({@code ArticleRows}) together with their articles; the entity serves reading.
 */
@Entity
// Only the changed columns are written, so writers that read the row at different times do not undo each other.
@DynamicUpdate
@Table(name = "story")
public class Story extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    /** The headline of the first article of the story. */
    @Column(nullable = false)
    public String title;

    @Column(name = "article_count", nullable = false)
    public int articleCount;

    @Column(name = "first_seen_at", nullable = false)
    public Instant firstSeenAt;

    @Column(name = "last_seen_at", nullable = false)
    public Instant lastSeenAt;
}
