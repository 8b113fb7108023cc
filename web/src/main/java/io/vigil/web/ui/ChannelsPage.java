package io.vigil.web.ui;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.vigil.alerts.channel.Channel;
import io.vigil.alerts.channel.ChannelCatalog;
import io.vigil.alerts.channel.ChannelCatalog.ChannelDefinition;
import io.vigil.alerts.channel.ChannelCatalog.SavedChannel;
import io.vigil.alerts.channel.ChannelNotifiers;
import io.vigil.alerts.channel.DeliveryOutcome;
import io.vigil.alerts.channel.InvalidChannelException;
import io.vigil.alerts.outbox.DeliveryAttempt;
import io.vigil.alerts.outbox.DeliveryWorker;
import io.vigil.alerts.outbox.OutboxEntry;
import io.vigil.engine.plugin.PluginRegistry;
import io.vigil.spi.PluginKind;
import io.vigil.spi.notify.NotifierFactory;
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
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestHeader;

/**
 * {@code /channels}: e-mail and webhook channels with forms drawn from the notifier's configuration spec, "send test",
 * the delivery log, and re-sending dead notifications. Changes need an admin.
 */
@Path("/channels")
public class ChannelsPage {

    static final int LOG_SHOWN = 50;

    @Inject
    ChannelCatalog catalog;

    @Inject
    ChannelNotifiers notifiers;

    @Inject
    PluginRegistry plugins;

    @Inject
    DeliveryWorker worker;

    /** A channel line. */
    public record ChannelView(long id, String name, String type, boolean enabled, String target) {}

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

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance channels(
                List<ChannelView> channels,
                List<PluginForm.TypeOption> types,
                List<AttemptView> attempts,
                List<DeadView> dead,
                Notice notice);

        static native TemplateInstance form(PluginForm form);

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
    public TemplateInstance create(@QueryParam("type") String type) {
        return Templates.form(PluginForm.adding(factory(type)));
    }

    @GET
    @Path("/{id}/edit")
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance edit(@PathParam("id") long id) {
        Channel channel = find(id);
        return Templates.form(
                PluginForm.editing(id, factory(channel.type), channel.name, channel.enabled, channel.config));
    }

    @POST
    @Produces(MediaType.TEXT_HTML)
    public Response add(@RestForm("_csrf") String csrf) {
        return save(null, PostedForm.current());
    }

    @POST
    @Path("/{id}")
    @Produces(MediaType.TEXT_HTML)
    public Response update(@PathParam("id") long id, @RestForm("_csrf") String csrf) {
        find(id);
        return save(id, PostedForm.current());
    }

    @POST
    @Path("/{id}/delete")
    public Response delete(@PathParam("id") long id, @RestForm("_csrf") String csrf) {
        catalog.delete(id);
        return Response.seeOther(URI.create("/channels")).build();
    }

    /** Sends a test notification through the channel and shows what the receiver answered. */
    @POST
    @Path("/{id}/test")
    @Produces(MediaType.TEXT_HTML)
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

    /** Puts a dead notification back in line, under its original id. */
    @POST
    @Path("/notifications/{id}/retry")
    @Produces(MediaType.TEXT_HTML)
    public Response retry(@PathParam("id") String id, @RestForm("_csrf") String csrf) {
        UUID notificationId;
        try {
            notificationId = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new NotFoundException("no notification " + id);
        }
        requeue(notificationId);
        worker.wakeUp();
        return Response.seeOther(URI.create("/channels#dead")).build();
    }

    @Transactional
    void requeue(UUID notificationId) {
        OutboxEntry.requeueDead(notificationId);
    }

    private Response save(Long id, Map<String, String> form) {
        // The catalog keeps a saved secret that is posted blank, so the form need not know the saved config.
        PluginForm.Posted posted = PluginForm.Posted.read(id, factory(form.get("type")), form, Map.of());
        try {
            ChannelDefinition definition =
                    new ChannelDefinition(posted.type(), posted.name(), posted.config(), posted.enabled());
            SavedChannel saved = id == null ? catalog.create(definition) : catalog.update(id, definition);
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
            return Response.status(400)
                    .entity(Templates.form(posted.refused(e.field(), e.getMessage())))
                    .type(MediaType.TEXT_HTML_TYPE)
                    .build();
        }
    }

    private TemplateInstance page(Notice notice) {
        List<Channel> channels = Channel.list("order by name");
        List<ChannelView> views = channels.stream()
                .map(c -> new ChannelView(
                        c.id, c.name, c.type, c.enabled, c.config.getOrDefault("url", c.config.getOrDefault("to", ""))))
                .toList();
        List<DeliveryAttempt> attempts =
                DeliveryAttempt.filtered(null, null, null).page(0, LOG_SHOWN).list();
        List<AttemptView> log = attempts.stream()
                .map(a -> new AttemptView(
                        a.notificationId.toString(),
                        a.channelName,
                        a.kind,
                        a.attempt,
                        a.status,
                        a.responseCode,
                        a.error != null ? a.error : a.response,
                        a.latencyMillis,
                        a.attemptedAt))
                .toList();
        List<OutboxEntry> dead =
                OutboxEntry.withStatus("dead").page(0, LOG_SHOWN).list();
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
