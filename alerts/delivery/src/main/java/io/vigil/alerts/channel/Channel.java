package io.vigil.alerts.channel;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.hibernate.annotations.DynamicUpdate;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * A configured notification channel: a notifier type and its settings, secrets included. Changed only through
 * {@link ChannelCatalog}, which validates the settings and keeps the cached notifiers in step.
 */
@Entity
// Only the changed columns are written, so writers that read the row at different times do not undo each other.
@DynamicUpdate
@Table(name = "channel")
public class Channel extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(nullable = false)
    public String type;

    @Column(nullable = false)
    public String name;

    /** The settings as the user gave them (secrets too); defaults are filled in when a notifier is made. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public Map<String, String> config = new HashMap<>();

    @Column(nullable = false)
    public boolean enabled = true;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    /** The id of the user who made it, counted against their share of the caps; {@code null} when nobody is recorded. */
    @Column(name = "created_by", updatable = false)
    public Long createdBy;

    /** Moves on with every change, so notifier caches of every instance notice it. */
    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    /** The hour (0–23) this channel's daily and weekly digests go out; {@code null} for vigil.delivery.digest-hour. */
    @Column(name = "digest_hour")
    public Integer digestHour;

    /** The time zone of this channel's digests, such as {@code Europe/Berlin}; {@code null} for the default. */
    @Column(name = "digest_time_zone")
    public String digestTimeZone;

    /** The day ({@code monday} … {@code sunday}) this channel's weekly digests go out; {@code null} for the default. */
    @Column(name = "digest_day")
    public String digestDay;

    /** When this channel's digests go out, as set on it ({@code null} parts take the defaults). */
    public DigestTimes digestTimes() {
        return new DigestTimes(digestHour, digestTimeZone, digestDay);
    }

    public static Optional<Channel> findByName(String name) {
        return find("name", name).firstResultOptional();
    }

    /** The names of the channels with these ids that exist, by id; ids may repeat. */
    public static Map<Long, String> namesOf(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        return Channel.<Channel>list("id in ?1", ids.stream().distinct().toList()).stream()
                .collect(Collectors.toMap(channel -> channel.id, channel -> channel.name, (a, b) -> a));
    }

    /** What a delivery needs of this channel, detached from the persistence context. */
    public ChannelSnapshot snapshot() {
        return new ChannelSnapshot(id, type, name, config, enabled, updatedAt);
    }
}
