package io.vigil.web.ui;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.identity.SecurityIdentity;
import io.vigil.alerts.channel.Channel;
import io.vigil.alerts.channel.ChannelCatalog;
import io.vigil.alerts.channel.ChannelCatalog.ChannelDefinition;
import io.vigil.alerts.channel.ChannelCatalog.SavedChannel;
import io.vigil.alerts.channel.ChannelNotifiers;
import io.vigil.alerts.channel.DeliveryOutcome;
import io.vigil.alerts.channel.DigestTimes;
import io.vigil.alerts.channel.InvalidChannelException;
import io.vigil.alerts.outbox.ChannelHealth;
import io.vigil.alerts.outbox.DeliveryAttempt;
import io.vigil.alerts.outbox.DeliverySettings;
import io.vigil.alerts.outbox.DeliveryWorker;
import io.vigil.alerts.outbox.OutboxEntry;
import io.vigil.alerts.outbox.OutboxStatus;
import io.vigil.engine.plugin.PluginCalls;
import io.vigil.engine.plugin.PluginRegistry;
import io.vigil.engine.secret.CredentialMasks;
import io.vigil.spi.PluginKind;
import io.vigil.spi.notify.NotifierFactory;
import io.vigil.web.audit.AuditLog;
import io.vigil.web.audit.AuditTarget;
import io.vigil.web.channel.ChannelResource;
import io.vigil.web.security.Makers;
import io.vigil.web.security.SignedIn;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
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
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestHeader;

/**
 * {@code /channels}: e-mail and webhook channels with forms drawn from the notifier's configuration spec, "send test",
 * the delivery log, and re-sending dead notifications. Changes need an admin.
 */
@Path("/channels")
@RolesAllowed("viewer")
public class ChannelsPage {

    @Inject
    AuditLog audit;

    static final int LOG_SHOWN = 50;

    @Inject
    ChannelCatalog catalog;

    @Inject
    ChannelNotifiers notifiers;

    @Inject
    PluginRegistry plugins;

    @Inject
    DeliveryWorker worker;

    @Inject
    SecurityIdentity identity;

    @ConfigProperty(name = "vigil.webhook.rotation-overlap", defaultValue = "PT24H")
    java.time.Duration rotationOverlap;

    /**
     * A channel line.
     *
     * @param problem why its latest delivery failed (such as "the service refused the credentials (…)"), or
     *     {@code null} when it went through or nothing was sent yet
     * @param retrying whether the outbox is still trying that delivery
     * @param target where it sends; a URL that carries credentials is masked unless the reader is an admin
     * @param rotatable whether it has a signing secret that "Rotate secret" replaces
     * @param createdBy the username of who made it, or {@code null} when nobody is recorded
     */
    public record ChannelView(
            long id,
            String name,
            String type,
            boolean enabled,
            String target,
            String problem,
            boolean retrying,
            boolean rotatable,
            String createdBy) {}

    /** One delivery attempt of the log. */
    public record AttemptView(
            String notificationId,
            String channel,
            String kind,
            int attempt,
            String status,
            Integer responseCode,
            String detail,
            long latencyMillis,
            Instant attemptedAt) {}

    /** A notification that gave up, which can be sent again. */
    public record DeadView(
            String notificationId, String channel, String kind, int attempts, String lastError, Instant createdAt) {}

    /** The outcome of "send test", or of saving a webhook whose secret Vigil generated. */
    public record Notice(boolean ok, String text, String secret) {}

    // --- Digest times, a section of the channel form ---

    @Inject
    DeliverySettings settings;

    /** An option of the digest selects. */
    public record DigestOption(String id, String label, boolean selected) {}

    /**
     * The channel's digest times in the form, blank where it takes the defaults, with an error on one of them.
     *
     * @param defaults what a blank part means, for the help text
     */
    public record DigestForm(
            List<DigestOption> hours,
            String timeZone,
            List<DigestOption> days,
            String defaults,
            String field,
            String error) {

        public boolean errorOn(String name) {
            return error != null && ("digest." + name).equals(field);
        }

        static DigestForm of(DigestTimes times, DeliverySettings settings, String field, String error) {
            List<DigestOption> hours = new java.util.ArrayList<>();
            hours.add(new DigestOption("", "default (" + settings.digestHour() + ":00)", times.hour() == null));
            for (int hour = 0; hour < 24; hour++) {
                hours.add(new DigestOption(
                        String.valueOf(hour),
                        String.format(java.util.Locale.ROOT, "%02d:00", hour),
                        times.hour() != null && times.hour() == hour));
            }
            List<DigestOption> days = new java.util.ArrayList<>();
            days.add(new DigestOption("", "default (" + settings.digestDay() + ")", times.day() == null));
            for (java.time.DayOfWeek day : java.time.DayOfWeek.values()) {
                String id = day.name().toLowerCase(java.util.Locale.ROOT);
                days.add(new DigestOption(id, id, id.equals(times.day())));
            }
            return new DigestForm(
                    hours,
                    times.timeZone() == null ? "" : times.timeZone(),
                    days,
                    settings.digestHour() + ":00 " + settings.timeZone() + ", weekly on " + settings.digestDay(),
                    field,
                    error);
        }

        /**
         * The times as posted ({@code digestHour}, {@code digestTimeZone}, {@code digestDay}); blank is default, and
         * a form without the section keeps the saved times ({@code null}).
         */
        static DigestTimes posted(Map<String, String> form) {
            if (!form.containsKey("digestHour")
                    && !form.containsKey("digestTimeZone")
                    && !form.containsKey("digestDay")) {
                return null;
            }
            String hour = form.getOrDefault("digestHour", "").strip();
            Integer parsed;
            try {
                parsed = hour.isEmpty() ? null : Integer.valueOf(hour);
            } catch (NumberFormatException e) {
                parsed = -1; // refused by the catalog, which names the field
            }
            return new DigestTimes(parsed, form.get("digestTimeZone"), form.get("digestDay"));
        }
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance channels(
                List<ChannelView> channels,
                List<PluginForm.TypeOption> types,
                List<AttemptView> attempts,
                List<DeadView> dead,
                Notice notice);

        static native TemplateInstance form(PluginForm form, DigestForm digest);

        static native TemplateInstance channels$notice(Notice notice);
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    @Transactional
    public TemplateInstance channels() {
        return page(null);
    }

    @GET
    @Path("/new")
    @Produces(MediaType.TEXT_HTML)
    @RolesAllowed("admin")
    public TemplateInstance create(@QueryParam("type") String type) {
        return Templates.form(
                PluginForm.adding(factory(type)), DigestForm.of(DigestTimes.DEFAULTS, settings, null, null));
    }

    @GET
    @Path("/{id}/edit")
    @Produces(MediaType.TEXT_HTML)
    @RolesAllowed("admin")
    public TemplateInstance edit(@PathParam("id") long id) {
        Channel channel = find(id);
        return Templates.form(
                PluginForm.editing(id, factory(channel.type), channel.name, channel.enabled, channel.config),
                DigestForm.of(channel.digestTimes(), settings, null, null));
    }

    @POST
    @Produces(MediaType.TEXT_HTML)
    @RolesAllowed("admin")
    public Response add(@RestForm("_csrf") String csrf) {
        return save(null, PostedForm.current());
    }

    @POST
    @Path("/{id}")
    @Produces(MediaType.TEXT_HTML)
    @RolesAllowed("admin")
    public Response update(@PathParam("id") long id, @RestForm("_csrf") String csrf) {
        find(id);
        return save(id, PostedForm.current());
    }

    @POST
    @Path("/{id}/delete")
    @RolesAllowed("admin")
    @Transactional
    public Response delete(@PathParam("id") long id, @RestForm("_csrf") String csrf) {
        Channel channel = Channel.findById(id);
        if (channel != null && catalog.delete(id)) {
            audit.record("channel.delete", ChannelResource.target(channel), ChannelResource.describe(channel));
        }
        return Response.seeOther(URI.create("/channels")).build();
    }

    /** Sends a test notification through the channel and shows what the receiver answered. */
    @POST
    @Path("/{id}/test")
    @Produces(MediaType.TEXT_HTML)
    @RolesAllowed("admin")
    @Transactional
    public TemplateInstance test(
            @PathParam("id") long id, @RestForm("_csrf") String csrf, @RestHeader("HX-Request") String htmx) {
        Channel channel = find(id);
        DeliveryOutcome outcome = notifiers.test(channel.snapshot());
        Notice notice = outcome.delivered()
                ? new Notice(
                        true, "Test sent to " + channel.name + ": the receiver answered " + outcome.statusCode(), null)
                : new Notice(false, "Test to " + channel.name + " failed: " + outcome.error(), null);
        return htmx != null ? Templates.channels$notice(notice) : page(notice);
    }

    /**
     * Gives a webhook channel a new signing secret, shown once; the old one keeps signing beside it for
     * {@code vigil.webhook.rotation-overlap}.
     */
    @POST
    @Path("/{id}/rotate-secret")
    @Produces(MediaType.TEXT_HTML)
    @RolesAllowed("admin")
    @Transactional
    public TemplateInstance rotateSecret(
            @PathParam("id") long id, @RestForm("_csrf") String csrf, @RestHeader("HX-Request") String htmx) {
        find(id);
        Notice notice;
        try {
            ChannelCatalog.Rotation rotation = catalog.rotateSecret(id, rotationOverlap);
            audit.record(
                    "channel.secret.rotate",
                    ChannelResource.target(rotation.channel()),
                    ChannelResource.rotationDetail(rotation));
            notice = new Notice(
                    true,
                    "Rotated the signing secret of " + rotation.channel().name
                            + (rotation.previousUntil() == null
                                    ? "; the old one no longer signs."
                                    : "; the old one also signs every request until " + rotation.previousUntil() + ".")
                            + " The new secret is shown this once:",
                    rotation.secret());
        } catch (InvalidChannelException e) {
            notice = new Notice(false, e.getMessage(), null);
        }
        return htmx != null ? Templates.channels$notice(notice) : page(notice);
    }

    /** Puts a dead notification back in line, under its original id. */
    @POST
    @Path("/notifications/{id}/retry")
    @Produces(MediaType.TEXT_HTML)
    @RolesAllowed("admin")
    public Response retry(@PathParam("id") String id, @RestForm("_csrf") String csrf) {
        UUID notificationId;
        try {
            notificationId = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new NotFoundException("no notification " + id);
        }
        int requeued = requeue(notificationId);
        worker.wakeUp();
        return Response.seeOther(URI.create("/channels#dead")).build();
    }

    @Transactional
    int requeue(UUID notificationId) {
        int requeued = OutboxEntry.requeueDead(notificationId);
        if (requeued > 0) {
            audit.record("notification.retry", AuditTarget.notification(notificationId), requeued + " channel(s)");
        }
        return requeued;
    }

    private Response save(Long id, Map<String, String> form) {
        // The catalog keeps a saved secret that is posted blank, so the form need not know the saved config.
        PluginForm.Posted posted = PluginForm.Posted.read(id, factory(form.get("type")), form, Map.of());
        DigestTimes digest = DigestForm.posted(form);
        try {
            ChannelDefinition definition =
                    new ChannelDefinition(posted.type(), posted.name(), posted.config(), posted.enabled(), digest);
            SavedChannel saved = QuarkusTransaction.joiningExisting().call(() -> {
                SavedChannel changed = id == null
                        ? catalog.create(definition, SignedIn.creatorId(identity))
                        : catalog.update(id, definition);
                audit.record(
                        id == null ? "channel.create" : "channel.update",
                        ChannelResource.target(changed.channel()),
                        ChannelResource.describe(changed));
                return changed;
            });
            if (saved.generatedSecret() != null) {
                return Response.ok(page(new Notice(
                                true,
                                "Saved " + saved.channel().name + ". Its signing secret is shown this once:",
                                saved.generatedSecret())))
                        .type(MediaType.TEXT_HTML_TYPE)
                        .build();
            }
            return Response.seeOther(URI.create("/channels")).build();
        } catch (InvalidChannelException e) {
            boolean digestField = e.field() != null && e.field().startsWith("digest.");
            DigestTimes shown = digest == null ? DigestTimes.DEFAULTS : digest;
            return Response.status(400)
                    .entity(Templates.form(
                            digestField ? posted.refused(null, null) : posted.refused(e.field(), e.getMessage()),
                            DigestForm.of(
                                    shown,
                                    settings,
                                    digestField ? e.field() : null,
                                    digestField ? e.getMessage() : null)))
                    .type(MediaType.TEXT_HTML_TYPE)
                    .build();
        }
    }

    /** Where a channel sends to, as its type declares, unless that setting is secret (a chat webhook's URL). */
    private TemplateInstance page(Notice notice) {
        List<Channel> channels = Channel.list("order by name");
        Map<Long, ChannelHealth> health =
                ChannelHealth.of(channels.stream().map(c -> c.id).toList());
        List<ChannelView> views = channels.stream()
                .map(c -> new ChannelView(
                        c.id,
                        c.name,
                        c.type,
                        c.enabled,
                        target(c),
                        health.get(c.id).lastError(),
                        health.get(c.id).state() == ChannelHealth.State.RETRYING,
                        hasGeneratedSecret(c.type),
                        Makers.username(c.createdBy)))
                .toList();
        List<DeliveryAttempt> attempts =
                DeliveryAttempt.filtered(null, null, null).page(0, LOG_SHOWN).list();
        List<AttemptView> log = attempts.stream()
                .map(a -> new AttemptView(
                        a.notificationId.toString(),
                        a.channelName,
                        a.kind,
                        a.attempt,
                        a.status.id(),
                        a.responseCode,
                        a.error != null ? a.error : a.response,
                        a.latencyMillis,
                        a.attemptedAt))
                .toList();
        List<OutboxEntry> dead =
                OutboxEntry.withStatus(OutboxStatus.DEAD).page(0, LOG_SHOWN).list();
        Map<Long, String> names = channels.stream().collect(java.util.stream.Collectors.toMap(c -> c.id, c -> c.name));
        List<DeadView> deadViews = dead.stream()
                .map(e -> new DeadView(
                        e.notificationId.toString(),
                        names.getOrDefault(e.channelId, "#" + e.channelId),
                        e.kind,
                        e.attempts,
                        e.lastError,
                        e.createdAt))
                .toList();
        return Templates.channels(views, PluginForm.typeOptions(plugins, PluginKind.NOTIFIER), log, deadViews, notice);
    }

    /** Where a channel sends, for its line: its URL (masked for a non-admin when it carries credentials) or address. */
    /** Whether the type makes its own secret (a webhook's signing secret), which "Rotate secret" replaces. */
    private boolean hasGeneratedSecret(String type) {
        return plugins.notifierFactory(type)
                .map(factory -> factory.configSpec().fields().stream()
                        .anyMatch(field -> field.secret()
                                && PluginCalls.call(factory, () -> factory.generatedValue(field.name()))
                                        .isPresent()))
                .orElse(false);
    }

    /** The channel's address as its type names it (never a secret field), masked for non-admins when a credential. */
    private String target(Channel channel) {
        return plugins.notifierFactory(channel.type)
                .flatMap(factory -> factory.addressField()
                        .flatMap(name -> factory.configSpec().field(name))
                        .filter(field -> !field.secret())
                        .map(field -> CredentialMasks.shown(
                                        factory.configSpec(), channel.config, identity.hasRole("admin"))
                                .getOrDefault(field.name(), "")))
                .orElse("");
    }

    private NotifierFactory factory(String type) {
        return plugins.notifierFactory(type == null ? "" : type)
                .orElseThrow(() -> new NotFoundException("no channel type " + type));
    }

    private static Channel find(long id) {
        Channel channel = Channel.findById(id);
        if (channel == null) {
            throw new NotFoundException("no channel " + id);
        }
        return channel;
    }
}
