package io.vigil.web.delivery;

import io.vigil.alerts.outbox.AttemptStatus;
import io.vigil.alerts.outbox.DeliveryAttempt;
import io.vigil.web.http.Page;
import io.vigil.web.http.Paging;
import io.vigil.web.http.Problem;
import io.vigil.web.http.ProblemException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * {@code GET /api/deliveries}: the delivery log, every attempt newest first, filtered by {@code channel} (an id),
 * {@code status} ({@code delivered}, {@code failed}, {@code dead}) and {@code notification} (an id).
 */
@Path("/api/deliveries")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("viewer")
public class DeliveryResource {

    /**
     * One delivery attempt.
     *
     * @param status {@code delivered}; {@code failed}, tried again later; or {@code dead}, given up
     * @param responseCode the receiver's status (HTTP, SMTP), or {@code null} when it did not answer
     */
    public record DeliveryJson(
            long id,
            String notificationId,
            Long channelId,
            String channelName,
            String kind,
            int attempt,
            String status,
            Integer responseCode,
            String response,
            String error,
            long latencyMs,
            Instant attemptedAt) {

        static DeliveryJson from(DeliveryAttempt attempt) {
            return new DeliveryJson(
                    attempt.id,
                    attempt.notificationId.toString(),
                    attempt.channelId,
                    attempt.channelName,
                    attempt.kind,
                    attempt.attempt,
                    attempt.status.id(),
                    attempt.responseCode,
                    attempt.response,
                    attempt.error,
                    attempt.latencyMillis,
                    attempt.attemptedAt);
        }
    }

    @GET
    public Page<DeliveryJson> list(
            @QueryParam("limit") Integer limit,
            @QueryParam("offset") Integer offset,
            @QueryParam("channel") Long channel,
            @QueryParam("status") String status,
            @QueryParam("notification") String notification) {
        Paging paging = Paging.of(limit, offset);
        AttemptStatus wanted = status == null
                ? null
                : AttemptStatus.of(status)
                        .orElseThrow(() -> new ProblemException(Problem.of(
                                        400,
                                        "Bad Request",
                                        "status must be one of delivered, failed, dead, not '" + status + "'")
                                .withField("status")));
        var query = DeliveryAttempt.filtered(channel, wanted, notificationId(notification));
        List<DeliveryJson> items = query.range(paging.offset(), paging.offset() + paging.limit() - 1).list().stream()
                .map(DeliveryJson::from)
                .toList();
        return new Page<>(items, query.count());
    }

    /** A notification id from a query or path parameter, refused with a problem document when malformed. */
    static UUID notificationId(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return UUID.fromString(text.strip());
        } catch (IllegalArgumentException e) {
            throw new ProblemException(Problem.of(400, "Bad Request", "'" + text + "' is not a notification id")
                    .withField("notification"));
        }
    }
}
