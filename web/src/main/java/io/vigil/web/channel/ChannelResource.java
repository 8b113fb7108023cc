package io.vigil.web.channel;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.security.identity.SecurityIdentity;
import io.vigil.alerts.channel.Channel;
import io.vigil.alerts.channel.ChannelCatalog;
import io.vigil.alerts.channel.ChannelCatalog.ChannelDefinition;
import io.vigil.alerts.channel.ChannelCatalog.SavedChannel;
import io.vigil.alerts.channel.ChannelNotifiers;
import io.vigil.alerts.channel.DeliveryOutcome;
import io.vigil.alerts.channel.DigestTimes;
import io.vigil.alerts.outbox.ChannelHealth;
import io.vigil.engine.plugin.PluginRegistry;
import io.vigil.engine.secret.CredentialMasks;
import io.vigil.spi.config.ConfigSpec;
import io.vigil.web.audit.AuditLog;
import io.vigil.web.audit.AuditTarget;
import io.vigil.web.http.Page;
import io.vigil.web.http.Paging;
import io.vigil.web.http.ProblemException;
import io.vigil.web.security.Makers;
import io.vigil.web.security.SignedIn;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * {@code /api/channels}: where alerts go. Settings are checked against the channel type before they are saved;
 * secret settings are write-only — never in an answer, and a blank one on an edit keeps the saved value. URLs that
 * carry credentials are shown whole to admins only and masked for others; a masked URL sent back keeps the saved one.
 */
@Path("/api/channels")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("viewer")
public class ChannelResource {

    @Inject
    AuditLog audit;

    @Inject
    ChannelCatalog catalog;

    @Inject
    ChannelNotifiers notifiers;

    @Inject
    PluginRegistry plugins;

    @Inject
    SecurityIdentity identity;

    /** How long a replaced webhook secret keeps signing when a rotation does not say ({@code vigil.webhook.*}). */
    @ConfigProperty(name = "vigil.webhook.rotation-overlap", defaultValue = "PT24H")
    Duration rotationOverlap;

    /** The longest overlap a rotation may ask for. */
    static final Duration MAX_OVERLAP = Duration.ofDays(30);

    /**
     * What a client sends to create or change a channel.
     *
     * @param digest when its digests go out; left out, the saved times stay (the defaults for a new channel)
     */
    public record ChannelRequest(
            String type, String name, Map<String, String> config, Boolean enabled, DigestJson digest) {
        ChannelDefinition toDefinition() {
            return new ChannelDefinition(
                    type, name, config, enabled == null || enabled, digest == null ? null : digest.toTimes());
        }
    }

    /**
     * When a channel's digests go out; a {@code null} part takes the configured default
     * ({@code vigil.delivery.digest-hour}, {@code time-zone}, {@code digest-day}).
     *
     * @param hour the hour (0–23) daily and weekly digests go out
     * @param timeZone such as {@code Europe/Berlin}
     * @param day the weekday weekly digests go out, {@code monday} … {@code sunday}
     */
    public record DigestJson(Integer hour, String timeZone, String day) {
        DigestTimes toTimes() {
            return new DigestTimes(hour, timeZone, day);
        }

        static DigestJson of(DigestTimes times) {
            return new DigestJson(times.hour(), times.timeZone(), times.day());
        }
    }

    /**
     * A channel as the API shows it.
     *
     * @param config the settings without the secret ones
     * @param secrets the names of the secret settings that hold a value
     * @param generatedSecret the secret Vigil made for a webhook saved without one; in that one answer only
     * @param health how its latest delivery went; a service that refused the credentials shows here
     * @param createdBy the username of who made it, counted against their share of the channels
     *     ({@code vigil.limits.channels-per-user}); left out, as every null here, when nobody is recorded (made before
     *     V140, or the user is gone)
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ChannelJson(
            long id,
            String type,
            String name,
            Map<String, String> config,
            List<String> secrets,
            boolean enabled,
            Instant createdAt,
            Instant updatedAt,
            String generatedSecret,
            DigestJson digest,
            HealthJson health,
            String createdBy) {}

    /**
     * A channel's health by its latest delivery attempt.
     *
     * @param state {@code unused}, {@code ok}, {@code retrying} or {@code failing}
     * @param lastError why the latest attempt failed, such as {@code the service refused the credentials (…)}
     */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record HealthJson(String state, Instant lastAttemptAt, Integer lastResponseCode, String lastError) {
        static HealthJson from(ChannelHealth health) {
            return new HealthJson(
                    health.state().name().toLowerCase(Locale.ROOT),
                    health.lastAttemptAt(),
                    health.lastResponseCode(),
                    health.lastError());
        }
    }

    /**
     * What a client may ask of a secret rotation.
     *
     * @param overlap how long the replaced secret keeps signing beside the new one, ISO-8601 ({@code PT24H}); left out,
     *     {@code vigil.webhook.rotation-overlap}; {@code PT0S} stops it at once
     */
    public record RotationRequest(String overlap) {}

    /**
     * A rotated secret.
     *
     * @param secret the new secret, shown this once
     * @param previousSecretUntil until when requests also carry the replaced secret's signature, or {@code null}
     */
    public record RotationJson(long id, String name, String secret, Instant previousSecretUntil) {}

    /** What a test message came to. */
    public record TestJson(boolean delivered, int statusCode, String response, String error) {}

    @GET
    public Page<ChannelJson> list(@QueryParam("limit") Integer limit, @QueryParam("offset") Integer offset) {
        Paging paging = Paging.of(limit, offset);
        List<Channel> channels = Channel.<Channel>find("order by name")
                .range(paging.offset(), paging.offset() + paging.limit() - 1)
                .list();
        Map<Long, ChannelHealth> health =
                ChannelHealth.of(channels.stream().map(channel -> channel.id).toList());
        return new Page<>(
                channels.stream()
                        .map(channel -> toJson(channel, null, health.get(channel.id)))
                        .toList(),
                Channel.count());
    }

    @GET
    @Path("/{id}")
    public ChannelJson get(@PathParam("id") long id) {
        return toJson(find(id), null);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("admin")
    @Transactional
    public Response create(ChannelRequest request) {
        SavedChannel saved = catalog.create(require(request).toDefinition(), SignedIn.creatorId(identity));
        audit.record("channel.create", target(saved.channel()), describe(saved.channel()));
        return Response.created(URI.create("/api/channels/" + saved.channel().id))
                .entity(toJson(saved.channel(), saved.generatedSecret()))
                .build();
    }

    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("admin")
    @Transactional
    public ChannelJson update(@PathParam("id") long id, ChannelRequest request) {
        SavedChannel saved = catalog.update(id, require(request).toDefinition());
        if (saved == null) {
            throw ProblemException.notFound("no channel " + id);
        }
        audit.record("channel.update", target(saved.channel()), describe(saved));
        return toJson(saved.channel(), saved.generatedSecret());
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed("admin")
    @Transactional
    public Response delete(@PathParam("id") long id) {
        Channel channel = Channel.findById(id);
        if (channel == null || !catalog.delete(id)) {
            throw ProblemException.notFound("no channel " + id);
        }
        audit.record("channel.delete", target(channel), describe(channel));
        return Response.noContent().build();
    }

    /**
     * Gives a webhook channel a new signing secret; the replaced one keeps signing beside it for the overlap, so every
     * request then carries both signatures in {@code webhook-signature}. The body is optional: a bare POST takes the
     * configured overlap.
     */
    @POST
    @Path("/{id}/rotate-secret")
    @RolesAllowed("admin")
    @Transactional
    public RotationJson rotateSecret(@PathParam("id") long id, RotationRequest request) {
        Duration overlap = overlap(request == null ? null : request.overlap(), rotationOverlap);
        ChannelCatalog.Rotation rotation = catalog.rotateSecret(id, overlap);
        if (rotation == null) {
            throw ProblemException.notFound("no channel " + id);
        }
        audit.record("channel.secret.rotate", target(rotation.channel()), rotationDetail(rotation));
        return new RotationJson(
                rotation.channel().id, rotation.channel().name, rotation.secret(), rotation.previousUntil());
    }

    /** What the audit log says about a rotation: until when the old secret signs; never a secret. */
    public static String rotationDetail(ChannelCatalog.Rotation rotation) {
        return rotation.previousUntil() == null
                ? "new signing secret; the old one stopped signing at once"
                : "new signing secret; the old one also signs until " + rotation.previousUntil();
    }

    /** The overlap a rotation asked for, or {@code fallback}; refused outside 0 to 30 days, naming the field. */
    public static Duration overlap(String text, Duration fallback) {
        if (text == null || text.isBlank()) {
            return fallback;
        }
        Duration overlap;
        try {
            overlap = io.vigil.spi.config.PluginConfig.parseDuration(text.strip());
        } catch (IllegalArgumentException e) {
            throw new io.vigil.alerts.channel.InvalidChannelException(
                    "overlap", "overlap must be a duration such as PT24H or 24h, not '" + text + "'");
        }
        if (overlap.isNegative() || overlap.compareTo(MAX_OVERLAP) > 0) {
            throw new io.vigil.alerts.channel.InvalidChannelException(
                    "overlap", "overlap must be between 0 and " + MAX_OVERLAP.toDays() + " days");
        }
        return overlap;
    }

    /** Sends a test message through the channel now, outside the outbox, and answers what the receiver said. */
    @POST
    @Path("/{id}/test")
    @RolesAllowed("admin")
    public TestJson test(@PathParam("id") long id) {
        DeliveryOutcome outcome = notifiers.test(find(id).snapshot());
        return new TestJson(outcome.delivered(), outcome.statusCode(), outcome.response(), outcome.error());
    }

    private ChannelJson toJson(Channel channel, String generatedSecret) {
        return toJson(
                channel, generatedSecret, ChannelHealth.of(List.of(channel.id)).get(channel.id));
    }

    private ChannelJson toJson(Channel channel, String generatedSecret, ChannelHealth health) {
        List<String> secrets = new java.util.ArrayList<>();
        channel.config.keySet().forEach(field -> {
            if (catalog.isSecret(channel.type, field)) {
                secrets.add(field);
            }
        });
        secrets.sort(String::compareTo);
        // Credential URLs (a Slack webhook URL is the credential) are an admin's to see; others get them masked.
        Map<String, String> shown = new TreeMap<>(CredentialMasks.shown(
                plugins.notifierFactory(channel.type)
                        .map(factory -> factory.configSpec())
                        .orElse(ConfigSpec.empty()),
                channel.config,
                identity.hasRole("admin")));
        shown.keySet().removeAll(secrets);
        return new ChannelJson(
                channel.id,
                channel.type,
                channel.name,
                shown,
                secrets,
                channel.enabled,
                channel.createdAt,
                channel.updatedAt,
                generatedSecret,
                DigestJson.of(channel.digestTimes()),
                HealthJson.from(health),
                Makers.username(channel.createdBy));
    }

    public static AuditTarget target(Channel channel) {
        return AuditTarget.channel(channel.id, channel.name);
    }

    /** What the audit log says about a channel: its type and whether it is on; never its settings (secrets). */
    public static String describe(Channel channel) {
        return channel.type + ", " + (channel.enabled ? "enabled" : "disabled");
    }

    /** The channel as {@link #describe(Channel)} says, and which settings the change touched (a secret by name). */
    public static String describe(SavedChannel saved) {
        return saved.changedSettings().isEmpty()
                ? describe(saved.channel())
                : describe(saved.channel()) + "; settings changed: " + String.join(", ", saved.changedSettings());
    }

    private static ChannelRequest require(ChannelRequest request) {
        if (request == null) {
            throw ProblemException.badRequest("expected a JSON object {type, name, config}");
        }
        return request;
    }

    private static Channel find(long id) {
        Channel channel = Channel.findById(id);
        if (channel == null) {
            throw ProblemException.notFound("no channel " + id);
        }
        return channel;
    }
}
