package io.vigil.web.channel;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.vigil.alerts.channel.Channel;
import io.vigil.alerts.channel.ChannelCatalog;
import io.vigil.alerts.channel.ChannelCatalog.ChannelDefinition;
import io.vigil.alerts.channel.ChannelCatalog.SavedChannel;
import io.vigil.alerts.channel.ChannelNotifiers;
import io.vigil.alerts.channel.DeliveryOutcome;
import io.vigil.web.http.Page;
import io.vigil.web.http.Paging;
import io.vigil.web.http.ProblemException;
import jakarta.inject.Inject;
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
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code /api/channels}: where alerts go. Settings are checked against the channel type before they are saved;
 * secret settings are write-only — never in an answer, and a blank one on an edit keeps the saved value.
 */
@Path("/api/channels")
@Produces(MediaType.APPLICATION_JSON)
public class ChannelResource {

    @Inject
    ChannelCatalog catalog;

    @Inject
    ChannelNotifiers notifiers;

    /** What a client sends to create or change a channel. */
    public record ChannelRequest(String type, String name, Map<String, String> config, Boolean enabled) {
        ChannelDefinition toDefinition() {
            return new ChannelDefinition(type, name, config, enabled == null || enabled);
        }
    }

    /**
     * A channel as the API shows it.
     *
     * @param config the settings without the secret ones
     * @param secrets the names of the secret settings that hold a value
     * @param generatedSecret the secret Vigil made for a webhook saved without one; in that one answer only
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
            String generatedSecret) {}

    /** What a test message came to. */
    public record TestJson(boolean delivered, int statusCode, String response, String error) {}

    @GET
    public Page<ChannelJson> list(@QueryParam("limit") Integer limit, @QueryParam("offset") Integer offset) {
        Paging paging = Paging.of(limit, offset);
        List<Channel> channels = Channel.<Channel>find("order by name")
                .range(paging.offset(), paging.offset() + paging.limit() - 1)
                .list();
        return new Page<>(
                channels.stream().map(channel -> toJson(channel, null)).toList(), Channel.count());
    }

    @GET
    @Path("/{id}")
    public ChannelJson get(@PathParam("id") long id) {
        return toJson(find(id), null);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(ChannelRequest request) {
        SavedChannel saved = catalog.create(require(request).toDefinition());
        return Response.created(URI.create("/api/channels/" + saved.channel().id))
                .entity(toJson(saved.channel(), saved.generatedSecret()))
                .build();
    }

    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public ChannelJson update(@PathParam("id") long id, ChannelRequest request) {
        SavedChannel saved = catalog.update(id, require(request).toDefinition());
        if (saved == null) {
            throw ProblemException.notFound("no channel " + id);
        }
        return toJson(saved.channel(), saved.generatedSecret());
    }

    @DELETE
    @Path("/{id}")
    public Response delete(@PathParam("id") long id) {
        if (!catalog.delete(id)) {
            throw ProblemException.notFound("no channel " + id);
        }
        return Response.noContent().build();
    }

    /** Sends a test message through the channel now, outside the outbox, and answers what the receiver said. */
    @POST
    @Path("/{id}/test")
    public TestJson test(@PathParam("id") long id) {
        DeliveryOutcome outcome = notifiers.test(find(id).snapshot());
        return new TestJson(outcome.delivered(), outcome.statusCode(), outcome.response(), outcome.error());
    }

    private ChannelJson toJson(Channel channel, String generatedSecret) {
        Map<String, String> shown = new TreeMap<>();
        List<String> secrets = new java.util.ArrayList<>();
        channel.config.forEach((field, value) -> {
            if (catalog.isSecret(channel.type, field)) {
                secrets.add(field);
            } else {
                shown.put(field, value);
            }
        });
        secrets.sort(String::compareTo);
        return new ChannelJson(
                channel.id,
                channel.type,
                channel.name,
                shown,
                secrets,
                channel.enabled,
                channel.createdAt,
                channel.updatedAt,
                generatedSecret);
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
