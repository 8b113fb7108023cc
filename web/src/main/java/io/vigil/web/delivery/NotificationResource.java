package io.vigil.web.delivery;

import io.vigil.alerts.channel.Channel;
import io.vigil.alerts.outbox.DeliveryWorker;
import io.vigil.alerts.outbox.OutboxEntry;
import io.vigil.alerts.outbox.OutboxStatus;
import io.vigil.web.audit.AuditLog;
import io.vigil.web.audit.AuditTarget;
import io.vigil.web.http.Page;
import io.vigil.web.http.Paging;
import io.vigil.web.http.Problem;
import io.vigil.web.http.ProblemException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * {@code /api/notifications}: the outbox — what is pending, delivered or dead, per channel — and re-sending a dead
 * notification ({@code POST /api/notifications/{id}/retry}) under its original id.
 */
@Path("/api/notifications")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("viewer")
public class NotificationResource {

    @Inject
    AuditLog audit;

    @Inject
    DeliveryWorker worker;

    /** One notification for one channel. */
    public record NotificationJson(
            String notificationId,
            long channelId,
            String channelName,
            String kind,
            List<Long> alertIds,
            String status,
            int attempts,
            Instant nextAttemptAt,
            String lastError,
            Instant createdAt,
            Instant deliveredAt) {}

    /** What a re-send did. */
    public record RetryJson(String notificationId, int requeued) {}

    @GET
    public Page<NotificationJson> list(
            @QueryParam("status") String status,
            @QueryParam("limit") Integer limit,
            @QueryParam("offset") Integer offset) {
        Paging paging = Paging.of(limit, offset);
        OutboxStatus wanted = status == null
                ? null
                : OutboxStatus.of(status)
                        .orElseThrow(() -> new ProblemException(Problem.of(
                                        400,
                                        "Bad Request",
                                        "status must be one of pending, delivered, dead, not '" + status + "'")
                                .withField("status")));
        List<OutboxEntry> entries = OutboxEntry.withStatus(wanted)
                .range(paging.offset(), paging.offset() + paging.limit() - 1)
                .list();
        Map<Long, String> channelNames =
                Channel.namesOf(entries.stream().map(entry -> entry.channelId).toList());
        List<NotificationJson> items = entries.stream()
                .map(entry -> new NotificationJson(
                        entry.notificationId.toString(),
                        entry.channelId,
                        channelNames.get(entry.channelId),
                        entry.kind,
                        Arrays.stream(entry.alertIds).boxed().toList(),
                        entry.status.id(),
                        entry.attempts,
                        entry.nextAttemptAt,
                        entry.lastError,
                        entry.createdAt,
                        entry.deliveredAt))
                .toList();
        return new Page<>(items, OutboxEntry.countWithStatus(wanted));
    }

    /** Puts a dead notification back in line on every channel where it died; it keeps its id. */
    @POST
    @Path("/{id}/retry")
    @RolesAllowed("admin")
    public RetryJson retry(@PathParam("id") String id) {
        UUID notificationId = DeliveryResource.notificationId(id);
        int requeued = requeue(notificationId);
        audit.record("notification.retry", AuditTarget.notification(notificationId), requeued + " channel(s)");
        worker.wakeUp();
        return new RetryJson(notificationId.toString(), requeued);
    }

    @Transactional
    int requeue(UUID notificationId) {
        if (OutboxEntry.count("notificationId", notificationId) == 0) {
            throw ProblemException.notFound("no notification " + notificationId);
        }
        int requeued = OutboxEntry.requeueDead(notificationId);
        if (requeued == 0) {
            throw new ProblemException(Problem.of(
                    409,
                    "Conflict",
                    "notification " + notificationId + " is not dead on any channel; nothing to re-send"));
        }
        return requeued;
    }
}
